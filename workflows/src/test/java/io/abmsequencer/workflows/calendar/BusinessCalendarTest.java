package io.abmsequencer.workflows.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {
  static final ZoneId NY = ZoneId.of("America/New_York");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  final BusinessCalendar calendar =
      new BusinessCalendar(NY, BusinessCalendar.MONDAY_TO_FRIDAY, SendWindow.OFFICE_HOURS,
          List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)));

  static Instant at(String local, ZoneId zone) {
    return ZonedDateTime.of(LocalDateTime.parse(local), zone).toInstant();
  }

  @ParameterizedTest(name = "{0} + {1} business days = {2}")
  @CsvSource({
    "2027-01-04T10:00, 1, 2027-01-05T10:00", // Monday -> Tuesday
    "2027-01-08T10:00, 1, 2027-01-11T10:00", // Friday -> Monday
    "2027-01-09T10:00, 1, 2027-01-11T10:00", // Saturday -> Monday
    "2027-01-04T10:00, 5, 2027-01-11T10:00", // a working week
    "2026-12-24T10:00, 1, 2026-12-28T10:00", // Christmas Friday skipped
    "2026-12-31T10:00, 1, 2027-01-04T10:00", // New Year's Day and the weekend skipped
    "2027-01-04T10:00, 0, 2027-01-04T10:00",
  })
  void plusBusinessDaysSkipsWeekendsAndHolidays(String from, int days, String expected) {
    assertThat(calendar.plusBusinessDays(at(from, NY), days, NY)).isEqualTo(at(expected, NY));
  }

  @Test
  void plusBusinessDaysKeepsLocalTimeAcrossDaylightSavingChange() {
    // US clocks go forward on Sunday 2027-03-14.
    Instant friday = at("2027-03-12T09:30", NY);
    assertThat(calendar.plusBusinessDays(friday, 1, NY)).isEqualTo(at("2027-03-15T09:30", NY));
  }

  @ParameterizedTest(name = "{0} opens at {1}")
  @CsvSource({
    "2027-01-04T10:00, 2027-01-04T10:00", // inside the window: now
    "2027-01-04T08:59, 2027-01-04T09:00", // before the window: today 09:00
    "2027-01-04T17:00, 2027-01-05T09:00", // window end is exclusive
    "2027-01-08T18:00, 2027-01-11T09:00", // Friday evening: Monday
    "2027-01-10T12:00, 2027-01-11T09:00", // Sunday: Monday
    "2026-12-24T17:30, 2026-12-28T09:00", // Christmas eve evening: after Christmas and weekend
  })
  void nextOpeningFindsTheNextSendWindow(String local, String expected) {
    assertThat(calendar.nextOpening(at(local, NY), NY)).isEqualTo(at(expected, NY));
  }

  @Test
  void sendWindowIsTheContactsOwnZone() {
    // 10:00 in New York is midnight in Tokyo: a Tokyo contact waits for 09:00 Tokyo time.
    Instant ny10 = at("2027-01-05T10:00", NY);
    assertThat(calendar.nextOpening(ny10, NY)).isEqualTo(ny10);
    assertThat(calendar.nextOpening(ny10, TOKYO)).isEqualTo(at("2027-01-06T09:00", TOKYO));
    // ...and 16:00 Berlin is inside Berlin's window.
    assertThat(calendar.nextOpening(ny10, BERLIN)).isEqualTo(ny10);
  }

  @Test
  void holidaysApplyInEveryZone() {
    Instant christmasMorningTokyo = at("2026-12-25T10:00", TOKYO);
    assertThat(calendar.nextOpening(christmasMorningTokyo, TOKYO)).isEqualTo(at("2026-12-28T09:00", TOKYO));
  }

  @Test
  void smsQuietHoursNarrowTheWindow() {
    BusinessCalendar late = new BusinessCalendar(NY, BusinessCalendar.MONDAY_TO_FRIDAY, SendWindow.parse("07:00-23:00"), List.of());
    Instant sevenThirty = at("2027-01-05T07:30", NY);
    assertThat(late.nextOpening(sevenThirty, NY, null)).isEqualTo(sevenThirty);
    assertThat(late.nextOpening(sevenThirty, NY, SendWindow.SMS_HOURS)).isEqualTo(at("2027-01-05T08:00", NY));
    assertThat(late.nextOpening(at("2027-01-05T21:30", NY), NY, SendWindow.SMS_HOURS)).isEqualTo(at("2027-01-06T08:00", NY));
  }

  /**
   * The SMS hours are a legal limit, not a preference: a send window that never meets them leaves no
   * moment for a text (before, the calendar fell back to the send window alone: a text at 22:30).
   */
  @ParameterizedTest(name = "send window {0}")
  @CsvSource({"21:00-24:00", "00:00-08:00", "21:30-23:00"})
  void aSendWindowThatNeverMeetsTheSmsHoursHasNoOpeningForTexts(String window) {
    BusinessCalendar late = new BusinessCalendar(NY, List.of(DayOfWeek.values()), SendWindow.parse(window), List.of());
    assertThat(late.windowWith(SendWindow.SMS_HOURS)).isNull();
    for (String local : List.of("2027-01-05T07:00", "2027-01-05T12:00", "2027-01-05T22:30")) {
      assertThat(late.nextOpening(at(local, NY), NY, SendWindow.SMS_HOURS)).as("a text at %s", local).isNull();
      assertThat(late.isOpen(at(local, NY), NY, SendWindow.SMS_HOURS)).isFalse();
    }
    // E-mail keeps its window.
    assertThat(late.nextOpening(at("2027-01-05T12:00", NY), NY, null)).isNotNull();
  }

  @Test
  void aSendWindowThatTouchesTheSmsHoursOnlyAtTheirEndDoesNotMeetThem() {
    // 21:00 is where the SMS hours end (exclusive): 20:00-21:00 meets them for an hour, 21:00-22:00 never.
    assertThat(calendar.windowWith(SendWindow.SMS_HOURS)).isEqualTo(SendWindow.OFFICE_HOURS);
    BusinessCalendar evening = new BusinessCalendar(NY, BusinessCalendar.MONDAY_TO_FRIDAY, SendWindow.parse("20:00-24:00"), List.of());
    assertThat(evening.windowWith(SendWindow.SMS_HOURS)).isEqualTo(SendWindow.parse("20:00-21:00"));
    assertThat(evening.nextOpening(at("2027-01-05T20:59", NY), NY, SendWindow.SMS_HOURS)).isEqualTo(at("2027-01-05T20:59", NY));
    assertThat(evening.nextOpening(at("2027-01-05T21:00", NY), NY, SendWindow.SMS_HOURS)).isEqualTo(at("2027-01-06T20:00", NY));
    BusinessCalendar after = new BusinessCalendar(NY, BusinessCalendar.MONDAY_TO_FRIDAY, SendWindow.parse("21:00-22:00"), List.of());
    assertThat(after.windowWith(SendWindow.SMS_HOURS)).isNull();
  }

  @Test
  void weekendWorkDaysAreHonoured() {
    BusinessCalendar everyDay = new BusinessCalendar(NY, List.of(DayOfWeek.values()), SendWindow.ALL_DAY, List.of());
    Instant saturdayNight = at("2027-01-09T23:30", NY);
    assertThat(everyDay.nextOpening(saturdayNight, NY)).isEqualTo(saturdayNight);
    assertThat(everyDay.plusBusinessDays(saturdayNight, 1, NY)).isEqualTo(at("2027-01-10T23:30", NY));
  }

  @Test
  void windowThatStartsInsideADaylightSavingGapMovesForward() {
    BusinessCalendar early = new BusinessCalendar(NY, List.of(DayOfWeek.values()), SendWindow.parse("02:30-05:00"), List.of());
    // 02:30 does not exist in New York on 2027-03-14; the window opens at 03:30 EDT.
    assertThat(early.nextOpening(at("2027-03-14T00:00", NY), NY)).isEqualTo(at("2027-03-14T03:30", NY));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"09:00-17:00|540|1020", "00:00-24:00|0|1440", " 8:30 - 17:30 |510|1050"})
  void sendWindowParses(String text, int start, int end) {
    assertThat(SendWindow.parse(text)).isEqualTo(new SendWindow(start, end));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"17:00-09:00", "9-17", "25:00-26:00", "09:60-10:00", "''"})
  void sendWindowRefusesNonsense(String text) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SendWindow.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
