package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.Threshold;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * The score entered one of the playbook's thresholds: the SDR gets the threshold's task while the
 * account is warm. The sequence does not wait for it (the task is not blocking).
 */
final class ScoreAlerts {
  private final SequenceRun run;
  private final SequenceState s;

  ScoreAlerts(SequenceRun run) {
    this.run = run;
    this.s = run.s;
  }

  void raise(int score) {
    Threshold t = null;
    for (Threshold candidate : run.playbook().scoring().thresholds()) if (candidate.score() == score) t = candidate;
    if (t == null) return;
    Contact about = t.to() == null ? null : run.firstReachable(t.to());
    String id = Workflow.randomUUID().toString();
    Instant due = t.due().addTo(SequenceRun.now(), run.calendar());
    List<TaskOutcome> outcomes = List.of(TaskOutcome.values());
    s.openTasks.put(id, new OpenItem(id, "threshold:" + score, t.task().name(), t.title(), due, false, outcomes, null));
    SequenceActivities.tasks(t.task().label() + ": score " + s.score + " reached " + score)
        .open(new TaskOpen(id, SequenceRun.workflowId(), run.input.account().id(), run.input.account().name(), run.input.owner(),
            t.task(), t.title(), "The account's engagement score crossed " + score + ": reach out while they are warm.",
            about, "threshold:" + score, "Score " + s.score + " crossed " + score + run.lastEngagement(), s.score, due,
            SequenceRun.now(), outcomes));
  }
}
