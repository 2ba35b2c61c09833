package io.abmsequencer.workflows.playbook;

/** Outside events a playbook can name as reasons to end the sequence ({@code exit.on}). */
public enum ExitTrigger {
  MEETING_BOOKED,
  OPPORTUNITY_CREATED,
  DISQUALIFIED,
  REPLIED,
  CLOSED_WON,
  CLOSED_LOST
}
