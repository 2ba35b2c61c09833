package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.calendar.BusinessCalendar;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.sequence.SequenceState.StepProgress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Who an e-mail or text step reaches next, and when. The workflow waits and sends in this order and
 * the next touch reports it, so what the status says is what the sequence does. Pure.
 */
final class SendOrder {
  /** When a cap deferred a touch without saying until when, it is tried again this much later. */
  static final Duration CAP_RETRY = Duration.ofHours(1);

  private SendOrder() {}

  /**
   * When the step's touch may go out to {@code c}: their send window (for a text also the SMS hours),
   * after a sending cap's deferral and their absence. Null for a text that can never go out (the send
   * window never meets the SMS hours) — except with {@code smsHoursKept} false: sequences started
   * before the version "kept-promises" send such a text in the send window alone, and must replay so.
   */
  static Instant at(BusinessCalendar calendar, Contact c, StepProgress progress, Map<String, Instant> away, Instant now,
      boolean sms, boolean smsHoursKept) {
    Instant notBefore = now;
    Instant deferred = progress.deferred.get(c.id());
    if (deferred != null && deferred.isAfter(notBefore)) notBefore = deferred;
    Instant back = away.get(c.id());
    if (back != null && back.isAfter(notBefore)) notBefore = back;
    ZoneId zone = c.zone(calendar.timeZone());
    Instant at = Timeline.sendAt(calendar, notBefore, zone, sms);
    return at == null && !smsHoursKept ? calendar.nextOpening(notBefore, zone) : at;
  }

  /** True while {@code c} is still to get the step in progress: on the committee, not sent to, reachable on its channel. */
  static boolean due(Contact c, SequenceState s, boolean sms) {
    if (s.progress.done.contains(c.id()) || s.removedContacts.contains(c.id())) return false;
    return sms ? SequenceRules.textable(c, s.smsOut) : SequenceRules.emailable(c, s.emailOut);
  }

  /** The addressed contact due first who is still to get the step in progress, or null. */
  static Contact next(List<Contact> addressed, SequenceState s, BusinessCalendar calendar, Instant now, boolean sms, boolean smsHoursKept) {
    Contact best = null;
    Instant bestAt = null;
    for (Contact c : addressed) {
      if (!due(c, s, sms)) continue;
      Instant at = at(calendar, c, s.progress, s.away, now, sms, smsHoursKept);
      if (at != null && (bestAt == null || at.isBefore(bestAt))) {
        best = c;
        bestAt = at;
      }
    }
    return best;
  }

  /**
   * Why the touch to {@code c} waits until {@code at}, in the contact's own clock: their absence while
   * it lasts, else a cap's deferral while it lasts, else the send window.
   *
   * @param what the touch, e.g. "email to CHAMPION"
   */
  static String waitReason(Contact c, String what, Instant at, SequenceState s, BusinessCalendar calendar, Instant now) {
    ZoneId zone = c.zone(calendar.timeZone());
    Instant back = s.away.get(c.id());
    Instant deferred = s.progress.deferred.get(c.id());
    if (back != null && !back.isBefore(now)) {
      return "Out of office until " + NextTouch.when(back, zone) + ": " + what + " waits until " + NextTouch.when(at, zone);
    }
    if (deferred != null && !deferred.isBefore(now)) {
      return "Deferred by a sending cap: " + what + " at " + NextTouch.when(at, zone);
    }
    return "Deferred to the send window: " + what + " at " + NextTouch.when(at, zone);
  }

  /** When a touch a sending cap deferred is tried again: when the cap allows it, or in an hour when it does not say. */
  static Instant retryAt(TouchResult deferred, Instant now) {
    return deferred.notBefore() != null ? deferred.notBefore() : now.plus(CAP_RETRY);
  }
}
