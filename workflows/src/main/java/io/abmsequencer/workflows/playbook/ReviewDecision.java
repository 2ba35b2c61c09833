package io.abmsequencer.workflows.playbook;

/** What sales and marketing can decide at a review checkpoint. */
public enum ReviewDecision {
  CONTINUE,
  STOP,
  CHANGE_TIER
}
