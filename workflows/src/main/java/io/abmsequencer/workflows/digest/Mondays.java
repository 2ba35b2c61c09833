package io.abmsequencer.workflows.digest;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/** When the digest goes out, for which week, and how its activity is called. Pure. */
public final class Mondays {
  public static final LocalTime AT = LocalTime.of(8, 0);

  /** The digest activity's options, the same for both digest workflows. */
  static final ActivityOptions SEND_OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(5))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(10)).setMaximumInterval(Duration.ofMinutes(30)).build())
      .setSummary("Send the weekly account review")
      .build();

  private Mondays() {}

  /** The first Monday 08:00 in {@code zone} strictly after {@code now}. */
  public static ZonedDateTime next(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime candidate = local.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)).with(AT);
    if (!candidate.isAfter(local)) candidate = local.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(AT);
    return candidate;
  }

  /** The week {@code at} falls in, as its Monday in {@code zone}: what a digest sent then is for. */
  public static LocalDate weekOf(Instant at, ZoneId zone) {
    return at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The owner's zone; UTC when it is missing or not a zone. */
  public static ZoneId zone(String id) {
    try {
      return id == null || id.isBlank() ? ZoneId.of("UTC") : ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
