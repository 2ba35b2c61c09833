package io.abmsequencer.starter.playbook;

import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.sequence.NextTouch;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The dated timeline of a playbook for an example account, computed without running anything. */
public final class Preview {

  /**
   * What to preview for; every field optional.
   *
   * @param start when the sequence would start (default: now)
   * @param contacts the committee (default: one example person per role, in the playbook's zone)
   * @param score decide guards with this score; without it, guarded steps are shown with their condition
   */
  public record Request(Instant start, List<Person> contacts, Integer score) {}

  public record Person(String name, Role role, String timeZone, Boolean sms) {}

  public record Line(
      String stepId, String kind, Instant at, String atLocal, Instant until, String description, String to, String guard) {}

  public record Result(
      String playbookId, int version, String name, Instant start, Instant end, long days, double months,
      int touches, String assumptions, List<Line> lines) {}

  /** A committee is a handful of people; a preview of thousands says nothing more and costs a lot. */
  static final int MAX_CONTACTS = 100;

  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private Preview() {}

  /** @throws ApiException 400 naming the field of the request that cannot be previewed */
  public static Result of(Playbook playbook, Request request) {
    Request r = request == null ? new Request(null, null, null) : request;
    if (r.start() != null && (r.start().isBefore(EARLIEST) || r.start().isAfter(LATEST))) {
      throw ApiException.invalidField("start", "must be between " + EARLIEST + " and " + LATEST + ", found " + r.start());
    }
    if (r.contacts() != null && r.contacts().size() > MAX_CONTACTS) {
      throw ApiException.invalidField("contacts", String.format(java.util.Locale.ROOT,
          "at most %d people can be previewed at once, found %,d", MAX_CONTACTS, r.contacts().size()));
    }
    Instant start = r.start() != null ? r.start() : Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<Timeline.Recipient> committee = r.contacts() == null || r.contacts().isEmpty()
        ? Timeline.exampleCommittee(playbook)
        : recipients(r.contacts(), playbook);
    List<Timeline.Entry> entries = Timeline.plan(playbook, 0, start, committee, r.score());
    Instant end = start;
    int touches = 0;
    ZoneId zone = playbook.calendar().timeZone();
    List<Line> lines = new java.util.ArrayList<>();
    for (Timeline.Entry e : entries) {
      Instant last = e.until() != null ? e.until() : e.at();
      if (last.isAfter(end)) end = last;
      if (e.kind() != Timeline.Kind.WAIT && e.kind() != Timeline.Kind.SKIPPED) touches++;
      ZoneId shownIn = e.recipient() != null ? e.recipient().zone() : zone;
      lines.add(new Line(e.stepId(), e.kind().name(), e.at(), NextTouch.when(e.at(), shownIn), e.until(), e.description(),
          e.recipient() == null ? null : e.recipient().name() + " (" + e.recipient().role() + ")", e.guard()));
    }
    long days = ChronoUnit.DAYS.between(start, end);
    return new Result(playbook.id(), playbook.version(), playbook.name(), start, end, days,
        Math.round(days / 30.44 * 10) / 10.0, touches,
        "Business days, holidays and each person's send window are applied (texts also only in the SMS hours, "
            + io.abmsequencer.workflows.calendar.SendWindow.SMS_HOURS + " in their zone); tasks and reviews are assumed"
            + " to take until their due date" + (r.score() == null ? "; guarded steps are shown with their condition" : ""),
        lines);
  }

  private static List<Timeline.Recipient> recipients(List<Person> people, Playbook playbook) {
    List<Timeline.Recipient> out = new java.util.ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      Person p = people.get(i);
      if (p == null || p.role() == null) {
        throw ApiException.invalidField("contacts[" + i + "].role", "required: one of " + java.util.Arrays.toString(Role.values()));
      }
      out.add(recipient(p, i, playbook));
    }
    return out;
  }

  private static Timeline.Recipient recipient(Person p, int index, Playbook playbook) {
    ZoneId zone;
    try {
      zone = p.timeZone() == null || p.timeZone().isBlank() ? playbook.calendar().timeZone() : ZoneId.of(p.timeZone().trim());
    } catch (DateTimeException e) {
      throw ApiException.invalidField("contacts[" + index + "].timeZone",
          "unknown time zone '" + p.timeZone() + "'; expected an IANA zone like America/New_York or Europe/Berlin");
    }
    String name = p.name() == null ? p.role().name() : p.name();
    return new Timeline.Recipient(name, name, p.role(), zone, p.sms() == null || p.sms());
  }
}
