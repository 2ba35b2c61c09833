package io.abmsequencer.activities.tasks;

import io.abmsequencer.workflows.channels.SdrTasks;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.temporal.failure.ApplicationFailure;
import org.springframework.stereotype.Component;

/** SDR tasks land in the console's inbox; opening and closing are idempotent by task id. */
@Component("sdrTasks")
public class InboxTasks implements SdrTasks {
  private final TaskInbox inbox;

  public InboxTasks(TaskInbox inbox) {
    this.inbox = inbox;
  }

  @Override
  public void open(TaskOpen task) {
    inbox.create(task);
  }

  @Override
  public void close(TaskClose close) {
    if (close.state() == TaskState.OPEN) {
      throw ApplicationFailure.newNonRetryableFailure(
          "task " + close.taskId() + ": a close needs DONE, EXPIRED or CANCELLED, not OPEN", "InvalidTaskClose");
    }
    inbox.close(close);
  }
}
