package io.abmsequencer.bench.simulation;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The simulation's baseline: a bare Temporal loop with a given number of activity calls and timers,
 * spread evenly over the same span of calendar time as the product's run. No state, no queries, no
 * search attributes, no handlers.
 */
@WorkflowInterface
public interface RawLoopWorkflow {

  record Plan(int activities, int timers, long spanMillis) {}

  @WorkflowMethod(name = "BenchRawLoop")
  int run(Plan plan);

  class Impl implements RawLoopWorkflow {
    private final NoopActivity activity = Workflow.newActivityStub(NoopActivity.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public int run(Plan plan) {
      int steps = Math.max(plan.activities(), plan.timers());
      Duration nap = Duration.ofMillis(plan.timers() == 0 ? 0 : Math.max(1, plan.spanMillis() / plan.timers()));
      int activities = 0;
      int timers = 0;
      for (int i = 0; i < steps; i++) {
        // Interleaved in proportion, like a sequence's touches and waits.
        if ((long) activities * steps < (long) (i + 1) * plan.activities()) {
          activity.touch("step " + i);
          activities++;
        }
        if ((long) timers * steps < (long) (i + 1) * plan.timers()) {
          Workflow.sleep(nap);
          timers++;
        }
      }
      return activities + timers;
    }
  }
}
