package io.abmsequencer.bench.simulation;

import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.CompleteTask;
import io.abmsequencer.workflows.sequence.DecideReview;
import io.abmsequencer.workflows.testing.FakeChannels;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workflow tests' in-memory channels, plus the people: the SDR completes every task and the
 * reviewers continue at every checkpoint half a day (of test time) after it opens, as in
 * {@code EighteenMonthSequenceTest}. The answer is a delayed callback of the time-skipping server,
 * which holds the clock while the Update runs, so no due date can pass first and no polling loop
 * is needed: the driver just waits for the result.
 */
public class AnsweringChannels extends FakeChannels {
  static final Duration ANSWER_AFTER = Duration.ofHours(12);

  private final TestWorkflowEnvironment env;
  private final WorkflowClient client;
  public final AtomicInteger answered = new AtomicInteger();
  public final AtomicInteger refused = new AtomicInteger();

  public AnsweringChannels(TestWorkflowEnvironment env) {
    super(env::currentTimeMillis);
    this.env = env;
    this.client = env.getWorkflowClient();
  }

  @Override
  public void open(TaskOpen task) {
    boolean first = !tasks.containsKey(task.taskId());
    super.open(task);
    if (first) {
      env.registerDelayedCallback(ANSWER_AFTER, () -> answer(() -> stub(task.workflowId())
          .completeTask(new CompleteTask(task.taskId(), TaskOutcome.COMPLETED, "done", "sam.lee"))));
    }
  }

  @Override
  public void open(ReviewOpen review) {
    boolean first = !reviews.containsKey(review.reviewId());
    super.open(review);
    if (first) {
      env.registerDelayedCallback(ANSWER_AFTER, () -> answer(() -> stub(review.workflowId())
          .decideReview(new DecideReview(review.reviewId(), ReviewDecision.CONTINUE, null, "keep going", "jane.doe"))));
    }
  }

  private AccountSequenceWorkflow stub(String workflowId) {
    return client.newWorkflowStub(AccountSequenceWorkflow.class, workflowId);
  }

  private void answer(Runnable update) {
    try {
      update.run();
      answered.incrementAndGet();
    } catch (RuntimeException e) {
      // Closed meanwhile (the sequence ended): nothing to answer.
      refused.incrementAndGet();
    }
  }
}
