package io.abmsequencer.bench.history;

import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
import static io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED;

import io.abmsequencer.bench.simulation.Histories;
import io.abmsequencer.bench.simulation.TimeSkippingEnv;
import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Results;
import io.abmsequencer.bench.support.Stats;
import io.abmsequencer.bench.support.Table;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflowImpl;
import io.abmsequencer.workflows.sequence.EngagementBatch;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 3: one sequence receives 10,000 engagement events over its life. Goal: no run of its
 * history (continue-as-new chain) holds more than 2,000 events, and the final score is exact.
 *
 * <p>Delivery: <b>one signal per event</b>, each its own {@link EngagementBatch}, spread evenly over
 * the first 480 days of the 18-month tier-1 sequence (one about every 69 minutes of test time).
 * That is what the product's delivery sends when events are more than one flush interval (5 s)
 * apart — its worst case; events closer together would be coalesced into fewer batches. The events
 * are delayed callbacks of the time-skipping server, so each arrives at its own moment of the
 * sequence's life, while it waits, sends and continues as new.
 */
public final class HistoryBench {

  static final List<EngagementType> TYPES = List.of(EngagementType.WEBSITE_VISIT, EngagementType.PRICING_PAGE_VISIT,
      EngagementType.CONTENT_DOWNLOAD, EngagementType.EMAIL_CLICK, EngagementType.LINKEDIN_AD_CLICK);
  static final Duration SPREAD = Duration.ofDays(480);

  public static void main(String[] argv) {
    Jvm.main("history", () -> run(argv));
  }

  static void run(String[] argv) throws Exception {
    Args args = new Args(argv);
    int events = args.intOption("events", 10_000);
    Playbook playbook = SequenceTestKit.playbookResource("tier1-18-months.yaml");
    SequenceInput input = SequenceTestKit.input(playbook, Committees.acmeCommittee());

    long expectedScore = 0;
    for (int i = 0; i < events; i++) expectedScore += playbook.scoring().weight(type(i));

    AtomicInteger delivered = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    AtomicLong clock = new AtomicLong();
    long t0 = System.nanoTime();
    try (TimeSkippingEnv env = new TimeSkippingEnv()) {
      AccountSequenceWorkflow sequence = env.startSequence(input);
      WorkflowStub stub = WorkflowStub.fromTyped(sequence);
      String workflowId = stub.getExecution().getWorkflowId();
      String firstRunId = stub.getExecution().getRunId();
      long step = SPREAD.toMillis() / events;
      for (int i = 0; i < events; i++) {
        int n = i;
        env.env.registerDelayedCallback(Duration.ofMillis(step * (i + 1)), () -> {
          EngagementBatch batch = new EngagementBatch("event-" + n, Map.of(type(n), 1), Instant.ofEpochMilli(env.env.currentTimeMillis()));
          for (int attempt = 0; ; attempt++) {
            try {
              env.client.newWorkflowStub(AccountSequenceWorkflow.class, workflowId).engagement(batch);
              delivered.incrementAndGet();
              return;
            } catch (WorkflowNotFoundException e) {
              // Between two runs of a continue-as-new on the test server: the product's delivery retries too.
              if (attempt > 500) throw e;
              retries.incrementAndGet();
              sleep(10);
            }
          }
        });
      }
      java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread progress = new Thread(() -> {
        while (running.get()) {
          sleep(5_000);
          if (!running.get()) return;
          long days = Duration.ofMillis(env.env.currentTimeMillis() - SequenceTestKit.MONDAY_9AM.toEpochMilli()).toDays();
          Results.progress("%,d of %,d events delivered, day %d of the sequence", delivered.get(), events, days);
        }
      }, "progress");
      progress.setDaemon(true);
      progress.start();

      SequenceResult result = stub.getResult(SequenceResult.class);
      running.set(false);
      double seconds = Stats.seconds(System.nanoTime() - t0);
      clock.set(env.env.currentTimeMillis());
      Histories.Chain chain = Histories.walk(env.client, workflowId, firstRunId);
      int signals = chain.count(EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
      long months = Duration.ofMillis(env.channels.lastSnapshot().updatedAt().toEpochMilli() - SequenceTestKit.MONDAY_9AM.toEpochMilli()).toDays() / 30;

      Table table = new Table("3. History bound: one sequence, " + Table.count(events) + " engagement events over its life",
          "what", "events", "ratio to baseline", "goal", "result");
      table.row("baseline: the whole life in one history (every run added up, as without continue-as-new)",
          Table.count(chain.total()), "1.00", "", "");
      table.row("product: the longest run of the continue-as-new chain (" + chain.runs().size() + " runs)",
          Table.count(chain.maxEvents()), Table.ratio((double) chain.maxEvents() / chain.total()), "≤ 2,000 events",
          Table.atMost(chain.maxEvents(), 2_000));
      table.row("final score (" + result.reason() + " after " + months + " months) against the sum of the events' weights",
          Table.count(result.score()) + " of " + Table.count(expectedScore), "", "exact", result.score() == expectedScore ? "PASS" : "MISS");
      table.note("Delivery: one signal per event (%s, in turn), each its own batch, evenly over the first %d days "
          + "(one every %d minutes of test time): the product's delivery when events are more than one flush (5 s) apart, its worst case.",
          String.join(", ", TYPES.stream().map(Enum::name).toList()), SPREAD.toDays(), step / 60_000);
      table.note("%,d signals in the histories for %,d events sent (%,d sends retried between two runs); continue-as-new budget %,d events; "
          + "runs hold %,d events on average; %,d activity calls in all (the read model is updated at most every 5 minutes of test time).",
          signals, delivered.get(), retries.get(), AccountSequenceWorkflowImpl.DEFAULT_HISTORY_BUDGET,
          chain.total() / chain.runs().size(), chain.count(EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
      table.note("Wall time %.1f s on the time-skipping test environment (context only).", seconds);
      Results.publish(args, table);
      if (signals != events || delivered.get() != events) {
        System.err.println("MISS: " + events + " events sent, " + delivered.get() + " delivered, " + signals + " in the histories");
      }
    }
  }

  static EngagementType type(int i) {
    return TYPES.get(i % TYPES.size());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
