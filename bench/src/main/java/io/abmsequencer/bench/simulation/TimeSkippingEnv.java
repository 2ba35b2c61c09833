package io.abmsequencer.bench.simulation;

import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflowImpl;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceSearchAttributes;
import io.abmsequencer.workflows.sequence.WorkflowIds;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;

/**
 * Temporal's time-skipping test environment set up as the workflow tests set it up
 * ({@code SequenceTestKit}: the product's data converter, its search attributes registered, a Monday
 * 09:00 in New York), with the sequence workflow on its task queue and the raw loop on another.
 */
public final class TimeSkippingEnv implements AutoCloseable {
  public static final String RAW_QUEUE = "bench-raw";

  public final TestWorkflowEnvironment env;
  public final WorkflowClient client;
  public final AnsweringChannels channels;
  public final NoopActivity.Impl noop = new NoopActivity.Impl();

  public TimeSkippingEnv() {
    this(SequenceTestKit.MONDAY_9AM);
  }

  public TimeSkippingEnv(Instant start) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder()
        .setInitialTime(start)
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build());
    SequenceSearchAttributes.definitions().forEach(options::registerSearchAttribute);
    env = TestWorkflowEnvironment.newInstance(options.build());
    client = env.getWorkflowClient();
    channels = new AnsweringChannels(env);
    Worker sequences = env.newWorker(SequenceTestKit.TASK_QUEUE);
    sequences.registerWorkflowImplementationTypes(AccountSequenceWorkflowImpl.class);
    sequences.registerActivitiesImplementations(channels);
    Worker raw = env.newWorker(RAW_QUEUE);
    raw.registerWorkflowImplementationTypes(RawLoopWorkflow.Impl.class);
    raw.registerActivitiesImplementations(noop);
    env.start();
  }

  public AccountSequenceWorkflow startSequence(SequenceInput input) {
    AccountSequenceWorkflow stub = client.newWorkflowStub(AccountSequenceWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.of(input.playbook().motion(), input.account().id()))
            .setTaskQueue(SequenceTestKit.TASK_QUEUE)
            .build());
    WorkflowClient.start(stub::run, input);
    return stub;
  }

  public RawLoopWorkflow startRaw(String workflowId, RawLoopWorkflow.Plan plan) {
    RawLoopWorkflow stub = client.newWorkflowStub(RawLoopWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(RAW_QUEUE).build());
    WorkflowClient.start(stub::run, plan);
    return stub;
  }

  @Override
  public void close() {
    env.close();
  }
}
