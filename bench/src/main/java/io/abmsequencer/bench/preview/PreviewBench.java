package io.abmsequencer.bench.preview;

import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Results;
import io.abmsequencer.bench.support.Table;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.Timeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Benchmark 2b: the console's preview of a playbook timeline (a pure calculation, no Temporal),
 * against parsing and validating the same playbook. Goal: under 50 ms for an 18-month tier-1
 * playbook.
 */
public final class PreviewBench {

  public static void main(String[] argv) {
    Jvm.main("preview", () -> run(argv));
  }

  static void run(String[] argv) throws Exception {
    Args args = new Args(argv);
    Instant start = Instant.parse("2027-01-04T14:00:00Z");
    Table table = new Table("2b. Playbook preview (pure calculation)",
        "what", "median per call", "ratio to baseline", "goal", "result");

    // The 18-month tier-1 playbook of the workflow tests (every step kind, 18 months of waits).
    String tier1 = resource("/test-playbooks/tier1-18-months.yaml");
    // The shipped 1:1 playbook (about 12 months).
    String shipped = Files.readString(args.root().resolve("playbooks/strategic-new-logo-1to1.yaml"));

    for (String[] subject : List.of(new String[] {"18-month tier-1 (tier1-18-months)", tier1, "goal"},
        new String[] {"shipped 1:1 (strategic-new-logo-1to1)", shipped, null})) {
      String yaml = subject[1];
      Playbook playbook = PlaybookParser.parse(yaml).withVersion(1);
      var committee = Timeline.exampleCommittee(playbook);
      int lines = Timeline.plan(playbook, 0, start, committee, null).size();
      long days = Timeline.spanDays(playbook);
      double parse = measure(() -> PlaybookParser.parse(yaml).steps().size());
      double preview = measure(() -> Timeline.plan(playbook, 0, start, committee, null).size());
      boolean goal = subject[2] != null;
      table.row("baseline: parse + validate " + subject[0] + ", " + playbook.steps().size() + " steps",
          ms(parse), "1.00", "", "");
      table.row("preview: dated timeline of " + subject[0] + ", " + committee.size() + " people, " + lines + " lines, "
          + days + " days", ms(preview), Table.ratio(preview / parse), goal ? "< 50 ms" : "(context)",
          goal ? Table.below(preview, 50) : "");
    }
    table.note("Median of 31 timed batches of 50 calls after 2,000 warm-up calls, one JVM.");
    Results.publish(args, table);
  }

  private static String ms(double millis) {
    return Table.num(millis, 3) + " ms";
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PreviewBench.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name + " (the workflows test-jar)");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Warms up, then returns the median milliseconds per call of 31 timed batches. */
  static double measure(IntSupplier work) {
    int sink = 0;
    for (int i = 0; i < 2_000; i++) sink += work.getAsInt();
    double[] samples = new double[31];
    for (int s = 0; s < samples.length; s++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 50; i++) sink += work.getAsInt();
      samples[s] = (System.nanoTime() - t0) / 50 / 1e6;
    }
    Arrays.sort(samples);
    if (sink == 42) System.out.print("");
    return samples[samples.length / 2];
  }
}
