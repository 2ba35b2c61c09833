package io.abmsequencer.workflows.channels;

/** What became of one touch, as recorded in the ledger. */
public enum TouchStatus {
  /** Handed to the provider (SMTP server accepted it, Twilio queued it). */
  SENT,
  /** Recorded, not sent: the channel runs dry until credentials are configured. */
  DRY_RUN,
  /** Not sent: the contact is on the suppression list for this channel. */
  SUPPRESSED,
  /** Not delivered, permanently: the address or number does not exist. The contact is now suppressed. */
  BOUNCED,
  /** Not sent: nothing to send to (no phone, no SMS consent). */
  SKIPPED,
  /** Not sent: the provider refused it permanently (e.g. rejected credentials); retrying cannot help. */
  FAILED,
  /**
   * Not sent yet: a sending cap (the sender's daily cap, the contact's weekly cap) is reached. The
   * touch is tried again at {@link TouchResult#notBefore()} with the same key: deferred, never
   * dropped, never sent twice.
   */
  DEFERRED
}
