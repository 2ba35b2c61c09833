package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.account.Contact;
import java.time.Instant;
import java.util.List;

/**
 * A task for the account's SDR: what to do, for whom, why, due when.
 *
 * @param taskId chosen by the workflow; opening the same id twice keeps one row
 * @param contact the person the task is about, or null for an account-level task
 * @param stepId the playbook step, or {@code threshold:<score>} for a hot-account alert
 * @param reason why now, in plain words ("score 45 after PRICING_PAGE_VISIT on 2027-01-12")
 * @param outcomes outcomes the SDR may choose
 */
public record TaskOpen(
    String taskId,
    String workflowId,
    String accountId,
    String accountName,
    String owner,
    TaskType type,
    String title,
    String instructions,
    Contact contact,
    String stepId,
    String reason,
    int score,
    Instant dueAt,
    Instant createdAt,
    List<TaskOutcome> outcomes) {}
