package io.abmsequencer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Stats;
import io.abmsequencer.bench.support.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness counts and formats what it measures correctly. No timing is asserted anywhere. */
class HarnessTest {

  @Test
  void tablesJudgeAndFormatRatios() {
    String md = new Table("t", "what", "ratio", "result")
        .row("baseline", "1.00", "")
        .row("product", Table.ratio(0.8049), Table.atLeast(0.8049, 0.8))
        .note("n = %,d", 5000)
        .markdown();
    assertThat(md).contains("| product | 0.80 | PASS |").contains("- n = 5,000").contains("|---|---|---|");
    assertThat(Table.atMost(2.01, 2.0)).isEqualTo("MISS");
    assertThat(Table.below(50, 50)).isEqualTo("MISS");
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }

  @Test
  void argumentsNameBenchmarksAndOptions() {
    Args args = new Args("launch", "send", "--size=1,000", "--reps=3");
    assertThat(args.names()).containsExactly("launch", "send");
    assertThat(args.intOption("size", 5000)).isEqualTo(1000);
    assertThat(args.intOption("events", 10000)).isEqualTo(10000);
    assertThat(Bench.BENCHMARKS).containsKeys("preview", "launch", "simulation", "history", "footprint", "send", "list");
  }
}
