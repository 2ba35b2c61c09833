package io.abmsequencer.activities.ledger;

import static io.abmsequencer.activities.ledger.TouchRow.COLUMNS;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The write path of every touch, one row per {@link TouchKey} (table {@code touches}). A row is
 * written as {@code SENDING} before a provider is called ({@link #begin}), leased by the attempt that
 * sends it, and then takes its outcome ({@link #complete}, or {@link #record} for a touch that needs
 * no provider); once it holds an outcome it never changes again, which is what makes a retried or
 * replayed activity harmless. What the console reads (timelines, the outbox, counts) is in {@link
 * TouchQueries}.
 */
@Repository
public class Ledger {

  /** A {@link #record} call: the row as it now stands, and whether this call wrote the outcome. */
  public record Recorded(TouchRow row, boolean applied) {}

  private final JdbcClient jdbc;
  private final TouchMetrics metrics;

  public Ledger(JdbcClient jdbc, TouchMetrics metrics) {
    this.jdbc = jdbc;
    this.metrics = metrics;
  }

  /**
   * Claims the key before a provider call: inserts a {@code SENDING} row, or finds the existing one.
   * Returns the row as it now stands; the caller sends only when it is not {@link TouchRow#isFinal()
   * final}. {@code attempts} counts the calls that found the row still {@code SENDING}. One
   * statement ({@code on conflict do update ... returning}), so two concurrent calls with the same
   * key see one row.
   */
  public TouchRow begin(
      TouchKey key, String accountId, Channel channel, String recipient, String subject, String body) {
    return begin(key, accountId, channel, recipient, subject, body, null);
  }

  /**
   * {@link #begin(TouchKey, String, Channel, String, String, String)} that also fixes the message id
   * on the first call: later calls get the stored one back in the row, so a re-send reuses it even
   * if what it is derived from has changed meanwhile.
   */
  public TouchRow begin(
      TouchKey key,
      String accountId,
      Channel channel,
      String recipient,
      String subject,
      String body,
      String messageId) {
    return begin(key, accountId, channel, recipient, null, subject, body, messageId, null);
  }

  /**
   * {@link #begin(TouchKey, String, Channel, String, String, String, String)} that also records the
   * sender mailbox (what the per-sender cap counts) and when the slot was taken.
   *
   * @param at the row's {@code created_at} on insert (the sending caps' clock); null for the
   *     database's {@code now()}. An existing row keeps its own.
   */
  public TouchRow begin(
      TouchKey key,
      String accountId,
      Channel channel,
      String recipient,
      String sender,
      String subject,
      String body,
      String messageId,
      Instant at) {
    return insert(key, accountId, channel, TouchRow.SENDING, recipient, sender, subject, body, messageId, null, 1, at,
            "attempts = touches.attempts + case when touches.status = 'SENDING' then 1 else 0 end")
        .query(TouchRow::read)
        .single();
  }

  /**
   * What an attempt found when it asked for the lease of a touch's row ({@link #takeLease}).
   *
   * @param held true when the asking attempt now holds the lease (the row is {@code SENDING})
   * @param row the row as it stands: final when another attempt already recorded an outcome
   * @param holder when not held and the row is still {@code SENDING}: the attempt that holds it
   * @param until when that attempt's lease runs out unless it renews it
   */
  public record Lease(boolean held, TouchRow row, String holder, Instant until) {}

  /**
   * Takes the lease of a {@code SENDING} row for {@code attempt}, for {@code length} from the
   * database's clock: only when nobody holds it, its holder let it run out (a worker that died), or
   * {@code attempt} holds it already. One conditional {@code UPDATE}, so of two attempts asking at
   * once exactly one gets it. An attempt sends only while it holds the lease ({@code SendGuard}).
   */
  public Lease takeLease(TouchKey key, String attempt, Duration length) {
    Optional<TouchRow> taken =
        jdbc.sql(
                "update touches set lease_owner = :attempt, lease_until = now() + :millis * interval '1 millisecond'"
                    + " where touch_key = :key and status = 'SENDING'"
                    + " and (lease_owner is null or lease_owner = :attempt or lease_until < now())"
                    + " returning " + COLUMNS)
            .param("attempt", attempt)
            .param("millis", length.toMillis())
            .param("key", key.value())
            .query(TouchRow::read)
            .optional();
    if (taken.isPresent()) return new Lease(true, taken.get(), attempt, null);
    return jdbc.sql("select " + COLUMNS + ", lease_owner, lease_until from touches where touch_key = :key")
        .param("key", key.value())
        .query((rs, n) -> new Lease(false, TouchRow.read(rs, n), rs.getString("lease_owner"), Sql.instant(rs, "lease_until")))
        .optional()
        .orElseThrow(() -> new IllegalStateException("no ledger row for " + key));
  }

  /** Extends {@code attempt}'s lease by {@code length} from now. @return false when it no longer holds it */
  public boolean renewLease(TouchKey key, String attempt, Duration length) {
    return jdbc.sql(
                "update touches set lease_until = now() + :millis * interval '1 millisecond'"
                    + " where touch_key = :key and lease_owner = :attempt and status = 'SENDING'")
            .param("millis", length.toMillis())
            .param("key", key.value())
            .param("attempt", attempt)
            .update()
        == 1;
  }

  /** Gives the lease up, so the next attempt need not wait for it to run out. Another's lease is left alone. */
  public void releaseLease(TouchKey key, String attempt) {
    jdbc.sql("update touches set lease_owner = null, lease_until = null where touch_key = :key and lease_owner = :attempt")
        .param("key", key.value())
        .param("attempt", attempt)
        .update();
  }

  /**
   * Writes the outcome of a {@code SENDING} row. A row already final is left as it is and returned
   * unchanged (the first outcome wins).
   *
   * @param messageId the provider's id, or null to keep the stored one
   * @throws IllegalStateException when there is no row for the key (call {@link #begin} first)
   */
  public TouchRow complete(TouchKey key, TouchStatus status, String messageId, String detail) {
    Optional<TouchRow> updated =
        jdbc.sql(
                "update touches set status = :status, message_id = coalesce(:messageId, message_id),"
                    + " detail = :detail,"
                    + " sent_at = case when :status in ('SENT', 'DRY_RUN') then now() else null end,"
                    + " lease_owner = null, lease_until = null"
                    + " where touch_key = :key and status = 'SENDING'"
                    + " returning " + COLUMNS)
            .param("status", status.name())
            .param("messageId", messageId)
            .param("detail", detail)
            .param("key", key.value())
            .query(TouchRow::read)
            .optional();
    if (updated.isPresent()) {
      metrics.touch(updated.get().channel(), status.name());
      return updated.get();
    }
    return find(key).orElseThrow(() -> new IllegalStateException("no ledger row for " + key));
  }

  /**
   * Records a touch that needs no provider confirmation ({@code SUPPRESSED}, {@code SKIPPED},
   * {@code DRY_RUN}) in one step. A row still {@code SENDING} (an earlier attempt failed) takes the
   * outcome; a final row is kept, and returned with {@code applied == false}.
   */
  public Recorded record(
      TouchKey key,
      String accountId,
      Channel channel,
      TouchStatus status,
      String recipient,
      String subject,
      String body,
      String detail) {
    Optional<TouchRow> written =
        insert(key, accountId, channel, status.name(), recipient, null, subject, body, null, detail,
                status == TouchStatus.DRY_RUN ? 1 : 0, null,
                "status = excluded.status, detail = excluded.detail, sent_at = excluded.sent_at,"
                    + " lease_owner = null, lease_until = null where touches.status = 'SENDING'")
            .query(TouchRow::read)
            .optional();
    if (written.isPresent()) {
      metrics.touch(channel, status.name());
      return new Recorded(written.get(), true);
    }
    TouchRow existing = find(key).orElseThrow(() -> new IllegalStateException("no ledger row for " + key));
    return new Recorded(existing, false);
  }

  /**
   * The one {@code INSERT} of a touch, {@link #begin} and {@link #record} alike: a new row with
   * {@code status}, and {@code onConflict} for a key that has one already. {@code sent_at} is set for
   * a touch that needs no confirmation ({@code SENT}, {@code DRY_RUN}); {@code created_at} is {@code
   * at}, or the database's {@code now()} when null.
   */
  private JdbcClient.StatementSpec insert(
      TouchKey key,
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
      Instant at,
      String onConflict) {
    return jdbc.sql(
            "insert into touches (touch_key, workflow_id, step_key, contact_id, account_id, channel, status,"
                + " recipient, sender, subject, body, message_id, detail, attempts, created_at, sent_at)"
                + " values (:key, :workflowId, :stepKey, :contactId, :accountId, :channel, :status,"
                + " :recipient, :sender, :subject, :body, :messageId, :detail, :attempts, coalesce(:at, now()),"
                + " case when :status in ('SENT', 'DRY_RUN') then now() else null end)"
                + " on conflict (touch_key) do update set " + onConflict
                + " returning " + COLUMNS)
        .param("key", key.value())
        .param("workflowId", key.workflowId())
        .param("stepKey", key.stepKey())
        .param("contactId", key.contactId())
        .param("accountId", accountId)
        .param("channel", channel.name())
        .param("status", status)
        .param("recipient", recipient)
        .param("sender", sender)
        .param("subject", subject)
        .param("body", body)
        .param("messageId", messageId)
        .param("detail", detail)
        .param("attempts", attempts)
        .param("at", Sql.ts(at));
  }

  /** Notes why the last attempt of a {@code SENDING} row failed; final rows are not touched. */
  public void note(TouchKey key, String detail) {
    jdbc.sql("update touches set detail = :detail where touch_key = :key and status = 'SENDING'")
        .param("detail", detail)
        .param("key", key.value())
        .update();
  }

  /**
   * How many touches of {@code channel} from {@code sender} hold or used a sending slot ({@code SENT}
   * or {@code SENDING}) with {@code created_at} in {@code [from, until)}.
   */
  public int countSlotsFromSender(Channel channel, String sender, Instant from, Instant until) {
    return jdbc.sql(
            "select count(*) from touches where channel = :channel and sender = :sender"
                + " and status in ('SENT', 'SENDING') and created_at >= :from and created_at < :until")
        .param("channel", channel.name())
        .param("sender", sender)
        .param("from", Sql.ts(from))
        .param("until", Sql.ts(until))
        .query(Integer.class)
        .single();
  }

  /**
   * When each touch of {@code channel} to {@code recipient} that holds or used a sending slot
   * ({@code SENT} or {@code SENDING}) after {@code since} took it, oldest first; across all sequences.
   */
  public List<Instant> slotsToRecipient(Channel channel, String recipient, Instant since) {
    return jdbc.sql(
            "select created_at from touches where channel = :channel and recipient = :recipient"
                + " and status in ('SENT', 'SENDING') and created_at > :since order by created_at")
        .param("channel", channel.name())
        .param("recipient", recipient)
        .param("since", Sql.ts(since))
        .query((rs, n) -> Sql.instant(rs, "created_at"))
        .list();
  }

  /**
   * The address the latest touch of {@code channel} to a contact went to: how an unsubscribe link or
   * reply, which carries only the contact id, finds the address to suppress.
   */
  public Optional<String> recipientOf(Channel channel, String contactId) {
    return jdbc.sql(
            "select recipient from touches where channel = :channel and contact_id = :contactId"
                + " and recipient is not null order by created_at desc limit 1")
        .param("channel", channel.name())
        .param("contactId", contactId)
        .query(String.class)
        .optional();
  }

  /**
   * The touch a provider's message id belongs to (a Twilio message SID, an e-mail Message-ID): how a
   * delivery report or a reply finds its touch.
   */
  public Optional<TouchRow> findByMessageId(String messageId) {
    if (messageId == null || messageId.isBlank()) return Optional.empty();
    return jdbc.sql(
            "select " + COLUMNS + " from touches where message_id = :messageId"
                + " order by created_at desc, touch_key desc limit 1")
        .param("messageId", messageId)
        .query(TouchRow::read)
        .optional();
  }

  /**
   * Records what the provider reports about a message it accepted (Twilio's status callbacks: queued
   * → sent → delivered, or undelivered / failed) in {@code provider_status}, {@code
   * provider_status_at} and {@code provider_detail}. The touch's outcome ({@code status}, {@code
   * detail}) is never changed: a sent touch stays sent whatever is reported, so nothing is ever sent
   * again because of a report.
   *
   * <p>Reports may arrive late, twice or out of order. A report is recorded unless the row already
   * holds a later stage ({@link DeliveryStages}): a late {@code sent} never overwrites {@code
   * delivered}; reports of the same stage (say {@code undelivered} after {@code failed}) replace each
   * other.
   *
   * @param detail the provider's error code and message, or null
   * @return the row as it now stands; empty when no touch has that message id
   */
  public Optional<TouchRow> updateDeliveryStatus(String messageId, String providerStatus, String detail) {
    if (messageId == null || messageId.isBlank() || providerStatus == null || providerStatus.isBlank()) {
      return findByMessageId(messageId);
    }
    String status = providerStatus.trim().toLowerCase(Locale.ROOT);
    Optional<TouchRow> updated =
        jdbc.sql(
                "update touches set provider_status = :status, provider_status_at = now(), provider_detail = :detail"
                    + " where message_id = :messageId and (provider_status is null or "
                    + DeliveryStages.rankSql("provider_status") + " <= " + DeliveryStages.rankSql(":status") + ")"
                    + " returning " + COLUMNS)
            .param("status", status)
            .param("detail", detail)
            .param("messageId", messageId)
            .query(TouchRow::read)
            .list()
            .stream()
            .findFirst();
    return updated.isPresent() ? updated : findByMessageId(messageId);
  }

  public Optional<TouchRow> find(TouchKey key) {
    return jdbc.sql(TouchRow.BY_KEY)
        .param("key", key.value())
        .query(TouchRow::read)
        .optional();
  }
}
