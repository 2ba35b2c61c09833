package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.AWAITING_REVIEW;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.AWAITING_TASK;

import io.abmsequencer.workflows.channels.PlaybookLookup;
import io.abmsequencer.workflows.channels.ReviewClose;
import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.OnTimeout;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.ReviewStep;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskStep;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.SequenceState.StepProgress;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The steps people take: the SDR's tasks and the review checkpoints, opened in business hours and
 * waited for until done, decided or due; and the updates that close them.
 */
final class HumanSteps {
  private static final Logger log = Workflow.getLogger(HumanSteps.class);

  private final SequenceRun run;
  private final SequenceState s;
  private final Waits waits;

  HumanSteps(SequenceRun run, Waits waits) {
    this.run = run;
    this.s = run.s;
    this.waits = waits;
  }

  void taskStep(TaskStep step) {
    StepProgress p = s.progress;
    if (p.itemId == null) {
      Contact about = null;
      if (step.to() != null) {
        about = run.firstReachable(step.to());
        if (about == null) {
          log.info("Skipping task {}: no reachable {} on the committee", step.id(), step.to());
          return;
        }
      }
      Contact first = about;
      // The task is about them: an opt-out while it waits for business hours ends the wait (the SDR may
      // have someone else of that role to reach, or nobody).
      if (!waits.forBusinessHours("task: " + step.title(),
          () -> run.versions.promisesKept && first != null && !Committee.reachable(first, s))) return;
      if (run.versions.promisesKept && step.to() != null) {
        about = run.firstReachable(step.to());
        if (about == null) {
          log.info("Skipping task {}: no reachable {} on the committee any more", step.id(), step.to());
          return;
        }
      }
      Contact subject = about;
      p.itemId = Workflow.randomUUID().toString();
      p.deadline = step.due().addTo(SequenceRun.now(), run.calendar());
      List<TaskOutcome> outcomes = List.of(TaskOutcome.values());
      s.openTasks.put(p.itemId, new OpenItem(p.itemId, step.id(), step.type().name(), step.title(), p.deadline, true, outcomes, null));
      SequenceActivities.tasks(step.type().label() + " task for the SDR: " + step.title())
          .open(new TaskOpen(p.itemId, SequenceRun.workflowId(), run.input.account().id(), run.input.account().name(), run.input.owner(),
              step.type(), step.title(), step.instructions(), subject, step.id(),
              "Playbook step '" + step.id() + "' of " + run.playbook().name() + run.lastEngagement(),
              s.score, p.deadline, SequenceRun.now(), outcomes));
    }
    waits.until(() -> p.deadline, AWAITING_TASK,
        () -> "Waiting for the SDR: " + step.title() + ", due " + run.when(p.deadline), () -> p.resolution != null);
    if (s.exiting() || p.resolution != null) return;
    p.resolution = TaskState.EXPIRED.name();
    s.openTasks.remove(p.itemId);
    SequenceActivities.tasks("Task expired: " + step.title())
        .close(new TaskClose(p.itemId, TaskState.EXPIRED, null, "Not done by its due date", "sequence", SequenceRun.now()));
    if (step.onTimeout() == OnTimeout.STOP) run.exit(ExitReason.TASK_EXPIRED, "task '" + step.title() + "' was not done by " + run.when(p.deadline));
  }

  /** False when a tier change switched the playbook (the cursor is already set). */
  boolean reviewStep(ReviewStep step) {
    StepProgress p = s.progress;
    if (p.itemId == null) {
      if (!waits.forBusinessHours("review: " + step.question(), () -> false)) return true;
      p.itemId = Workflow.randomUUID().toString();
      p.deadline = step.due().addTo(SequenceRun.now(), run.calendar());
      s.openReviews.put(p.itemId, new OpenItem(p.itemId, step.id(), "REVIEW", step.question(), p.deadline, true, null, step.decisions()));
      SequenceActivities.reviews("Review checkpoint: " + step.question())
          .open(new ReviewOpen(p.itemId, SequenceRun.workflowId(), run.input.account().id(), run.input.account().name(), run.input.owner(),
              step.id(), step.question(), step.decisions(), s.tier, s.score, s.touches, p.deadline, SequenceRun.now()));
    }
    waits.until(() -> p.deadline, AWAITING_REVIEW,
        () -> "Waiting for a review decision: " + step.question() + ", due " + run.when(p.deadline), () -> p.resolution != null);
    if (s.exiting()) return true;
    if (p.resolution == null) {
      p.resolution = TaskState.EXPIRED.name();
      s.openReviews.remove(p.itemId);
      SequenceActivities.reviews("Review expired: " + step.question())
          .close(new ReviewClose(p.itemId, TaskState.EXPIRED, null, null, "Not decided by its due date", "sequence", SequenceRun.now()));
      if (step.onTimeout() == OnTimeout.STOP) run.exit(ExitReason.REVIEW_EXPIRED, "review '" + step.question() + "' was not decided by " + run.when(p.deadline));
      return true;
    }
    if (ReviewDecision.CHANGE_TIER.name().equals(p.resolution)) return !switchTier(p.newTier);
    return true;
  }

