package io.abmsequencer.bench;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * The benchmark harness. Every figure is a ratio against a baseline measured in the same run on
 * the same machine (these machines are shared and noisy); absolute times are context only.
 * Results and their reading go to {@code bench/REPORT.md}.
 *
 * <p>So far: the playbook preview (a pure calculation, what the console shows while a marketer
 * edits), against parsing the same playbook. The launch, simulation, history, footprint and send
 * benchmarks join this harness with their issue.
 */
public final class Bench {

  public static void main(String[] args) throws IOException {
    Path playbooks = Path.of(args.length > 0 ? args[0] : "../playbooks");
    String yaml = Files.readString(playbooks.resolve("strategic-new-logo-1to1.yaml"));
    Playbook playbook = PlaybookParser.parse(yaml).withVersion(1);
    Instant start = Instant.parse("2027-01-04T14:00:00Z");
    var committee = Timeline.exampleCommittee(playbook);

    Measurement parse = measure(() -> PlaybookParser.parse(yaml).steps().size());
    Measurement preview = measure(() -> Timeline.plan(playbook, 0, start, committee, null).size());

    System.out.println();
    System.out.println("| benchmark | median | ratio to baseline | goal |");
    System.out.println("|---|---|---|---|");
    System.out.printf(Locale.ROOT, "| baseline: parse + validate the 1:1 playbook (%d steps) | %.3f ms | 1.00 | |%n",
        playbook.steps().size(), parse.medianMillis());
    System.out.printf(Locale.ROOT, "| preview: dated timeline of the same playbook, %d people, %d lines | %.3f ms | %.2f | < 50 ms |%n",
        committee.size(), Timeline.plan(playbook, 0, start, committee, null).size(), preview.medianMillis(),
        preview.medianMillis() / parse.medianMillis());
  }

  record Measurement(double medianMillis) {}

  /** Warms up, then takes the median of 31 timed batches. */
  static Measurement measure(java.util.function.IntSupplier work) {
    int sink = 0;
    for (int i = 0; i < 2_000; i++) sink += work.getAsInt();
    double[] samples = new double[31];
    for (int s = 0; s < samples.length; s++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 50; i++) sink += work.getAsInt();
      samples[s] = (System.nanoTime() - t0) / 50 / 1e6;
    }
    java.util.Arrays.sort(samples);
    if (sink == 42) System.out.print("");
    return new Measurement(samples[samples.length / 2]);
  }
}
