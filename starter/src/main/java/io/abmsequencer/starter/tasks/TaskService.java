package io.abmsequencer.starter.tasks;

import io.abmsequencer.activities.tasks.TaskInbox;
import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.sequence.CompleteTask;
import io.abmsequencer.workflows.sequence.TaskCompleted;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The SDR inbox: read from PostgreSQL; completing a task is an Update to its sequence. */
@Service
public class TaskService {
  private final TaskInbox inbox;
  private final SequenceClient sequences;

  public TaskService(TaskInbox inbox, SequenceClient sequences) {
    this.inbox = inbox;
    this.sequences = sequences;
  }

  public List<TaskRow> inbox(String assignee, boolean openOnly, int limit, int offset) {
    if (limit < 1 || limit > 500) throw ApiException.invalidField("limit", "must be from 1 to 500");
    if (offset < 0) throw ApiException.invalidField("offset", "must be 0 or more");
    return inbox.inbox(assignee, openOnly, limit, offset);
  }

  public TaskRow get(String taskId) {
    return inbox.find(taskId).orElseThrow(() -> ApiException.notFound("No task " + taskId));
  }

  /**
   * Completes the task with the SDR's outcome; the sequence moves on (or ends, for a booked
   * meeting or a disqualification).
   *
   * @throws ApiException 404 unknown task, 409 task already closed, 400 outcome not allowed
   */
  public TaskCompleted complete(String taskId, TaskOutcome outcome, String note, String by) {
    TaskRow task = get(taskId);
    if (outcome == null) throw ApiException.invalidField("outcome", "required: one of " + task.outcomes());
    if (task.state() != TaskState.OPEN) throw closed(task);
    if (inbox.isDetached(taskId)) {
      // No sequence step waits for it (e.g. a reply to handle after the sequence ended): close the row.
      if (!task.outcomes().contains(outcome)) {
        throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid outcome", "Outcome " + outcome + " is not allowed for this task; allowed: " + task.outcomes());
      }
      inbox.close(new TaskClose(taskId, TaskState.DONE, outcome, note, by, java.time.Instant.now()));
      return new TaskCompleted(taskId, outcome, false);
    }
    try {
      return sequences.completeTask(task.workflowId(), new CompleteTask(taskId, outcome, note, by));
    } catch (SequenceClient.SequenceGone e) {
      throw ApiException.conflict("Task " + taskId + " can no longer be completed: its sequence " + task.workflowId() + " has ended");
    } catch (SequenceClient.Rejected e) {
      if (e.type().equals("TaskNotOpen")) throw closed(inbox.find(taskId).orElse(task));
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid outcome", e.getMessage());
    }
  }

  private static ApiException closed(TaskRow task) {
    return ApiException.conflict("Task " + task.taskId() + " is already closed (" + task.state()
        + (task.outcome() == null ? "" : ", " + task.outcome()) + (task.closedBy() == null ? "" : " by " + task.closedBy()) + ")");
  }
}
