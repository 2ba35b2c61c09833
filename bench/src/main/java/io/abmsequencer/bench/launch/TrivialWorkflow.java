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

  class Impl implements TrivialWorkflow {
    @Override
    public void run(String name) {
      Workflow.sleep(Duration.ofDays(30));
    }
  }
}
