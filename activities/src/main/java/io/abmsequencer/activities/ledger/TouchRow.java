package io.abmsequencer.activities.ledger;

import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import java.time.Instant;

/**
 * One row of the ledger, as the timeline shows it.
 *
 * @param status {@link #SENDING} while the provider has not confirmed, else a {@link TouchStatus} name
 * @param sender the mailbox an e-mail went out from (what the per-sender cap counts); null otherwise
 * @param attempts how many times a provider call was started for this key
 * @param sentAt when the provider accepted it (or the dry run recorded it); null otherwise
 * @param providerStatus what the provider last reported about a sent message (Twilio: queued, sent,
 *     delivered, undelivered, failed, ...); null until it reports. Never changes {@code status}.
 * @param providerStatusAt when {@code providerStatus} was recorded
 * @param providerDetail the provider's error code and message for a failed delivery; else null
 */
public record TouchRow(
    String touchKey,
    String workflowId,
    String stepKey,
    String contactId,
    String accountId,
    Channel channel,
    String status,
    String recipient,
    String sender,
    String subject,
    String body,
    String messageId,
    String detail,
    int attempts,
    Instant createdAt,
    Instant sentAt,
    String providerStatus,
    Instant providerStatusAt,
    String providerDetail) {

  /** A row without a delivery report from the provider. */
  public TouchRow(
      String touchKey,
      String workflowId,
      String stepKey,
      String contactId,
      String accountId,
      Channel channel,
      String status,
      String recipient,
      String sender,
      String subject,
      String body,
      String messageId,
      String detail,
      int attempts,
      Instant createdAt,
      Instant sentAt) {
    this(touchKey, workflowId, stepKey, contactId, accountId, channel, status, recipient, sender, subject, body,
        messageId, detail, attempts, createdAt, sentAt, null, null, null);
  }

  /** Written before the provider is called; the only state that may still change. */
  public static final String SENDING = "SENDING";

  /** True once the touch has an outcome that must never be sent again. */
  public boolean isFinal() {
    return !SENDING.equals(status);
  }

  /** The outcome as the workflow sees it. */
  public TouchStatus touchStatus() {
    if (!isFinal()) throw new IllegalStateException("touch " + touchKey + " is still " + SENDING);
    return TouchStatus.valueOf(status);
  }

  public TouchResult result() {
    return new TouchResult(touchStatus(), messageId, detail);
  }
}
