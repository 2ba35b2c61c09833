package io.abmsequencer.workflows.playbook;

import io.abmsequencer.workflows.calendar.BusinessCalendar;
import io.abmsequencer.workflows.calendar.SendWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "What happens when": the dated plan of a playbook for a committee, computed without running
 * anything. The sequence workflow uses the same functions for its own timing, so the preview a
 * marketer sees is what the sequence does (up to engagement, which decides guards, and people,
 * who may finish a task before its due date: the preview assumes they take until then).
 */
public final class Timeline {

  /**
   * Who a touch goes to, without PII beyond a display name.
   *
   * @param notBefore nothing goes to them before this (they are out of office until then), or null
   */
  public record Recipient(String contactId, String name, Role role, ZoneId zone, boolean sms, Instant notBefore) {
    public Recipient(String contactId, String name, Role role, ZoneId zone, boolean sms) {
      this(contactId, name, role, zone, sms, null);
    }
  }

  public enum Kind {
    EMAIL,
    SMS,
    ADS,
    TASK,
    REVIEW,
    WAIT,
    SKIPPED
  }

  /**
   * One dated line of the plan.
   *
   * @param until end of a wait, due date of a task or review; else null
   * @param recipient for e-mail and SMS; else null
   * @param guard the step's condition, shown as "only if score >= 40"; null when unconditional
   */
  public record Entry(
      int stepIndex, String stepId, Kind kind, Instant at, Instant until, String description, Recipient recipient, String guard) {}

  /** The step at which a plan passes its maximum length, and how long it has run by then. */
  public record Overrun(Step step, long months) {}

  private Timeline() {}

  /**
   * When a touch to someone in {@code zone} may go out, at or after {@code notBefore}: their send
   * window, and for a text also the SMS hours. Null for a text when the playbook's send window never
   * meets the SMS hours ({@link #textsNeverGoOut}): it can never go out.
   */
  public static Instant sendAt(BusinessCalendar calendar, Instant notBefore, ZoneId zone, boolean sms) {
    return calendar.nextOpening(notBefore, zone, sms ? SendWindow.SMS_HOURS : null);
  }

  /**
   * Why no text of the playbook can ever go out, in a marketer's words, or null when texts can: the
   * SMS hours are a legal limit, and a send window that never meets them leaves no moment for a text.
   */
  public static String textsNeverGoOut(BusinessCalendar calendar) {
    if (calendar.windowWith(SendWindow.SMS_HOURS) != null) return null;
    return "texts go out only in the SMS hours, " + SendWindow.SMS_HOURS + " in each person's time zone, and the send window "
        + calendar.sendWindow() + " never meets them";
  }

  /** Tasks and reviews open at the next business opening on the account clock. */
  public static Instant opensAt(BusinessCalendar calendar, Instant notBefore) {
    return calendar.nextOpening(notBefore, calendar.timeZone());
  }

  /** Everyone on the committee a step addresses, in committee order. */
  public static List<Recipient> addressed(List<Role> roles, List<Recipient> committee) {
    List<Recipient> out = new ArrayList<>();
    for (Recipient r : committee) if (roles.contains(r.role())) out.add(r);
    return out;
  }

  /**
   * The plan from step {@code fromIndex} on, starting at {@code start}.
   *
   * @param score when not null, guards are decided with this score (steps that would not run are
   *     left out); when null every guarded step is shown with its condition
   */
  public static List<Entry> plan(Playbook playbook, int fromIndex, Instant start, List<Recipient> committee, Integer score) {
    return plan(playbook, fromIndex, start, committee, score, true);
  }

  /**
   * As {@link #plan(Playbook, int, Instant, List, Integer)}; with {@code smsHoursKept} false, a text
   * whose send window never meets the SMS hours is planned in the send window alone, as sequences
   * started before the version "kept-promises" send it (their next touch must stay what it was).
   */
  public static List<Entry> plan(
      Playbook playbook, int fromIndex, Instant start, List<Recipient> committee, Integer score, boolean smsHoursKept) {
    BusinessCalendar cal = playbook.calendar();
    List<Entry> out = new ArrayList<>();
    Instant t = start;
    for (int i = fromIndex; i < playbook.steps().size(); i++) {
      Step step = playbook.steps().get(i);
      if (score != null && !step.runsAt(score)) continue;
      String guard = step.when() == null ? null : "only if " + step.when().text();
      if (step instanceof WaitStep w) {
        Instant end = w.duration().addTo(t, cal);
        out.add(new Entry(i, w.id(), Kind.WAIT, t, end, w.describe(), null, guard));
        t = end;
      } else if (step instanceof EmailStep e) {
        t = sends(out, i, e.id(), Kind.EMAIL, e.to(), e.describe(), guard, cal, t, committee, false, false);
      } else if (step instanceof SmsStep s) {
        String never = textsNeverGoOut(cal);
        if (never != null && smsHoursKept) {
          out.add(new Entry(i, s.id(), Kind.SKIPPED, t, null, s.describe() + " — skipped: " + never, null, guard));
        } else {
          // Before "kept-promises" such a text went out in the send window alone.
          t = sends(out, i, s.id(), Kind.SMS, s.to(), s.describe(), guard, cal, t, committee, true, never == null);
        }
      } else if (step instanceof AdsStep a) {
        out.add(new Entry(i, a.id(), Kind.ADS, t, null, a.describe(), null, guard));
      } else if (step instanceof TaskStep task) {
        Instant opens = opensAt(cal, t);
        Instant due = task.due().addTo(opens, cal);
        out.add(new Entry(i, task.id(), Kind.TASK, opens, due, task.describe(), null, guard));
        t = due;
      } else if (step instanceof ReviewStep r) {
        Instant opens = opensAt(cal, t);
        Instant due = r.due().addTo(opens, cal);
        out.add(new Entry(i, r.id(), Kind.REVIEW, opens, due, r.describe(), null, guard));
        t = due;
      }
    }
    return out;
  }

