package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import java.time.Instant;
import java.util.List;

/**
 * An open SDR task or review the sequence knows about, and what may close it.
 *
 * @param blocking true when the sequence waits for it (a task or review step); false for alerts
 * @param kind the task type, or "REVIEW"
 */
public record OpenItem(
    String id,
    String stepId,
    String kind,
    String title,
    Instant dueAt,
    boolean blocking,
    List<TaskOutcome> outcomes,
    List<ReviewDecision> decisions) {}
