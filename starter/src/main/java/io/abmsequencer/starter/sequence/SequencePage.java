package io.abmsequencer.starter.sequence;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.reviews.ReviewRow;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.EmailStep;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.SmsStep;
import io.abmsequencer.workflows.playbook.Step;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.playbook.WaitStep;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.NextTouch;
import io.abmsequencer.workflows.sequence.OpenItem;
import io.abmsequencer.workflows.sequence.SequenceStatus;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sequence arranged for its page: the committee with who can no longer be reached, what was
 * done (touches from the ledger, closed tasks and reviews) and what is planned (the playbook's
 * timeline from the step after the current one), every date in the person's own zone.
 */
record SequencePage(
    SequenceRow row, SequenceStatus live, String note, SequenceStatusCode status, boolean paused, boolean running, String zone,
    List<Member> committee, List<Event> done, List<Event> planned, boolean planShown, List<TaskRow> openTasks,
    List<ReviewRow> openReviews, List<Count> engagement, String nextTouchWhen, String updated) {

  /**
   * A committee member.
   *
   * @param unreachable null when reachable; else OPTED_OUT, BOUNCED or SUPPRESSED (from the live status)
   */
  record Member(String name, String title, String role, String email, String phone, String zone, boolean sms, String linkedin,
      String unreachable) {}

  /**
   * A dated line of the timeline.
   *
   * @param kind EMAIL, SMS, ADS, TASK, REVIEW, WAIT or SKIPPED
   * @param outcome a message key for what became of it; null for planned lines
   * @param note who closed it and their note, or the guard of a planned step
   */
  record Event(Instant at, String when, String kind, String what, String to, String outcome, String note) {}

  record Count(EngagementType type, int count) {}

  static SequencePage of(SequenceService.Detail detail, Playbook playbook, Instant now) {
    SequenceRow row = detail.sequence();
    SequenceStatus live = detail.live();
    ZoneId zone = playbook == null ? ZoneId.of("UTC") : playbook.calendar().timeZone();
    SequenceStatusCode status = live != null ? live.status() : row.status();
    boolean paused = live != null ? live.paused() : status == SequenceStatusCode.PAUSED;
    boolean running = status != SequenceStatusCode.EXITED && (live != null || detail.note() == null);
    Map<String, String> out = live == null || live.unreachable() == null ? Map.of() : live.unreachable();

    Map<String, Contact> byId = new LinkedHashMap<>();
    List<Member> committee = new ArrayList<>();
    for (Contact c : detail.contacts()) {
      byId.put(c.id(), c);
      committee.add(new Member(c.fullName(), c.title(), c.role().name(), c.email(), c.phone(), c.zone(zone).getId(),
          c.smsConsent(), c.linkedinUrl(), unreachable(out.get(c.id()))));
    }

    List<Event> done = new ArrayList<>();
    for (TouchRow t : detail.touches()) {
      Contact c = byId.get(t.contactId());
      Instant at = t.sentAt() != null ? t.sentAt() : t.createdAt();
      ZoneId shown = c == null ? zone : c.zone(zone);
      String to = c == null ? t.recipient() : c.fullName() + " (" + c.role() + ")";
      if (t.channel() == Channel.ADS) {
        // An audience change: the ledger's detail says it in words; its body is a list of contact ids.
        done.add(new Event(at, NextTouch.when(at, zone), "ADS", t.detail() == null ? t.stepKey() : t.detail(), null,
            "sequences.touch." + t.status(), null));
        continue;
      }
      done.add(new Event(at, NextTouch.when(at, shown), t.channel().name(), what(t), to, "sequences.touch." + t.status(), t.detail()));
    }
    for (TaskRow task : detail.tasks()) {
      if (task.isOpen() || task.closedAt() == null) continue;
      String outcome = task.state() == TaskState.DONE && task.outcome() != null
          ? "sequences.outcome." + task.outcome() : "sequences.state." + task.state();
      done.add(new Event(task.closedAt(), NextTouch.when(task.closedAt(), zone), "TASK", task.type().label() + ": " + task.title(),
          task.contactName(), outcome, by(task.closedBy(), task.note())));
    }
    for (ReviewRow review : detail.reviews()) {
      if (review.isOpen() || review.closedAt() == null) continue;
      String outcome = review.state() == TaskState.DONE && review.decision() != null
          ? "sequences.decision." + review.decision() : "sequences.state." + review.state();
      String note = by(review.decidedBy(), review.note());
      if (review.newTier() != null) note = (note == null ? "" : note + " · ") + review.newTier().label();
      done.add(new Event(review.closedAt(), NextTouch.when(review.closedAt(), zone), "REVIEW", review.question(), null, outcome, note));
    }
    done.sort(Comparator.comparing(Event::at));

    boolean planShown = running && !paused && live != null && playbook != null && live.stepIndex() >= 0;
    Instant lastActivity = done.isEmpty() ? live == null ? row.startedAt() : live.startedAt() : done.get(done.size() - 1).at();
    List<Event> planned = planShown ? planned(playbook, live, detail.contacts(), out, zone, now, lastActivity) : List.of();

    List<Count> engagement = new ArrayList<>();
    if (live != null && live.engagement() != null) live.engagement().forEach((type, n) -> engagement.add(new Count(type, n)));

    Instant nextAt = live != null ? live.nextTouchAt() : row.nextTouchAt();
    return new SequencePage(row, live, detail.note(), status, paused, running, zone.getId(), committee, done, planned, planShown,
        detail.tasks().stream().filter(TaskRow::isOpen).toList(), detail.reviews().stream().filter(ReviewRow::isOpen).toList(),
        engagement, nextAt == null ? null : NextTouch.when(nextAt, zone),
        row.updatedAt() == null ? null : NextTouch.when(row.updatedAt(), zone));
  }

  /**
   * The plan after the current step. A wait in progress ends where the sequence's next touch begins
   * (that time already counts it); with no next touch known (only guarded steps left), the wait is
   * counted from the last thing that happened, an estimate.
   */
  private static List<Event> planned(Playbook playbook, SequenceStatus live, List<Contact> contacts, Map<String, String> out, ZoneId zone,
      Instant now, Instant lastActivity) {
    int from = live.stepIndex() + 1;
    Instant start = now;
    boolean waiting = playbook.steps().get(live.stepIndex()) instanceof WaitStep;
    for (List<OpenItem> items : List.of(live.openTasks(), live.openReviews())) {
      for (OpenItem item : items) if (item.blocking() && item.dueAt() != null && item.dueAt().isAfter(start)) start = item.dueAt();
    }
    Step current = playbook.steps().get(live.stepIndex());
    boolean sending = current instanceof EmailStep || current instanceof SmsStep;
    if (sending && live.nextTouchAt() != null && live.nextTouchAt().isAfter(start)) {
      start = live.nextTouchAt(); // the step ends when its last touch has gone out in its send window
    }
    if (waiting && live.nextTouchAt() != null) {
      start = live.nextTouchAt();
    } else if (waiting && lastActivity != null) {
      from = live.stepIndex();
      start = lastActivity;
      waiting = false;
    }
    if (from >= playbook.steps().size()) return List.of();
    List<Timeline.Recipient> reachable = new ArrayList<>();
    for (Contact c : contacts) {
      if (out.containsKey(c.id())) continue;
      reachable.add(new Timeline.Recipient(c.id(), c.fullName(), c.role(), c.zone(zone), c.smsConsent() && c.phone() != null));
    }
    List<Event> events = new ArrayList<>();
    boolean leading = waiting;
    for (Timeline.Entry e : Timeline.plan(playbook, from, start, reachable, null)) {
      // The next touch's time already counts the waits before it.
      if (leading && e.kind() == Timeline.Kind.WAIT) continue;
      leading = false;
      ZoneId shown = e.recipient() != null ? e.recipient().zone() : zone;
      String what = e.description() + (e.until() == null ? "" : " — " + (e.kind() == Timeline.Kind.WAIT ? "until " : "due ")
          + NextTouch.when(e.until(), zone));
      events.add(new Event(e.at(), NextTouch.when(e.at(), shown), e.kind().name(), what,
          e.recipient() == null ? null : e.recipient().name() + " (" + e.recipient().role() + ")", null, e.guard()));
    }
    return events;
  }

  private static String what(TouchRow t) {
    if (t.channel() == Channel.EMAIL && t.subject() != null) return t.subject();
    if (t.body() != null) return t.body().length() > 90 ? t.body().substring(0, 87) + "…" : t.body();
    return t.stepKey();
  }

  private static String by(String who, String note) {
    if (who == null && note == null) return null;
    if (who == null) return note;
    return note == null || note.isBlank() ? who : who + ": " + note;
  }

  private static String unreachable(String reason) {
    if (reason == null) return null;
    if (reason.contains("BOUNCE")) return "BOUNCED";
    if (reason.contains("OPT") || reason.contains("STOP") || reason.contains("UNSUB") || reason.contains("COMPLAINT")) return "OPTED_OUT";
    return "SUPPRESSED";
  }
}
