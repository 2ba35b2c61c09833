package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.playbook.EmailStep;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.SmsStep;
import io.abmsequencer.workflows.playbook.Step;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.playbook.WaitStep;
import io.abmsequencer.workflows.sequence.SequenceState.StepProgress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The next planned touch of a running sequence, from the same timeline the preview uses. Pure. */
public final class NextTouch {

  /**
   * @param at when it goes out; null while the sequence is paused (nothing goes out until it is resumed)
   * @param stepIndex the step it belongs to
   */
  public record Planned(String description, Instant at, int stepIndex) {}

  /**
   * Pinned to English: these words reach people and timer summaries, and a worker's default locale
   * (German day names, Thai or Arabic digits) must not change them, nor anything decided from them.
   */
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

  private NextTouch() {}

  /**
   * What the sequence will really do next: in a step under way, the touch due first among those the
   * step has not sent yet (after a cap's deferral and an absence); after a wait or an open task or
   * review, the first touch after it ends (tasks and reviews taken to their due date, as the preview
   * does); else the plan from the current step (guards decided with the current score, absences
   * kept). Null when nothing is left.
   */
  public static Planned of(Playbook playbook, SequenceState s, List<Contact> committee, Instant now) {
    Planned next = upcoming(playbook, s, committee, now);
    return next == null || !s.paused ? next : new Planned(next.description(), null, next.stepIndex());
  }

  private static Planned upcoming(Playbook playbook, SequenceState s, List<Contact> committee, Instant now) {
    List<Step> steps = playbook.steps();
    if (s.exiting() || s.cursor >= steps.size()) return null;
    Step step = steps.get(s.cursor);
    StepProgress p = s.progress;
    List<Timeline.Recipient> recipients = recipients(committee, s.emailOut, s.smsOut, s.away, playbook.calendar().timeZone());
    int from = s.cursor;
    Instant start = now;
    if (p != null) {
      from = s.cursor + 1;
      if (p.deadline != null && (step instanceof WaitStep || p.itemId != null)) {
        start = p.deadline.isAfter(now) ? p.deadline : now;
      } else if (step instanceof EmailStep || step instanceof SmsStep) {
        boolean sms = step instanceof SmsStep;
        List<Contact> addressed = SequenceRules.holding(to(step), committee);
        Contact c = SendOrder.next(addressed, s, playbook.calendar(), now, sms, true);
        if (c != null) return new Planned(step.describe(), SendOrder.at(playbook.calendar(), c, p, s.away, now, sms, true), s.cursor);
      } else {
        // Started and not yet acted (an ads step, a task or review waiting for business hours): its
        // guard was met when it started, whatever the score is now.
        for (Timeline.Entry e : Timeline.plan(playbook, s.cursor, now, recipients, null)) {
          if (e.stepIndex() != s.cursor) break;
          if (isTouch(e)) return new Planned(e.description(), e.at(), e.stepIndex());
        }
      }
    }
    for (Timeline.Entry e : Timeline.plan(playbook, from, start, recipients, s.score)) {
      if (isTouch(e)) return new Planned(e.description(), e.at(), e.stepIndex());
    }
    return null;
  }

  /**
   * The next touch as sequences started before the version "kept-promises" compute it for their
   * search attribute and details: the plan of the current step from now, for everyone (what the step
   * already sent or deferred ignored), texts in the send window alone when it never meets the SMS
   * hours. Kept only so their history replays.
   *
   * @param waitEnds the end of the wait in progress at {@code cursor}, or null
   */
  static Planned asBefore(
      Playbook playbook, int cursor, Instant waitEnds, Instant now, List<Contact> committee,
      Map<String, String> emailOut, Map<String, String> smsOut, int score) {
    int from = cursor;
    Instant start = now;
    if (cursor < playbook.steps().size() && playbook.steps().get(cursor) instanceof WaitStep && waitEnds != null) {
      from = cursor + 1;
      start = waitEnds;
    }
    ZoneId zone = playbook.calendar().timeZone();
    for (Timeline.Entry e : Timeline.plan(playbook, from, start, recipients(committee, emailOut, smsOut, Map.of(), zone), score, false)) {
      if (isTouch(e)) return new Planned(e.description(), e.at(), e.stepIndex());
    }
    return null;
  }

  private static boolean isTouch(Timeline.Entry e) {
    return e.kind() != Timeline.Kind.WAIT && e.kind() != Timeline.Kind.SKIPPED;
  }

  private static List<Role> to(Step step) {
    return step instanceof EmailStep e ? e.to() : ((SmsStep) step).to();
  }

  static List<Timeline.Recipient> recipients(
      List<Contact> committee, Map<String, String> emailOut, Map<String, String> smsOut, Map<String, Instant> away, ZoneId fallback) {
    List<Timeline.Recipient> out = new ArrayList<>();
    for (Contact c : committee) {
      boolean sms = SequenceRules.textable(c, smsOut);
      if (!SequenceRules.emailable(c, emailOut) && !sms) continue;
      out.add(new Timeline.Recipient(c.id(), c.fullName(), c.role(), c.zone(fallback), sms, away.get(c.id())));
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
