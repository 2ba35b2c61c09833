package io.abmsequencer.workflows.playbook;

/** How an SDR closes a task. MEETING_BOOKED and DISQUALIFIED also end the sequence when the playbook says so. */
public enum TaskOutcome {
  COMPLETED,
  SKIPPED,
  MEETING_BOOKED,
  DISQUALIFIED
}
