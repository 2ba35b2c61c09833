package io.abmsequencer.bench.simulation;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_CANCELED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;

import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Results;
import io.abmsequencer.bench.support.Stats;
import io.abmsequencer.bench.support.Table;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.EngagementBatch;
import io.abmsequencer.workflows.sequence.ExitReason;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 2: one 18-month tier-1 sequence on Temporal's time-skipping test environment, against a
 * raw Temporal loop with the same number of activity calls and timers over the same span of
 * calendar time. Goal: the sequence takes at most twice the raw loop's wall time.
 *
 * <p>The sequence is the workflow tests' {@code tier1-18-months} playbook with the Acme committee
 * (6 people, 3 time zones) and the same people as {@code EighteenMonthSequenceTest}: the SDR works
 * each task and the reviewers continue at each checkpoint half a day after it opens, and the
 * account warms up in month three (one engagement batch). Unlike that test there is no polling
 * loop: the answers are delayed callbacks of the test server, and the driver only waits for the
 * result. The raw loop's counts are taken from the product run's own history.
 */
public final class SimulationBench {

  public record ProductRun(double seconds, double cpuSeconds, Histories.Chain chain, SequenceResult result, Duration span, int answered) {}

  public static void main(String[] argv) {
    Jvm.main("simulation", () -> run(argv));
  }

