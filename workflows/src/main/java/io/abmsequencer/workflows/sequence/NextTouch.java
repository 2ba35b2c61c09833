package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Step;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.playbook.WaitStep;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The next planned touch of a running sequence, from the same timeline the preview uses. Pure. */
public final class NextTouch {

  public record Planned(String description, Instant at) {}

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm");

  private NextTouch() {}

  /**
   * @param waitEnds the end of the wait in progress at {@code cursor}, or null
   * @return the first touch, task or review from the current step on (guards decided with the
   *     current score), or null when none is left
   */
  public static Planned of(
      Playbook playbook, int cursor, Instant waitEnds, Instant now, List<Contact> committee,
      Map<String, String> emailOut, Map<String, String> smsOut, int score) {
    int from = cursor;
    Instant start = now;
    if (cursor < playbook.steps().size() && playbook.steps().get(cursor) instanceof WaitStep && waitEnds != null) {
      from = cursor + 1;
      start = waitEnds;
    }
    ZoneId zone = playbook.calendar().timeZone();
    for (Timeline.Entry e : Timeline.plan(playbook, from, start, recipients(committee, emailOut, smsOut, zone), score)) {
      if (e.kind() == Timeline.Kind.WAIT || e.kind() == Timeline.Kind.SKIPPED) continue;
      return new Planned(e.description(), e.at());
    }
    return null;
  }

  static List<Timeline.Recipient> recipients(
      List<Contact> committee, Map<String, String> emailOut, Map<String, String> smsOut, ZoneId fallback) {
    List<Timeline.Recipient> out = new ArrayList<>();
    for (Contact c : committee) {
      boolean sms = SequenceRules.textable(c, smsOut);
      if (!SequenceRules.emailable(c, emailOut) && !sms) continue;
      out.add(new Timeline.Recipient(c.id(), c.fullName(), c.role(), c.zone(fallback), sms));
    }
    return out;
  }

  /** "Tue 2027-01-12 09:00 America/New_York", for details shown to people. */
  public static String when(Instant at, ZoneId zone) {
    return WHEN.format(at.atZone(zone)) + " " + zone.getId();
  }

  static boolean isWait(Step step) {
    return step instanceof WaitStep;
  }
}
