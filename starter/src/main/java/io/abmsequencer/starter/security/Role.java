package io.abmsequencer.starter.security;

/** Who may do what. A user may hold several (a marketing lead is often MARKETER and REVIEWER). */
public enum Role {
  /** Authors playbooks, launches and controls sequences, reads the scorecard. */
  MARKETER,
  /** Works their own task inbox. */
  SDR,
  /** Decides review checkpoints. */
  REVIEWER,
  /** Runs the platform: sequences, suppressions, metrics, the codec. */
  OPS,
  /** Everything, including users. */
  ADMIN;

  public String authority() {
    return "ROLE_" + name();
  }
}
