package io.abmsequencer.workflows.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days, a daily send window and holidays, plus the zone the account-level clock runs in.
 * Pure functions of their arguments: the workflow and the timeline preview share them, so what the
 * preview shows is what the sequence does.
 *
 * @param timeZone zone of the account-level clock (waits, due dates); contacts' sends use their own
 * @param workDays days touches may go out
 * @param sendWindow local hours touches may go out
 * @param holidays dates nothing goes out, in every zone
 */
public record BusinessCalendar(
    ZoneId timeZone, List<DayOfWeek> workDays, SendWindow sendWindow, List<LocalDate> holidays) {

  /** Guards the day-by-day searches below; a calendar with no working day is refused earlier. */
  private static final int MAX_DAYS_SEARCHED = 3700;

  public static final List<DayOfWeek> MONDAY_TO_FRIDAY =
      List.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  public BusinessCalendar {
    if (timeZone == null) timeZone = ZoneId.of("UTC");
    workDays = workDays == null || workDays.isEmpty() ? MONDAY_TO_FRIDAY : List.copyOf(new TreeSet<>(workDays));
    if (sendWindow == null) sendWindow = SendWindow.OFFICE_HOURS;
    holidays = holidays == null ? List.of() : List.copyOf(new TreeSet<>(holidays));
  }

  public static BusinessCalendar standard(ZoneId zone) {
    return new BusinessCalendar(zone, MONDAY_TO_FRIDAY, SendWindow.OFFICE_HOURS, List.of());
  }

  public boolean isBusinessDay(LocalDate date) {
    return workDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
  }

  /**
   * The same local time {@code days} business days later, in {@code zone}. Counting starts the day
   * after {@code from}, so "1 business day" from Friday 10:00 is Monday 10:00.
   */
  public Instant plusBusinessDays(Instant from, int days, ZoneId zone) {
    if (days <= 0) return from;
    ZonedDateTime local = from.atZone(zone);
    LocalDate date = local.toLocalDate();
    int counted = 0;
    for (int i = 0; i < MAX_DAYS_SEARCHED && counted < days; i++) {
      date = date.plusDays(1);
      if (isBusinessDay(date)) counted++;
    }
    return ZonedDateTime.of(date, local.toLocalTime(), zone).toInstant();
  }

  /**
   * The local hours a touch may go out on a channel with hours of its own ({@code extra}, e.g. the SMS
   * hours): the send window's overlap with them; the send window itself without {@code extra}. Null
   * when the two never overlap: then no moment allows such a touch, on any day, in any zone (both are
   * local hours of the contact's day).
   */
  public SendWindow windowWith(SendWindow extra) {
    return extra == null ? sendWindow : sendWindow.intersect(extra);
  }

  /**
   * The earliest instant at or after {@code at} when a touch may go out to someone in {@code zone}:
   * a business day, inside the send window (and inside {@code extra}, e.g. the SMS hours, when
   * given). Returns {@code at} itself when it already qualifies, and null when the send window and
   * {@code extra} never overlap ({@link #windowWith}): an outer limit such as the SMS hours is never
   * given up for the send window alone.
   */
  public Instant nextOpening(Instant at, ZoneId zone, SendWindow extra) {
    SendWindow window = windowWith(extra);
    if (window == null) return null;
    ZonedDateTime local = at.atZone(zone);
    LocalDate date = local.toLocalDate();
    for (int i = 0; i < MAX_DAYS_SEARCHED; i++, date = date.plusDays(1)) {
      if (!isBusinessDay(date)) continue;
      Instant opens = atMinute(date, window.startMinute(), zone);
      Instant closes = atMinute(date, window.endMinute(), zone);
      if (at.isBefore(closes)) {
        return at.isBefore(opens) ? opens : at;
      }
    }
    return at;
  }

  public Instant nextOpening(Instant at, ZoneId zone) {
    return nextOpening(at, zone, null);
  }

  /** True when a touch may go out to someone in {@code zone} at {@code at}. */
  public boolean isOpen(Instant at, ZoneId zone, SendWindow extra) {
    return at.equals(nextOpening(at, zone, extra));
  }

  private static Instant atMinute(LocalDate date, int minute, ZoneId zone) {
    LocalDateTime local = date.atStartOfDay().plusMinutes(minute);
    // ZonedDateTime.of moves a time inside a DST gap forward, which is what a sender expects.
    return ZonedDateTime.of(local, zone).toInstant();
  }

  public Set<DayOfWeek> workDaySet() {
    return workDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(workDays);
  }
}
