package io.abmsequencer.starter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InboundAwayPolicyTest {

  static final Instant NOW = Instant.parse("2026-12-21T10:00:00Z");
  final AwayPolicy policy = new AwayPolicy(Duration.ofDays(7), Duration.ofDays(60), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aBelievableDateIsTheStartOfThatDayWhereTheContactLives() {
    assertThat(policy.until(LocalDate.of(2027, 1, 12), ZoneId.of("Europe/Berlin")))
        .isEqualTo(new AwayPolicy.Until(Instant.parse("2027-01-11T23:00:00Z"), true));
  }

  @Test
  void noDateADateInThePastOrTooFarAwayMeansTheDefault() {
    AwayPolicy.Until byDefault = new AwayPolicy.Until(NOW.plus(Duration.ofDays(7)), false);

    assertThat(policy.until(null, ZoneOffset.UTC)).isEqualTo(byDefault);
    assertThat(policy.until(LocalDate.of(2026, 12, 1), ZoneOffset.UTC)).isEqualTo(byDefault);
    assertThat(policy.until(LocalDate.of(2026, 12, 21), ZoneOffset.UTC)).isEqualTo(byDefault);
    assertThat(policy.until(LocalDate.of(2027, 3, 1), ZoneOffset.UTC)).isEqualTo(byDefault);
  }
}
