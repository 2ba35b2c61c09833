package io.abmsequencer.starter.tasks;

import io.abmsequencer.activities.tasks.TaskInbox;
import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.starter.security.AbmUser;
import io.abmsequencer.starter.security.AccountAccess;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.sequence.CompleteTask;
import io.abmsequencer.workflows.sequence.TaskCompleted;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The SDR inbox: read from PostgreSQL; completing a task is an Update to its sequence. */
@Service
public class TaskService {
  private final TaskInbox inbox;
  private final SequenceClient sequences;
  private final ObjectProvider<DetachedTaskOutcomes> detachedOutcomes;

  public TaskService(TaskInbox inbox, SequenceClient sequences, ObjectProvider<DetachedTaskOutcomes> detachedOutcomes) {
    this.inbox = inbox;
    this.sequences = sequences;
    this.detachedOutcomes = detachedOutcomes;
  }

  /**
   * The inbox of {@code assignee} (everyone's when null). An SDR sees only their own: no assignee
   * means theirs, another SDR's is refused.
   */
  public List<TaskRow> inbox(AbmUser user, String assignee, boolean openOnly, int limit, int offset) {
    if (limit < 1 || limit > 500) throw ApiException.invalidField("limit", "must be from 1 to 500");
    if (offset < 0) throw ApiException.invalidField("offset", "must be 0 or more");
    String whose = assignee;
    if (!AccountAccess.worksEveryInbox(user)) {
      if (whose != null && !AccountAccess.owns(user, whose)) throw forbidden("You can only see your own tasks");
      whose = user.owner();
    }
    return inbox.inbox(whose, openOnly, limit, offset);
  }

  public TaskRow get(AbmUser user, String taskId) {
    TaskRow task = inbox.find(taskId).orElseThrow(() -> ApiException.notFound("No task " + taskId));
    if (!AccountAccess.worksEveryInbox(user) && !AccountAccess.owns(user, task.owner())) throw forbidden("This task is another SDR's");
    return task;
  }

  private static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", message);
  }

  /**
   * Completes the task with the SDR's outcome; the sequence moves on (or ends, for a booked
   * meeting or a disqualification).
   *
   * @throws ApiException 404 unknown task, 409 task already closed, 400 outcome not allowed
   */
  public TaskCompleted complete(AbmUser user, String taskId, TaskOutcome outcome, String note) {
    TaskRow task = get(user, taskId);
    String by = user.getUsername();
    if (outcome == null) throw ApiException.invalidField("outcome", "required: one of " + task.outcomes());
    if (task.state() != TaskState.OPEN) throw closed(task);
    if (inbox.isDetached(taskId)) {
      // No sequence step waits for it (e.g. a reply to handle after the sequence ended): close the row.
      if (!task.outcomes().contains(outcome)) {
        throw ApiException.refused("Invalid outcome", "outcome", "Outcome " + outcome + " is not allowed for this task; allowed: " + task.outcomes());
      }
      detachedOutcomes.orderedStream().forEach(handler -> handler.closing(task, outcome));
      inbox.close(new TaskClose(taskId, TaskState.DONE, outcome, note, by, java.time.Instant.now()));
      return new TaskCompleted(taskId, outcome, false);
    }
    try {
      return sequences.completeTask(task.workflowId(), new CompleteTask(taskId, outcome, note, by));
    } catch (SequenceClient.SequenceGone e) {
      throw ApiException.conflict("Task " + taskId + " can no longer be completed: its sequence " + task.workflowId() + " has ended");
    } catch (SequenceClient.Rejected e) {
      if (e.type().equals("TaskNotOpen")) throw closed(inbox.find(taskId).orElse(task));
      throw e.asProblem("Invalid outcome");
    }
  }

  private static ApiException closed(TaskRow task) {
    return ApiException.conflict("Task " + task.taskId() + " is already closed (" + task.state()
        + (task.outcome() == null ? "" : ", " + task.outcome()) + (task.closedBy() == null ? "" : " by " + task.closedBy()) + ")");
  }
}
