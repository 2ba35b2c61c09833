package io.abmsequencer.workflows.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/** When the next digest goes out. Pure. */
public final class Mondays {
  public static final LocalTime AT = LocalTime.of(8, 0);

  private Mondays() {}

  /** The first Monday 08:00 in {@code zone} strictly after {@code now}. */
  public static ZonedDateTime next(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime candidate = local.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)).with(AT);
    if (!candidate.isAfter(local)) candidate = local.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(AT);
    return candidate;
  }
}
