package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.TaskOutcome;

public record CompleteTask(String taskId, TaskOutcome outcome, String note, String by) {}
