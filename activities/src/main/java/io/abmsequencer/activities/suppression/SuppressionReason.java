package io.abmsequencer.activities.suppression;

/** Why an address may no longer be contacted on a channel. */
public enum SuppressionReason {
  UNSUBSCRIBED,
  HARD_BOUNCE,
  COMPLAINT,
  MANUAL,
  SMS_STOP
}
