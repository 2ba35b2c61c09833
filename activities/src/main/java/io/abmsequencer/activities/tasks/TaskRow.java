package io.abmsequencer.activities.tasks;

import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskType;
import java.time.Instant;
import java.util.List;

/**
 * One task of the SDR inbox (table {@code sdr_tasks}).
 *
 * @param contactId null for an account-level task
 * @param contactLinkedin the contact's LinkedIn profile, or null
 * @param outcomes outcomes the SDR may choose
 * @param outcome null unless {@code state} is DONE
 */
public record TaskRow(
    String taskId,
    String workflowId,
    String accountId,
    String accountName,
    String owner,
    TaskType type,
    String title,
    String instructions,
    String contactId,
    String contactName,
    Role contactRole,
    String contactTitle,
    String contactEmail,
    String contactPhone,
    String stepId,
    String reason,
    int score,
    List<TaskOutcome> outcomes,
    TaskState state,
    TaskOutcome outcome,
    String note,
    String closedBy,
    Instant dueAt,
    Instant createdAt,
    Instant closedAt,
    String contactLinkedin) {

  public boolean isOpen() {
    return state == TaskState.OPEN;
  }

  /** Raised by the score crossing a threshold; listed first in the inbox. */
  public boolean isHotAccountAlert() {
    return type == TaskType.HOT_ACCOUNT;
  }
}
