package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.playbook.TaskOutcome;
import java.time.Instant;

/** @param outcome null unless {@code state} is DONE */
public record TaskClose(
    String taskId, TaskState state, TaskOutcome outcome, String note, String closedBy, Instant closedAt) {}
