package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.ExitTrigger;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Scoring;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.Threshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The sequence's decisions that need no Temporal: scoring, threshold crossings, exits and who may
 * be reached. Pure functions, unit-tested on their own; the workflow only orchestrates.
 */
public final class SequenceRules {
  private SequenceRules() {}

  /** Points a batch adds, with the playbook's weights. */
  public static int points(Scoring scoring, Map<EngagementType, Integer> counts) {
    int total = 0;
    for (Map.Entry<EngagementType, Integer> e : counts.entrySet()) {
      if (e.getKey() != null && e.getValue() != null) total += scoring.weight(e.getKey()) * e.getValue();
    }
    return total;
  }

  /**
   * Updates {@code reached} for a score change and returns the thresholds entered, lowest first —
   * once per crossing: a threshold is entered again only after the score fell below it.
   */
  public static List<Integer> entered(List<Threshold> thresholds, int newScore, SortedSet<Integer> reached) {
    List<Integer> entered = new ArrayList<>();
    for (Threshold t : thresholds) {
      if (newScore >= t.score()) {
        if (reached.add(t.score())) entered.add(t.score());
      } else {
        reached.remove(t.score());
      }
    }
    entered.sort(Integer::compare);
    return entered;
  }

  /** The exit a batch causes under the playbook's rules, or null. */
  public static ExitReason exitFor(Map<EngagementType, Integer> counts, Playbook playbook) {
    if (positive(counts.get(EngagementType.MEETING_BOOKED)) && playbook.exitsOn(ExitTrigger.MEETING_BOOKED)) {
      return ExitReason.MEETING_BOOKED;
    }
    if (positive(counts.get(EngagementType.EMAIL_REPLY)) && playbook.exitsOn(ExitTrigger.REPLIED)) {
      return ExitReason.REPLIED;
    }
    return null;
  }

  /** The exit a CRM stage causes under the playbook's rules, or null. */
  public static ExitReason exitFor(AccountStage stage, Playbook playbook) {
    return switch (stage) {
      case OPPORTUNITY -> playbook.exitsOn(ExitTrigger.OPPORTUNITY_CREATED) ? ExitReason.OPPORTUNITY_CREATED : null;
      case CLOSED_WON -> playbook.exitsOn(ExitTrigger.CLOSED_WON) ? ExitReason.CLOSED_WON : null;
      case CLOSED_LOST -> playbook.exitsOn(ExitTrigger.CLOSED_LOST) ? ExitReason.CLOSED_LOST : null;
      case DISQUALIFIED -> playbook.exitsOn(ExitTrigger.DISQUALIFIED) ? ExitReason.DISQUALIFIED : null;
    };
  }

  /** The exit an SDR's task outcome causes under the playbook's rules, or null. */
  public static ExitReason exitFor(TaskOutcome outcome, Playbook playbook) {
    if (outcome == TaskOutcome.MEETING_BOOKED && playbook.exitsOn(ExitTrigger.MEETING_BOOKED)) return ExitReason.MEETING_BOOKED;
    if (outcome == TaskOutcome.DISQUALIFIED && playbook.exitsOn(ExitTrigger.DISQUALIFIED)) return ExitReason.DISQUALIFIED;
    return null;
  }

  public static boolean emailable(Contact c, Map<String, String> emailOut) {
    return c.email() != null && !emailOut.containsKey(c.id());
  }

  public static boolean textable(Contact c, Map<String, String> smsOut) {
    return c.phone() != null && !c.phone().isBlank() && c.smsConsent() && !smsOut.containsKey(c.id());
  }

  /** True when nobody on the committee can be reached on any channel any more. */
  public static boolean nobodyReachable(List<Contact> committee, Map<String, String> emailOut, Map<String, String> smsOut) {
    for (Contact c : committee) if (emailable(c, emailOut) || textable(c, smsOut)) return false;
    return true;
  }

  /** The committee members holding one of the roles, in committee order. */
  public static List<Contact> holding(List<Role> roles, List<Contact> committee) {
    List<Contact> out = new ArrayList<>();
    for (Contact c : committee) if (roles.contains(c.role())) out.add(c);
    return out;
  }

  /**
   * The strongest kind of engagement in a batch, by the default weights (a demo request over a page
   * visit): what the SDR's tasks name as the last engagement. The first of equals; null for none.
   */
  public static EngagementType strongest(Map<EngagementType, Integer> counts) {
    EngagementType best = null;
    for (EngagementType t : counts.keySet()) if (t != null && (best == null || t.defaultWeight() > best.defaultWeight())) best = t;
    return best;
  }

  private static boolean positive(Integer n) {
    return n != null && n > 0;
  }
}
