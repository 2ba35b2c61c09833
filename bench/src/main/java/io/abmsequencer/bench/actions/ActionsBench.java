package io.abmsequencer.bench.actions;

import io.abmsequencer.bench.simulation.RawLoopWorkflow;
import io.abmsequencer.bench.simulation.SimulationBench;
import io.abmsequencer.bench.simulation.TimeSkippingEnv;
import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Results;
import io.abmsequencer.bench.support.Table;
import io.abmsequencer.workflows.sequence.SequenceRecords;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.activity.ActivityMethod;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 7: the Temporal Cloud actions one 18-month tier-1 sequence consumes, counted from its
 * history events ({@link Actions}), against a raw Temporal loop of the same touches (the activities
 * the sequence runs for the account: e-mails, texts, ad audiences, tasks, reviews) and the same
 * timers over the same span; and what 1,000 accounts cost for a year at Temporal Cloud's published
 * price. The read model's records are the product's bookkeeping: counted on the product's side only.
 *
 * <p>Three sequences: the two histories {@code EighteenMonthSequenceTest} recorded into the replay
 * corpus before and after "records-when-waiting" (same test, same people, the code of the day), and
 * this run's sequence of the simulation benchmark (its playbook, committee and answers) on today's
 * code. Each raw loop runs on the time-skipping test environment and is counted the same way.
 */
public final class ActionsBench {

  /**
   * Pay-As-You-Go price per million actions: the first 5 million of a month on the Business plan and
   * above, every million on the Developer plan (docs.temporal.io/cloud/pricing, read 2026-12-07).
   */
  static final double DOLLARS_PER_MILLION = 50.0;
  static final String PRICE_SOURCE = "docs.temporal.io/cloud/pricing (temporalio/documentation, docs/evaluate/cloud/pricing.mdx), read 2026-12-07";
  static final int ACCOUNTS = 1_000;

  record Sequence(String label, Map<String, Integer> actions, int touches, int timers, Duration span) {
    int total() {
      return Actions.total(actions);
    }
  }

  public static void main(String[] argv) {
    Jvm.main("actions", () -> run(argv));
  }

