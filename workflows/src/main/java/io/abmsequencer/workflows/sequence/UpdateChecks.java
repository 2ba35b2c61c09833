package io.abmsequencer.workflows.sequence;

import static io.abmsequencer.workflows.sequence.UpdateRejections.reject;

import io.abmsequencer.workflows.playbook.ReviewDecision;

/**
 * The update validators' answers, from the state alone: they read it and change nothing, so a
 * refused update leaves no trace in history. Pure.
 */
final class UpdateChecks {
  private UpdateChecks() {}

  /** Refuses a task that is not open here, or an outcome the task does not allow. */
  static void completeTask(CompleteTask request, SequenceState s) {
    if (request == null || request.taskId() == null) throw reject("taskId is required", "InvalidRequest");
    if (s.exiting()) throw reject("The sequence has ended (" + s.exit.words() + "); its tasks are closed", "SequenceEnded");
    OpenItem task = s.openTasks.get(request.taskId());
    if (task == null) throw reject("Task " + request.taskId() + " is not open in this sequence", "TaskNotOpen");
    if (request.outcome() == null) throw reject("outcome is required: one of " + task.outcomes(), "OutcomeRequired");
    if (!task.outcomes().contains(request.outcome())) {
      throw reject("Outcome " + request.outcome() + " is not allowed for this task; allowed: " + task.outcomes(), "OutcomeNotAllowed");
    }
  }

  /** Refuses a review that is not open here, a decision it does not offer, or a tier change to no other tier. */
  static void decideReview(DecideReview request, SequenceState s) {
    if (request == null || request.reviewId() == null) throw reject("reviewId is required", "InvalidRequest");
    if (s.exiting()) throw reject("The sequence has ended (" + s.exit.words() + "); its reviews are closed", "SequenceEnded");
    OpenItem review = s.openReviews.get(request.reviewId());
    if (review == null) throw reject("Review " + request.reviewId() + " is not open in this sequence", "ReviewNotOpen");
    if (request.decision() == null) throw reject("decision is required: one of " + review.decisions(), "DecisionRequired");
    if (!review.decisions().contains(request.decision())) {
      throw reject("Decision " + request.decision() + " is not allowed at this review; allowed: " + review.decisions(), "DecisionNotAllowed");
    }
    if (request.decision() == ReviewDecision.CHANGE_TIER) {
      if (request.tier() == null) throw reject("CHANGE_TIER needs the new tier", "TierRequired");
      if (request.tier() == s.tier) throw reject("The account is already in tier " + s.tier, "TierUnchanged");
    }
  }
}
