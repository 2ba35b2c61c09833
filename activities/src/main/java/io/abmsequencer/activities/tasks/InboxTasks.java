package io.abmsequencer.activities.tasks;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.workflows.channels.SdrTasks;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.activities.email.SenderIdentities;
import io.abmsequencer.activities.email.TemplateFields;
import io.abmsequencer.workflows.playbook.Templates;
import io.abmsequencer.workflows.account.Account;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import org.springframework.stereotype.Component;

/** SDR tasks land in the console's inbox; opening and closing are idempotent by task id. */
@WorkerSide
@Component("sdrTasks")
public class InboxTasks implements SdrTasks {
  private final TaskInbox inbox;
  private final SenderIdentities senders;

  public InboxTasks(TaskInbox inbox, SenderIdentities senders) {
    this.inbox = inbox;
    this.senders = senders;
  }

  /** Playbook task titles may use the same {{fields}} as e-mails ("Call {{firstName}} at {{accountName}}"). */
  @Override
  public void open(TaskOpen task) {
    Map<String, String> fields = TemplateFields.of(new Account(task.accountId(), task.accountName(), null, null), task.contact(),
        senders.forOwner(task.owner()));
    inbox.create(new TaskOpen(task.taskId(), task.workflowId(), task.accountId(), task.accountName(), task.owner(), task.type(),
        Templates.render(task.title(), fields), task.instructions() == null ? null : Templates.render(task.instructions(), fields),
        task.contact(), task.stepId(), task.reason(), task.score(), task.dueAt(), task.createdAt(), task.outcomes()));
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
