package io.abmsequencer.bench.launch;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The launch baseline's workflow: nothing but a 30-day sleep. */
@WorkflowInterface
public interface TrivialWorkflow {

  @WorkflowMethod(name = "BenchTrivial")
  void run(String name);

  /**
   * How many have run their first workflow task in this JVM, so the benchmark can tell when the raw
   * phase's work is done. Bench-only bookkeeping: a replay would count again, and none happens here
   * (each of these workflows runs exactly one workflow task while measured).
   */
  java.util.concurrent.atomic.AtomicInteger STARTED_RUNNING = new java.util.concurrent.atomic.AtomicInteger();

  class Impl implements TrivialWorkflow {
    @Override
    public void run(String name) {
      STARTED_RUNNING.incrementAndGet();
      Workflow.sleep(Duration.ofDays(30));
    }
  }
}
