package io.abmsequencer.starter.playbook;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.sequence.NextTouch;
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

  private Preview() {}

  public static Result of(Playbook playbook, Request request) {
    Request r = request == null ? new Request(null, null, null) : request;
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
        "Business days, holidays and each person's send window are applied; tasks and reviews are assumed"
            + " to take until their due date" + (r.score() == null ? "; guarded steps are shown with their condition" : ""),
        lines);
  }

  private static List<Timeline.Recipient> recipients(List<Person> people, Playbook playbook) {
    List<Timeline.Recipient> out = new java.util.ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      Person p = people.get(i);
      if (p == null || p.role() == null) {
        throw io.abmsequencer.starter.web.ApiException.invalidField("contacts[" + i + "].role", "required: one of " + java.util.Arrays.toString(Role.values()));
      }
      out.add(recipient(p, playbook));
    }
    return out;
  }

  private static Timeline.Recipient recipient(Person p, Playbook playbook) {
    ZoneId zone = p.timeZone() == null || p.timeZone().isBlank() ? playbook.calendar().timeZone() : ZoneId.of(p.timeZone());
    String name = p.name() == null ? p.role().name() : p.name();
    return new Timeline.Recipient(name, name, p.role(), zone, p.sms() == null || p.sms());
  }
}
