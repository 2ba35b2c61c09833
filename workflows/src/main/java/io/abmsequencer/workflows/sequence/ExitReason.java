package io.abmsequencer.workflows.sequence;

/** Why a sequence ended; recorded in the read model and shown on the scorecard. */
public enum ExitReason {
  COMPLETED("all steps done"),
  MEETING_BOOKED("meeting booked"),
  OPPORTUNITY_CREATED("opportunity created"),
  DISQUALIFIED("disqualified"),
  REPLIED("a contact replied"),
  CLOSED_WON("closed won"),
  CLOSED_LOST("closed lost"),
  ALL_CONTACTS_OPTED_OUT("no reachable contact left (opted out or bounced)"),
  STOPPED_BY_REVIEW("stopped at a review"),
  TASK_EXPIRED("an SDR task expired"),
  REVIEW_EXPIRED("a review expired"),
  CANCELLED("cancelled"),
  REMOVED_FROM_LIST("removed from the target account list"),
  /** Recorded by the starter, not the workflow: the embedded Temporal server lost it on a restart. */
  INTERRUPTED("lost when the embedded Temporal server restarted");

  private final String words;

  ExitReason(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
