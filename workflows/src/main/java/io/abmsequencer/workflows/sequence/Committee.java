package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.playbook.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is on the buying committee now and who of them may still be reached, from what the sequence
 * knows (list refreshes, opt-outs, bounces). Pure.
 */
final class Committee {
  private Committee() {}

  /** The committee now: as launched, with the people a list refresh added or removed. */
  static List<Contact> now(List<Contact> launched, SequenceState s) {
    if (s.addedContacts.isEmpty() && s.removedContacts.isEmpty()) return launched;
    List<Contact> now = new ArrayList<>();
    for (Contact c : launched) if (!s.removedContacts.contains(c.id())) now.add(c);
    for (Contact c : s.addedContacts) if (!s.removedContacts.contains(c.id())) now.add(c);
    return now;
  }

  /**
   * Applies a list refresh to what the sequence knows: someone removed and listed again is back, and
   * someone listed again who never left is not added twice. With {@code relistsOnce} (version
   * "relisted-once") someone removed and listed again is only no longer removed; before, they were
   * also added again, so the committee held them twice (each step still sent them one touch, but ad
   * syncs, the read model and the expansion handover saw two).
   *
   * @param launched the committee the sequence was launched with
   */
  static void refresh(CommitteeChange change, List<Contact> launched, SequenceState s, boolean relistsOnce) {
    Set<String> known = new HashSet<>();
    for (Contact c : relistsOnce ? everyone(launched, s) : now(launched, s)) known.add(c.id());
    for (Contact c : change.added()) {
      s.removedContacts.remove(c.id());
      if (known.add(c.id())) s.addedContacts.add(c);
    }
    for (String id : change.removedContactIds()) if (known.contains(id)) s.removedContacts.add(id);
  }

  /** Everyone the sequence has known, removed or not. */
  private static List<Contact> everyone(List<Contact> launched, SequenceState s) {
    List<Contact> all = new ArrayList<>(launched);
    all.addAll(s.addedContacts);
    return all;
  }

  /** Still on the committee and reachable on some channel. */
  static boolean reachable(Contact c, SequenceState s) {
    return !s.removedContacts.contains(c.id()) && reachableOnAnyChannel(c, s);
  }

  /** The first of {@code committee} in the role who may still be reached, or null. */
  static Contact firstReachable(List<Contact> committee, Role role, SequenceState s) {
    for (Contact c : committee) if (c.role() == role && reachableOnAnyChannel(c, s)) return c;
    return null;
  }

  private static boolean reachableOnAnyChannel(Contact c, SequenceState s) {
    return SequenceRules.emailable(c, s.emailOut) || SequenceRules.textable(c, s.smsOut);
  }

  /** Notes the contact as unreachable on the opt-out's channel(s); false when it was known already. */
  static boolean markOut(SequenceState s, OptOut optOut) {
    String channel = optOut.channel() == null ? "ALL" : optOut.channel();
    String reason = optOut.reason() == null ? "OPTED_OUT" : optOut.reason();
    boolean changed = false;
    if (!channel.equals("SMS")) changed |= s.emailOut.putIfAbsent(optOut.contactId(), reason) == null;
    if (!channel.equals("EMAIL")) changed |= s.smsOut.putIfAbsent(optOut.contactId(), reason) == null;
    return changed;
  }

  /**
   * Who may not be reached and why, one entry per contact, as the status shows it: one reason, or
   * the e-mail and the text reasons joined by a comma when they differ.
   */
  static Map<String, String> unreachable(SequenceState s) {
    Map<String, String> all = new LinkedHashMap<>(s.emailOut);
    s.smsOut.forEach((k, v) -> all.merge(k, v, (a, b) -> a.equals(b) ? a : a + "," + b));
    return all;
  }
}
