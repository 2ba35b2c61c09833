package io.abmsequencer.starter.tasks;

import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.workflows.playbook.TaskOutcome;

/**
 * What a person's answer to a detached task (one no sequence step waits for) sets off, beyond
 * closing it: e.g. a possible reply confirmed. Called before the task is closed, so a failure
 * leaves the task open for another try; implementations are idempotent and ignore tasks not theirs.
 */
public interface DetachedTaskOutcomes {

  void closing(TaskRow task, TaskOutcome outcome);
}