  private static Instant sends(
      List<Entry> out, int index, String stepId, Kind kind, List<Role> roles, String description, String guard,
      BusinessCalendar cal, Instant t, List<Recipient> committee, boolean sms, boolean smsHours) {
    List<Recipient> recipients = addressed(roles, committee);
    if (sms) recipients.removeIf(r -> !r.sms());
    if (recipients.isEmpty()) {
      out.add(new Entry(index, stepId, Kind.SKIPPED, t, null, description + " — skipped: nobody on the committee to reach", null, guard));
      return t;
    }
    Instant last = t;
    List<Entry> entries = new ArrayList<>();
    for (Recipient r : recipients) {
      Instant from = r.notBefore() != null && r.notBefore().isAfter(t) ? r.notBefore() : t;
      Instant at = sendAt(cal, from, r.zone(), smsHours);
      entries.add(new Entry(index, stepId, kind, at, null, description, r, guard));
      if (at.isAfter(last)) last = at;
    }
    entries.sort(Comparator.comparing(Entry::at));
    out.addAll(entries);
    return last;
  }

  /** A committee with one person per role in the playbook's zone, for previews and checks. */
  public static List<Recipient> exampleCommittee(Playbook playbook) {
    List<Recipient> out = new ArrayList<>();
    for (Role role : Role.values()) {
      out.add(new Recipient("example-" + role.name().toLowerCase(java.util.Locale.ROOT), exampleName(role), role, playbook.calendar().timeZone(), true));
    }
    return out;
  }

  private static String exampleName(Role role) {
    return switch (role) {
      case ECONOMIC_BUYER -> "Erin Baker (CFO)";
      case CHAMPION -> "Chris Moreno (Director of Operations)";
      case TECHNICAL_EVALUATOR -> "Taylor Nguyen (VP Engineering)";
      case END_USER -> "Uma Patel (Operations Analyst)";
      case INFLUENCER -> "Ivan Petrov (Procurement Lead)";
      case BLOCKER -> "Blake Jensen (CISO)";
      case EXECUTIVE_SPONSOR -> "Sam Okafor (COO)";
    };
  }

  /** A fixed Monday morning, so validation does not depend on the day a playbook is uploaded. */
  static Instant referenceStart(ZoneId zone) {
    return ZonedDateTime.of(LocalDate.of(2027, 1, 4).atTime(9, 0), zone).toInstant();
  }

  /** The first step that ends more than {@code maxMonths} after the start, or null. */
  public static Overrun overrun(Playbook playbook, int maxMonths) {
    ZoneId zone = playbook.calendar().timeZone();
    Instant start = referenceStart(zone);
    Instant limit = start.atZone(zone).plusMonths(maxMonths).toInstant();
    for (Entry e : plan(playbook, 0, start, exampleCommittee(playbook), null)) {
      Instant end = e.until() != null ? e.until() : e.at();
      if (end.isAfter(limit)) {
        long months = ChronoUnit.MONTHS.between(start.atZone(zone), end.atZone(zone));
        return new Overrun(playbook.steps().get(e.stepIndex()), Math.max(months, maxMonths + 1L));
      }
    }
    return null;
  }

  /** How long the whole plan runs, from the reference start, in days. */
  public static long spanDays(Playbook playbook) {
    ZoneId zone = playbook.calendar().timeZone();
    Instant start = referenceStart(zone);
    Instant end = start;
    for (Entry e : plan(playbook, 0, start, exampleCommittee(playbook), null)) {
      Instant x = e.until() != null ? e.until() : e.at();
      if (x.isAfter(end)) end = x;
    }
    return ChronoUnit.DAYS.between(start, end);
  }
}
