package io.abmsequencer.workflows.playbook;

/** A seat on the account's buying committee; steps address people by role. */
public enum Role {
  ECONOMIC_BUYER,
  CHAMPION,
  TECHNICAL_EVALUATOR,
  END_USER,
  INFLUENCER,
  BLOCKER,
  EXECUTIVE_SPONSOR
}
