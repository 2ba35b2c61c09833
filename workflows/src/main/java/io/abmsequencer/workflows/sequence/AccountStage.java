package io.abmsequencer.workflows.sequence;

/** CRM stages the product reacts to. */
public enum AccountStage {
  OPPORTUNITY,
  CLOSED_WON,
  CLOSED_LOST,
  DISQUALIFIED
}
