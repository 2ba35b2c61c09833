package io.abmsequencer.bench.footprint;

import io.abmsequencer.bench.simulation.NoopActivity;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The footprint's baseline: a trivial workflow that makes one activity call, then sleeps 30 days. */
@WorkflowInterface
public interface ParkedWorkflow {

  @WorkflowMethod(name = "BenchParked")
  void run(String name);

  class Impl implements ParkedWorkflow {
    @Override
    public void run(String name) {
      Workflow.newActivityStub(NoopActivity.class, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build())
          .touch(name);
      Workflow.sleep(Duration.ofDays(30));
    }
  }
}
