package io.abmsequencer.starter.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The poller's memory: a cursor per mailbox and one row per handled message (V5__inbound_mail.sql). */
final class InboundStore {

  record Cursor(long uidValidity, long lastUid) {}

  private final JdbcClient jdbc;

  InboundStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Cursor> cursor(String mailbox) {
    return jdbc.sql("select uid_validity, last_uid from mailbox_cursors where mailbox = :mailbox")
        .param("mailbox", mailbox)
        .query((rs, n) -> new Cursor(rs.getLong("uid_validity"), rs.getLong("last_uid")))
        .optional();
  }

  boolean handled(String messageKey) {
    return jdbc.sql("select exists (select 1 from inbound_messages where message_key = :key)")
        .param("key", messageKey)
        .query(Boolean.class)
        .single();
  }

  /** Moves the cursor forward (never back within one UIDVALIDITY). */
  void advance(String mailbox, long uidValidity, long uid) {
    jdbc.sql(UPSERT_CURSOR).param("mailbox", mailbox).param("validity", uidValidity).param("uid", uid).update();
  }

  /**
   * Records the handled message and moves the cursor past it in one statement, so neither can be
   * saved without the other.
   */
  void record(String messageKey, String mailbox, long uidValidity, long uid, InboundMessage message, Handled handled) {
    MatchedTouch touch = handled.touch();
    jdbc.sql("with recorded as ("
            + " insert into inbound_messages (message_key, mailbox, uid_validity, uid, kind, outcome, from_address, subject,"
            + " touch_key, workflow_id, contact_id, received_at)"
            + " values (:key, :mailbox, :validity, :uid, :kind, :outcome, :from, :subject, :touchKey, :workflowId, :contactId, :receivedAt)"
            + " on conflict (message_key) do nothing) "
            + UPSERT_CURSOR)
        .param("key", messageKey)
        .param("mailbox", mailbox)
        .param("validity", uidValidity)
        .param("uid", uid)
        .param("kind", handled.kind().name())
        .param("outcome", handled.outcome())
        .param("from", message.from())
        .param("subject", message.subject())
        .param("touchKey", touch == null ? null : touch.touchKey())
        .param("workflowId", touch == null ? null : touch.workflowId())
        .param("contactId", touch == null ? null : touch.contactId())
        .param("receivedAt", timestamp(message.receivedAt() != null ? message.receivedAt() : message.sentAt()))
        .update();
  }

  private static final String UPSERT_CURSOR =
      "insert into mailbox_cursors (mailbox, uid_validity, last_uid, updated_at) values (:mailbox, :validity, :uid, now())"
          + " on conflict (mailbox) do update set uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = now()"
          + " where mailbox_cursors.uid_validity <> excluded.uid_validity or mailbox_cursors.last_uid < excluded.last_uid";

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
