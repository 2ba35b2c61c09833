package io.abmsequencer.workflows.sequence;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One account worked through one playbook for up to 18 months: it e-mails and texts the buying
 * committee, syncs ad audiences, gives the SDR tasks and waits at review checkpoints, scores
 * engagement and exits on the playbook's exit rules. Id {@code abm-{motion}-{accountId}}, task
 * queue {@code abm-sequences}.
 *
 * <p>Signals are fire-and-forget events; operator actions that need an answer (complete a task,
 * decide a review) are Updates whose validators reject a wrong id, a closed item or a disallowed
 * outcome without changing anything.
 */
@WorkflowInterface
public interface AccountSequenceWorkflow {

  @WorkflowMethod(name = "AccountSequence")
  SequenceResult run(SequenceInput input);

  /** Coalesced engagement; batches already applied are ignored. */
  @SignalMethod(name = "engagement")
  void engagement(EngagementBatch batch);

  /** A CRM stage change; ends the sequence when the playbook's exit rules say so. */
  @SignalMethod(name = "stageChanged")
  void stageChanged(StageChange change);

  /** A contact opted out or bounced; no further touch reaches them on that channel. */
  @SignalMethod(name = "optOut")
  void optOut(OptOut optOut);

  /** The contact is out of office: touches to them wait until the date, the rest go on. */
  @SignalMethod(name = "contactAway")
  void contactAway(ContactAway away);

  /** People joined or left the buying committee (a refreshed target account list). */
  @SignalMethod(name = "committeeChanged")
  void committeeChanged(CommitteeChange change);

  /** The account left the target account list: the sequence ends (reason REMOVED_FROM_LIST). */
  @SignalMethod(name = "removeFromList")
  void removeFromList(Control control);

  /** Stops sending; waits stop counting until resumed. */
  @SignalMethod(name = "pause")
  void pause(Control control);

  @SignalMethod(name = "resume")
  void resume(Control control);

  /** Ends the sequence (reason CANCELLED), closing its open tasks and reviews. */
  @SignalMethod(name = "cancel")
  void cancel(Control control);

  @UpdateMethod(name = "completeTask")
  TaskCompleted completeTask(CompleteTask request);

  @UpdateValidatorMethod(updateName = "completeTask")
  void validateCompleteTask(CompleteTask request);

  @UpdateMethod(name = "decideReview")
  ReviewDecided decideReview(DecideReview request);

  @UpdateValidatorMethod(updateName = "decideReview")
  void validateDecideReview(DecideReview request);

  @QueryMethod(name = "status")
  SequenceStatus status();
}