  /** Follows the playbook stored for the new tier from its first step; true when it switched. */
  private boolean switchTier(Tier tier) {
    s.tier = tier;
    Playbook current = run.playbook();
    Playbook next = SequenceActivities.catalog("Find the " + current.motion().label() + " playbook for tier " + tier.label())
        .find(PlaybookLookup.forTier(current.motion(), tier));
    if (next == null || next.ref().equals(run.playbook().ref())) {
      log.info("Tier changed to {}; no other playbook for it, continuing {}", tier, run.playbook().ref());
      s.recordDue = true;
      return false;
    }
    log.info("Tier changed to {}: now following {}", tier, next.ref());
    s.switchedPlaybook = next;
    s.epoch++;
    s.cursor = 0;
    s.progress = null;
    s.recordDue = true;
    return true;
  }

  // The two updates below call an activity and take no WorkflowLock: each changes all the state it
  // changes before that call (its one yield) and reads none after it, so whatever runs meanwhile sees
  // the task or review closed, never half closed. The main loop waits for every handler to finish
  // before it continues as new or ends.

  TaskCompleted completeTask(CompleteTask request) {
    OpenItem task = s.openTasks.remove(request.taskId());
    if (s.progress != null && task.id().equals(s.progress.itemId)) s.progress.resolution = request.outcome().name();
    if (request.outcome() == TaskOutcome.MEETING_BOOKED) {
      s.engagement.merge(EngagementType.MEETING_BOOKED, 1, Integer::sum);
      s.score += run.playbook().scoring().weight(EngagementType.MEETING_BOOKED);
      s.pendingAlerts.addAll(SequenceRules.entered(run.playbook().scoring().thresholds(), s.score, s.thresholdsReached));
    }
    ExitReason exit = SequenceRules.exitFor(request.outcome(), run.playbook());
    if (exit != null) run.exit(exit, "task '" + task.title() + "' closed with " + request.outcome() + (request.by() == null ? "" : " by " + request.by()));
    s.recordDue = true;
    SequenceActivities.tasks("Close task: " + task.title() + " (" + request.outcome() + ")")
        .close(new TaskClose(task.id(), TaskState.DONE, request.outcome(), request.note(), request.by(), SequenceRun.now()));
    return new TaskCompleted(task.id(), request.outcome(), exit != null);
  }

  ReviewDecided decideReview(DecideReview request) {
    OpenItem review = s.openReviews.remove(request.reviewId());
    if (s.progress != null && review.id().equals(s.progress.itemId)) {
      s.progress.resolution = request.decision().name();
      s.progress.newTier = request.tier();
    }
    boolean stop = request.decision() == ReviewDecision.STOP;
    if (stop) run.exit(ExitReason.STOPPED_BY_REVIEW, (request.by() == null ? "" : request.by() + ": ") + (request.note() == null ? review.title() : request.note()));
    s.recordDue = true;
    SequenceActivities.reviews("Record review decision: " + request.decision())
        .close(new ReviewClose(review.id(), TaskState.DONE, request.decision(), request.tier(), request.note(), request.by(), SequenceRun.now()));
    return new ReviewDecided(review.id(), request.decision(), stop);
  }

  /** The sequence ended: every task and review still open is cancelled, saying why. */
  void cancelOpenItems(String closing) {
    for (OpenItem t : new ArrayList<>(s.openTasks.values())) {
      s.openTasks.remove(t.id());
      SequenceActivities.tasks("Cancel task: " + t.title())
          .close(new TaskClose(t.id(), TaskState.CANCELLED, null, closing, "sequence", SequenceRun.now()));
    }
    for (OpenItem r : new ArrayList<>(s.openReviews.values())) {
      s.openReviews.remove(r.id());
      SequenceActivities.reviews("Cancel review: " + r.title())
          .close(new ReviewClose(r.id(), TaskState.CANCELLED, null, null, closing, "sequence", SequenceRun.now()));
    }
  }
}
