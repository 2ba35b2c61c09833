package io.abmsequencer.starter.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {

  @Test
  void theOldestWeekIsLeftZeroIsTheBottomAndTheBestWeekTouchesTheTop() {
    Sparkline line = new Sparkline(List.of(0, 5, 10));
    assertThat(line.points()).isEqualTo("2.0,26.0 60.0,14.0 118.0,2.0");
    assertThat(line.total()).isEqualTo(15);
    assertThat(line.last()).isEqualTo(10);
    assertThat(line.series()).isEqualTo("0, 5, 10");
  }

  @Test
  void aQuietAccountIsAFlatLineOnTheBottom() {
    assertThat(new Sparkline(List.of(0, 0, 0)).points()).isEqualTo("2.0,26.0 60.0,26.0 118.0,26.0");
    assertThat(new Sparkline(List.of(7)).points()).isEqualTo("2.0,2.0");
    assertThat(new Sparkline(List.of()).points()).isEmpty();
  }
}
