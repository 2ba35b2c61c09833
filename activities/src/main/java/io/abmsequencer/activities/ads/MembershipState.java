package io.abmsequencer.activities.ads;

/** Where one membership stands between the sequence's wish and the platform. */
public enum MembershipState {
  /** Asked for, not sent yet (the flusher sends it with the next batch). */
  PENDING_ADD,
  /** The platform took the contact in. */
  ACTIVE,
  /** Removal asked for, not sent yet; the contact is still in the audience on the platform. */
  PENDING_REMOVE,
  /** Out of the audience (or never sent: an add withdrawn before its batch went out). */
  REMOVED,
  /** The platform refused the change for good (401, 403, 400, ...); {@code lastError} says why. */
  FAILED;

  boolean pending() {
    return this == PENDING_ADD || this == PENDING_REMOVE;
  }
}
