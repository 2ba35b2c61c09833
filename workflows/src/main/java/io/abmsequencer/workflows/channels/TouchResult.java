package io.abmsequencer.workflows.channels;

import java.time.Instant;

/**
 * @param messageId the provider's id (e-mail Message-ID, Twilio SID), or null
 * @param detail plain words for the timeline, e.g. the provider's bounce message or why it was deferred
 * @param notBefore with {@code DEFERRED}: the earliest time to try again; else null
 */
public record TouchResult(TouchStatus status, String messageId, String detail, Instant notBefore) {

  public TouchResult(TouchStatus status, String messageId, String detail) {
    this(status, messageId, detail, null);
  }

  /** True when the contact can no longer be reached on this channel. */
  public boolean contactLost() {
    return status == TouchStatus.BOUNCED || status == TouchStatus.SUPPRESSED;
  }

  public static TouchResult deferred(Instant notBefore, String why) {
    return new TouchResult(TouchStatus.DEFERRED, null, why, notBefore);
  }
}