  static void run(String[] argv) throws Exception {
    Args args = new Args(argv);
    Path corpus = args.root().resolve("workflows/src/test/resources/histories");
    List<Sequence> sequences = new ArrayList<>();
    sequences.add(fromHistory("before: EighteenMonthSequenceTest's history before \"records-when-waiting\" (tier1-18-months-completed-v2)",
        corpus.resolve("tier1-18-months-completed-v2.json")));
    sequences.add(fromHistory("after: the same test, recorded after it (tier1-18-months-completed-v3)",
        corpus.resolve("tier1-18-months-completed-v3.json")));

    Playbook playbook = SequenceTestKit.playbookResource("tier1-18-months.yaml");
    SequenceInput input = SequenceTestKit.input(playbook, Committees.acmeCommittee());
    List<List<HistoryEvent>> runs = new ArrayList<>();
    Results.progress("the simulation's 18-month tier-1 sequence on this build, launch to exit ...");
    SimulationBench.ProductRun product = SimulationBench.runProduct(input, runs::add);
    sequences.add(of("this build: the simulation benchmark's sequence (" + product.result().reason() + ", score " + product.result().score()
        + ", " + product.chain().runs().size() + " run(s))", runs, product.span()));

    Table table = new Table("7. Temporal Cloud actions: one 18-month tier-1 sequence, against a raw loop of the same touches and timers",
        "sequence", "actions", "of which activities / markers / timers / upserts / signals + updates", "raw loop: start + same touches + same timers",
        "ratio to baseline", "per account-year", ACCOUNTS + " accounts, a year, at $" + Table.num(DOLLARS_PER_MILLION, 0) + " per million");
    for (Sequence seq : sequences) {
      Results.progress("raw loop for %s: %d touches, %d timers over %d days", seq.label(), seq.touches(), seq.timers(), seq.span().toDays());
      int raw = rawLoopActions(new RawLoopWorkflow.Plan(seq.touches(), seq.timers(), seq.span().toMillis()));
      double perYear = seq.total() * 365.0 / Math.max(1, seq.span().toDays());
      double dollars = perYear * ACCOUNTS * DOLLARS_PER_MILLION / 1e6;
      Map<String, Integer> a = seq.actions();
      table.row(seq.label(), Table.count(seq.total()),
          String.format(Locale.ROOT, "%d / %d / %d / %d / %d", a.get(Actions.ACTIVITIES) + a.get(Actions.RETRIES), a.get(Actions.MARKERS),
              a.get(Actions.TIMERS), a.get(Actions.UPSERTS), a.get(Actions.SIGNALS) + a.get(Actions.UPDATES)),
          Table.count(raw) + " (" + seq.touches() + " + " + seq.timers() + " + 1)", Table.ratio((double) seq.total() / raw),
          Table.num(perYear, 0), "$" + Table.num(dollars, 2) + " (raw loop $" + Table.num(raw * 365.0 / Math.max(1, seq.span().toDays())
              * ACCOUNTS * DOLLARS_PER_MILLION / 1e6, 2) + ")");
    }
    Sequence last = sequences.get(sequences.size() - 1);
    table.note("Every kind counted for this build's sequence: %s.", describe(last.actions()));
    table.note("Actions counted from history events as Temporal's \"Temporal Cloud Actions\" page maps them (docs.temporal.io/cloud/actions, "
        + "read 2026-12-07): workflow start or continue-as-new 1; each activity scheduled 1 and each retry 1; all markers of one workflow task "
        + "(local activities, version markers) 1 together; timer started 1; search-attribute upsert 1 (attributes set at start are free); "
        + "signal 1; update accepted 1; child workflow 2. Not in history, so not in these counts: queries (1 each, including every status "
        + "the console reads and every stack trace the Temporal UI shows), rejected updates (1 each), activity heartbeats.");
    table.note("Price: $%s per million actions, Pay-As-You-Go (the first 5 million a month on the Business, Enterprise and Mission Critical plans, "
        + "every million on the Developer plan; volume tiers down to $25 above 100 million), from %s. Plans add their own fee (Developer 10 %% "
        + "of usage, Business the greater of $500 a month or 10 %%) and storage is billed apart; neither is in these figures.",
        Table.num(DOLLARS_PER_MILLION, 0), PRICE_SOURCE);
    table.note("Per account-year = the sequence's actions × 365 / the days it ran (%d here): 1,000 accounts always in a sequence for a year. "
        + "Raw loop: a bare workflow with the sequence's touches as no-op activities and its timers, spread over the same days, counted the same "
        + "way; the read model's records (RecordSequence, a regular activity before and a local activity after) are on the product's side only.",
        last.span().toDays());
    Results.publish(args, table);
  }

  /** A committed history of the replay corpus. */
  static Sequence fromHistory(String label, Path file) throws Exception {
    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(file));
    List<HistoryEvent> events = history.getEvents();
    Instant first = instant(events.get(0));
    Instant last = instant(events.get(events.size() - 1));
    return of(label, List.of(events), Duration.between(first, last));
  }

  static Sequence of(String label, List<List<HistoryEvent>> runs, Duration span) {
    Map<String, Integer> actions = new LinkedHashMap<>();
    int touches = 0;
    int timers = 0;
    String record = recordActivityName();
    for (List<HistoryEvent> events : runs) {
      Actions.count(events).forEach((k, v) -> actions.merge(k, v, Integer::sum));
      for (HistoryEvent e : events) {
        if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
            && !e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(record)) touches++;
        if (e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED) timers++;
      }
    }
    return new Sequence(label, actions, touches, timers, span);
  }

  /** The raw loop on the time-skipping test environment; its actions, counted the same way. */
  static int rawLoopActions(RawLoopWorkflow.Plan plan) {
    try (TimeSkippingEnv env = new TimeSkippingEnv()) {
      WorkflowStub.fromTyped(env.startRaw("bench-raw-loop", plan)).getResult(Integer.class);
      return Actions.total(Actions.count(env.client.fetchHistory("bench-raw-loop").getEvents()));
    }
  }

  static String describe(Map<String, Integer> actions) {
    List<String> parts = new ArrayList<>();
    actions.forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }

  private static Instant instant(HistoryEvent e) {
    return Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos());
  }

  private static String recordActivityName() {
    for (var m : SequenceRecords.class.getMethods()) {
      ActivityMethod a = m.getAnnotation(ActivityMethod.class);
      if (a != null && !a.name().isEmpty()) return a.name();
    }
    throw new IllegalStateException("SequenceRecords has no named @ActivityMethod");
  }
}
