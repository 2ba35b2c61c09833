package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.TaskOutcome;

/** @param endsSequence true when the outcome ends the sequence (meeting booked, disqualified) */
public record TaskCompleted(String taskId, TaskOutcome outcome, boolean endsSequence) {}
