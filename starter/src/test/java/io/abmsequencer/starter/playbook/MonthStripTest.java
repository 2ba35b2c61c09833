package io.abmsequencer.starter.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The months strip: a column per month on the account clock, each touch in its lane at its date. */
class MonthStripTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void eighteenMonthsAreEighteenColumnsAndTouchesSitInTheirLanes() {
    Instant start = Instant.parse("2027-01-04T14:00:00Z");
    Instant end = Instant.parse("2028-06-20T14:00:00Z");
    MonthStrip strip = MonthStrip.of(List.of(
        new MonthStrip.Touch(start, "EMAIL"),
        new MonthStrip.Touch(Instant.parse("2027-07-01T14:00:00Z"), "REVIEW"),
        new MonthStrip.Touch(end, "TASK"),
        new MonthStrip.Touch(Instant.parse("2027-03-01T14:00:00Z"), "WAIT")), start, end, NEW_YORK);

    assertThat(strip.cells()).hasSize(18);
    assertThat(strip.cells()).extracting(MonthStrip.Cell::label).startsWith("Jan", "Feb", "Mar").endsWith("May", "Jun");
    assertThat(strip.cells()).extracting(MonthStrip.Cell::year).containsOnly("2027", "2028", null);
    assertThat(strip.cells().get(0).year()).isEqualTo("2027");
    assertThat(strip.cells().get(1).year()).isNull();
    assertThat(strip.cells().get(12).year()).isEqualTo("2028");
    assertThat(strip.cells().get(0).x()).isEqualTo(MonthStrip.LEFT);
    MonthStrip.Cell last = strip.cells().get(17);
    assertThat(last.x() + last.width()).isCloseTo(MonthStrip.WIDTH - 4, org.assertj.core.data.Offset.offset(0.2));

    assertThat(strip.marks()).extracting(MonthStrip.Mark::kind).containsExactly("EMAIL", "REVIEW", "TASK"); // waits are not marks
    MonthStrip.Mark review = strip.marks().get(1);
    MonthStrip.Cell july = strip.cells().get(6);
    assertThat(review.x()).isBetween(july.x(), july.x() + 1);
    assertThat(review.y()).isEqualTo(MonthStrip.TOP + 4 * MonthStrip.LANE + 3);
  }

  @Test
  void aPlanStartingLateInTheMonthStillShowsTheYearOnItsFirstColumn() {
    MonthStrip strip = MonthStrip.of(List.of(), Instant.parse("2026-11-29T14:00:00Z"), Instant.parse("2028-10-01T14:00:00Z"), NEW_YORK);
    assertThat(strip.cells()).hasSize(24);
    assertThat(strip.cells().get(0).label()).isEqualTo("Nov");
    assertThat(strip.cells().get(0).year()).isEqualTo("2026");
    assertThat(strip.cells().get(2).year()).isEqualTo("2027");
  }
}
