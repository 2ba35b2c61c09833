package io.abmsequencer.workflows.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.workflows.calendar.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DelayAndGuardTest {
  static final ZoneId NY = ZoneId.of("America/New_York");
  final BusinessCalendar calendar = BusinessCalendar.standard(NY);

  static Instant at(String local) {
    return ZonedDateTime.of(LocalDateTime.parse(local), NY).toInstant();
  }

  @ParameterizedTest
  @CsvSource({
    "3 business days, 3, BUSINESS_DAYS",
    "1 business day, 1, BUSINESS_DAYS",
    "2 weeks, 2, WEEKS",
    "1 Month, 1, MONTHS",
    "10 days, 10, DAYS",
    "4 hours, 4, HOURS",
  })
  void parsesWhatMarketersWrite(String text, int amount, Delay.Unit unit) {
    assertThat(Delay.parse(text)).isEqualTo(new Delay(amount, unit));
  }

  @ParameterizedTest
  @ValueSource(strings = {"three days", "3", "3 fortnights", "-1 days", "", "3 business"})
  void refusesOtherDurationsSayingWhatIsExpected(String text) {
    assertThatThrownBy(() -> Delay.parse(text)).hasMessageContaining("expected a duration like '3 business days'");
  }

  @Test
  void addsOnTheAccountClock() {
    Instant friday = at("2027-01-08T10:00");
    assertThat(Delay.parse("1 business day").addTo(friday, calendar)).isEqualTo(at("2027-01-11T10:00"));
    assertThat(Delay.parse("2 weeks").addTo(friday, calendar)).isEqualTo(at("2027-01-22T10:00"));
    assertThat(Delay.parse("1 month").addTo(at("2027-01-31T10:00"), calendar)).isEqualTo(at("2027-02-28T10:00"));
    assertThat(Delay.parse("3 days").addTo(friday, calendar)).isEqualTo(at("2027-01-11T10:00"));
  }

  @Test
  void guardsCompareTheScore() {
    assertThat(Guard.parse("score >= 40").test(40)).isTrue();
    assertThat(Guard.parse("score >= 40").test(39)).isFalse();
    assertThat(Guard.parse("score > 10 and score < 60").test(30)).isTrue();
    assertThat(Guard.parse("score > 10 and score < 60").test(60)).isFalse();
    assertThat(Guard.parse("score != 0").test(0)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"scor >= 4", "score => 4", "score >= forty", "score >= 4 or score < 2", "engaged"})
  void guardsThatDoNotParseSayWhy(String text) {
    assertThatThrownBy(() -> Guard.parse(text)).hasMessageContaining("expected 'score <op> <number>'");
  }
}
