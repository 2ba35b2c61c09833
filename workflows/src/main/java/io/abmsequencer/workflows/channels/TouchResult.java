package io.abmsequencer.workflows.channels;

/**
 * @param messageId the provider's id (e-mail Message-ID, Twilio SID), or null
 * @param detail plain words for the timeline, e.g. the provider's bounce message
 */
public record TouchResult(TouchStatus status, String messageId, String detail) {

  /** True when the contact can no longer be reached on this channel. */
  public boolean contactLost() {
    return status == TouchStatus.BOUNCED || status == TouchStatus.SUPPRESSED;
  }
}