  static void run(String[] argv) throws Exception {
    Args args = new Args(argv);
    int reps = args.intOption("reps", 15);
    Playbook playbook = SequenceTestKit.playbookResource("tier1-18-months.yaml");
    SequenceInput input = SequenceTestKit.input(playbook, Committees.acmeCommittee());

    Results.progress("warm-up: one product run and one raw run");
    ProductRun first = runProduct(input);
    RawLoopWorkflow.Plan plan = new RawLoopWorkflow.Plan(first.chain().count(EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
        first.chain().count(EVENT_TYPE_TIMER_STARTED), first.span().toMillis());
    runRaw(plan);

    List<Double> product = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> productCpu = new ArrayList<>();
    List<Double> rawCpu = new ArrayList<>();
    ProductRun last = first;
    int rawEvents = 0;
    for (int i = 1; i <= reps; i++) {
      last = runProduct(input);
      product.add(last.seconds());
      productCpu.add(last.cpuSeconds());
      if (last.chain().count(EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) != plan.activities()
          || last.chain().count(EVENT_TYPE_TIMER_STARTED) != plan.timers()) {
        throw new IllegalStateException("the product run is not deterministic: " + last.chain() + " vs " + plan);
      }
      double[] rawRun = runRaw(plan);
      raw.add(rawRun[0]);
      rawCpu.add(rawRun[2]);
      rawEvents = (int) rawRun[1];
      Results.progress("rep %d/%d: product %.3f s (CPU %.3f s), raw loop %.3f s (CPU %.3f s)", i, reps, last.seconds(), last.cpuSeconds(),
          rawRun[0], rawRun[2]);
    }

    Histories.Chain chain = last.chain();
    SequenceResult result = last.result();
    double productMedian = Stats.median(product);
    double rawMedian = Stats.median(raw);
    double ratio = productMedian / rawMedian;
    long days = last.span().toDays();

    Table table = new Table("2. Simulation: one 18-month tier-1 sequence on the time-skipping test environment",
        "what", "median wall time (min–max)", "history", "ratio to baseline", "goal", "result");
    table.row("baseline: raw Temporal loop, " + plan.activities() + " no-op activities + " + plan.timers() + " timers over "
            + days + " days", seconds(raw), Table.count(rawEvents) + " events, 1 run", "1.00", "", "");
    table.row("product: tier1-18-months sequence, 6 people, launch to exit (" + result.reason() + ", score " + result.score()
            + ", " + result.touches() + " touches)", seconds(product),
        Table.count(chain.total()) + " events, " + chain.runs().size() + " run(s)", Table.ratio(ratio), "≤ 2.00",
        Table.atMost(ratio, 2.0));
    table.note("%d measured runs of each, alternating, after one warm-up run of each; a fresh test environment per run; "
        + "wall time from start to result.", reps);
    table.note("Product history: %d activity calls, %d timers (%d of them cancelled early), %d signals, %d updates, %d workflow tasks; "
            + "the raw loop has the same activity calls and timers and nothing else (%d workflow tasks).",
        plan.activities(), plan.timers(), chain.count(EVENT_TYPE_TIMER_CANCELED),
        chain.count(EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED), chain.count(EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
        chain.count(EVENT_TYPE_WORKFLOW_TASK_COMPLETED), plan.activities() + plan.timers() + 1);
    table.note("Diagnostic, CPU time of the benchmark's JVM from start to result (client, test server and worker; less sensitive than wall "
        + "time to the machine's other load): product median %.3f s, raw loop %.3f s, ratio %.2f.", Stats.median(productCpu),
        Stats.median(rawCpu), Stats.median(productCpu) / Stats.median(rawCpu));
    table.note("Checked every run: exit %s (expected COMPLETED), score %d (expected %d), %d answers by the SDR and the reviewers.",
        result.reason(), result.score(), 2 * 15 + 10 + 2 * 5, last.answered());
    if (result.reason() != ExitReason.COMPLETED || result.score() != 50) {
      throw new IllegalStateException("the sequence did not run as the 18-month test expects: " + result);
    }
    Results.publish(args, table);
  }

  static ProductRun runProduct(SequenceInput input) {
    return runProduct(input, events -> {});
  }

  /** One product run; {@code everyRun} gets the events of each run of its chain, first to last. */
  public static ProductRun runProduct(SequenceInput input, java.util.function.Consumer<List<io.temporal.api.history.v1.HistoryEvent>> everyRun) {
    try (TimeSkippingEnv env = new TimeSkippingEnv()) {
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      AccountSequenceWorkflow sequence = env.startSequence(input);
      WorkflowStub stub = WorkflowStub.fromTyped(sequence);
      // Month three: the pricing page twice, a download and a couple of site visits (as in the test).
      env.env.registerDelayedCallback(Duration.ofDays(75), () -> sequence.engagement(new EngagementBatch("b-1",
          Map.of(EngagementType.PRICING_PAGE_VISIT, 2, EngagementType.CONTENT_DOWNLOAD, 1, EngagementType.WEBSITE_VISIT, 2),
          Instant.ofEpochMilli(env.env.currentTimeMillis()))));
      SequenceResult result = stub.getResult(SequenceResult.class);
      double seconds = Stats.seconds(System.nanoTime() - t0);
      double cpuSeconds = Stats.seconds(processCpuNanos() - cpu0);
      Histories.Chain chain = Histories.walk(env.client, stub.getExecution().getWorkflowId(), stub.getExecution().getRunId(), everyRun);
      Duration span = Duration.between(SequenceTestKit.MONDAY_9AM, env.channels.lastSnapshot().updatedAt());
      return new ProductRun(seconds, cpuSeconds, chain, result, span, env.channels.answered.get());
    }
  }

  /** Wall seconds and history length of one raw loop. */
  static double[] runRaw(RawLoopWorkflow.Plan plan) {
    try (TimeSkippingEnv env = new TimeSkippingEnv()) {
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      RawLoopWorkflow loop = env.startRaw("bench-raw-loop", plan);
      int steps = WorkflowStub.fromTyped(loop).getResult(Integer.class);
      double seconds = Stats.seconds(System.nanoTime() - t0);
      double cpuSeconds = Stats.seconds(processCpuNanos() - cpu0);
      if (steps != plan.activities() + plan.timers() || env.noop.calls.get() != plan.activities()) {
        throw new IllegalStateException("the raw loop ran " + steps + " steps, " + env.noop.calls.get() + " activities, for " + plan);
      }
      int events = env.client.fetchHistory("bench-raw-loop").getEvents().size();
      return new double[] {seconds, events, cpuSeconds};
    }
  }

  /** CPU time of the whole JVM (client, test server and worker alike): what the run costs, whatever else the machine runs. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String seconds(List<Double> values) {
    return Table.num(Stats.median(values), 3) + " s (" + Table.num(Stats.min(values), 3) + "–" + Table.num(Stats.max(values), 3) + ")";
  }
}
