package io.abmsequencer.starter.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the marks of the two charts land. */
class ChartsTest {

  @Test
  void theLineSkipsWeeksWithoutAccountsAndScalesToANiceMaximum() {
    List<Scorecard.Trend> trend = List.of(
        new Scorecard.Trend(LocalDate.of(2026, 11, 16), 0, null),
        new Scorecard.Trend(LocalDate.of(2026, 11, 23), 2, 10.0),
        new Scorecard.Trend(LocalDate.of(2026, 11, 30), 4, 17.5));
    Charts.Line line = Charts.line(trend);

    assertThat(line.ticks()).extracting(Charts.Tick::label).containsExactly("0", "5", "10", "15", "20");
    assertThat(line.dots()).hasSize(2);
    assertThat(line.dots().get(1).label()).isEqualTo("Week to 30 Nov: 17.5 average over 4 accounts");
    // x from 56 to 724 over three weeks; y: 220 at 0, 16 at 20.
    assertThat(line.path()).isEqualTo("390.0,118.0 724.0,41.5");
    assertThat(line.xLabels()).extracting(Charts.XLabel::label).containsExactly("16 Nov", "23 Nov", "30 Nov");
  }

  @Test
  void barsAreProportionalToTheLargest() {
    Charts.Bars bars = Charts.bars(List.of("Meeting booked", "Completed"), List.of(4L, 1L));
    assertThat(bars.bars()).extracting(Charts.Bar::width).containsExactly(240.0, 60.0);
    assertThat(bars.bars().get(1).y()).isEqualTo(36.0);
    assertThat(Charts.niceCeiling(0)).isEqualTo(10);
    assertThat(Charts.niceCeiling(37)).isEqualTo(50);
    assertThat(Charts.niceCeiling(120)).isEqualTo(200);
  }
}
