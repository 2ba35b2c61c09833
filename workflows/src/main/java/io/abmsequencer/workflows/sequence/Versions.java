package io.abmsequencer.workflows.sequence;

/**
 * The version decisions of one run: {@link AccountSequenceWorkflowImpl#run} takes them, first thing,
 * and the collaborators read them here. A handler that runs before them reads false, as it always did.
 */
final class Versions {
  /** Version "search-attributes": sequences keep typed search attributes current. */
  boolean indexes;
  /** Version "leave-audiences-on-exit": an ended sequence takes its committee out of ad audiences. */
  boolean leavesAudiences;
  /**
   * Version "score-at-once": a score change reaches the read model at once, then at most every
   * {@link Waits#SCORE_FLUSH}; before, it waited {@code SCORE_FLUSH} after any record, so a score earned
   * in a sequence's first minutes showed as 0 beside the events that earned it, and one earned within
   * minutes of a record during a long wait waited for the end of that wait.
   */
  boolean scoresAtOnce;
  /**
   * Version "quiet-known-opt-out": an opt-out the sequence already knows changes nothing, not even
   * the read model. The product repeats opt-outs on purpose (a second unsubscribe repairs a first
   * that failed to reach some sequences), so a repeat must be harmless; before, each one recorded.
   */
  boolean quietKnownOptOuts;
  /**
   * Version "records-when-waiting": the read model (and the search attributes) are written when the
   * sequence is about to wait or to call a provider, once for every status change in between, and by a
   * local activity inside the workflow task that then starts the wait. Before, every status change
   * recorded at once through a regular activity: a new sequence recorded itself three times (starting,
   * its first step, the wait for the send window), each two more workflow tasks, before it parked.
   */
  boolean recordsWhenWaiting;
  /**
   * Version "kept-promises": four promises the sequence broke before, kept since. They share one
   * marker because a run has all of them or none, and a marker is an event in every run's history.
   * <ul>
   *   <li>Texts go out only in the SMS hours: a text step whose send window never meets them is
   *       skipped, and says so; before, it went out in the send window alone (at 22:30, say).
   *   <li>A wait for a contact's send window (or a task's wait for business hours) wakes when that
   *       contact opts out or leaves the committee, as it woke for absences; before, the rest of the
   *       sequence waited for a window nobody would be sent in (up to a day, a weekend for a task).
   *   <li>The next touch (status, read model, {@code AbmNextTouchAt}) is what the sequence will really
   *       do next, from what the step already sent or deferred; before, the current step was planned
   *       again from now for everyone, so a touch a cap deferred to Monday showed as due now.
   *   <li>Whether the read model is written depends on state (status, step, next touch), never on the
   *       words of the status details: a copy edit or a worker in another locale changes no command.
   * </ul>
   */
  boolean promisesKept;

  /**
   * Version "relisted-once": someone a list refresh took off and a later one lists again is back on
   * the committee once; before, they were on it twice ({@link Committee#refresh}).
   */
  boolean relistsOnce;
}
