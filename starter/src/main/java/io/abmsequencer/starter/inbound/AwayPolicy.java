package io.abmsequencer.starter.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Until when an out-of-office contact is held: the stated return day (its start, in the contact's
 * time zone) when it is believable — in the future and within {@code out-of-office-max} — else now
 * plus {@code out-of-office-default}.
 */
final class AwayPolicy {

  record Until(Instant until, boolean stated) {}

  private final Duration defaultAbsence;
  private final Duration maxAbsence;
  private final Clock clock;

  AwayPolicy(Duration defaultAbsence, Duration maxAbsence, Clock clock) {
    this.defaultAbsence = defaultAbsence;
    this.maxAbsence = maxAbsence;
    this.clock = clock;
  }

  Until until(LocalDate statedReturn, ZoneId zone) {
    Instant now = clock.instant();
    if (statedReturn != null) {
      Instant back = statedReturn.atStartOfDay(zone).toInstant();
      if (back.isAfter(now) && !back.isAfter(now.plus(maxAbsence))) return new Until(back, true);
    }
    return new Until(now.plus(defaultAbsence), false);
  }
}
