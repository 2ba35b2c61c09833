package io.abmsequencer.activities.ledger;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  /** The columns {@link #read} maps, for the ledger's statements ({@code select}, {@code returning}). */
  static final String COLUMNS =
      "touch_key, workflow_id, step_key, contact_id, account_id, channel, status, recipient, sender, subject, body,"
          + " message_id, detail, attempts, created_at, sent_at, provider_status, provider_status_at, provider_detail";

  /** One row by its key ({@code :key}). */
  static final String BY_KEY = "select " + COLUMNS + " from touches where touch_key = :key";

  /** A row of table {@code touches} selected with {@link #COLUMNS}. */
  static TouchRow read(ResultSet rs, int rowNum) throws SQLException {
    return new TouchRow(
        rs.getString("touch_key"),
        rs.getString("workflow_id"),
        rs.getString("step_key"),
        rs.getString("contact_id"),
        rs.getString("account_id"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("status"),
        rs.getString("recipient"),
        rs.getString("sender"),
        rs.getString("subject"),
        rs.getString("body"),
        rs.getString("message_id"),
        rs.getString("detail"),
        rs.getInt("attempts"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "sent_at"),
        rs.getString("provider_status"),
        Sql.instant(rs, "provider_status_at"),
        rs.getString("provider_detail"));
  }
}
