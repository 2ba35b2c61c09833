package io.abmsequencer.starter.inbound;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Finds our e-mails in the ledger ({@code touches}) for the messages that come back. */
final class TouchLookup {

  private static final String SELECT =
      "select t.touch_key, t.workflow_id, t.account_id, t.contact_id, lower(t.recipient) as recipient, t.message_id,"
          + " s.domain, c.time_zone"
          + " from touches t"
          + " left join sequences s on s.workflow_id = t.workflow_id"
          + " left join sequence_contacts c on c.workflow_id = t.workflow_id and c.contact_id = t.contact_id";

  private final JdbcClient jdbc;

  TouchLookup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The e-mail with the first of these Message-IDs that is ours (they come most relevant first). */
  Optional<MatchedTouch> byMessageIds(List<String> messageIds) {
    if (messageIds.isEmpty()) return Optional.empty();
    record Row(String messageId, MatchedTouch touch) {}
    List<Row> rows = jdbc.sql(SELECT + " where t.channel = 'EMAIL' and t.message_id in (:ids)")
        .param("ids", messageIds)
        .query((rs, n) -> new Row(rs.getString("message_id"), touch(rs)))
        .list();
    return rows.stream()
        .min(Comparator.comparingInt(row -> messageIds.indexOf(row.messageId())))
        .map(Row::touch);
  }

  /**
   * The latest e-mail sent to this address by a sequence that still runs. Weaker than a header
   * match: it ties any mail from a contact to whatever we sent them last, so it is used only for
   * mail that carries no thread headers of ours (some clients drop them).
   */
  Optional<MatchedTouch> latestRunningTo(String email) {
    return jdbc.sql(SELECT
            + " join sequences running on running.workflow_id = t.workflow_id and running.status <> 'EXITED'"
            + " where t.channel = 'EMAIL' and lower(t.recipient) = :email"
            + " order by t.created_at desc limit 1")
        .param("email", email)
        .query((rs, n) -> touch(rs))
        .optional();
  }

  /** The e-mail with this ledger key ({@code X-ABM-Touch}). */
  Optional<MatchedTouch> byTouchKey(String touchKey) {
    return jdbc.sql(SELECT + " where t.channel = 'EMAIL' and t.touch_key = :key")
        .param("key", touchKey)
        .query((rs, n) -> touch(rs))
        .optional();
  }

  /** True when the Message-ID is one of our own e-mails (a copy that landed in a polled mailbox). */
  boolean isOurs(String messageId) {
    return jdbc.sql("select exists (select 1 from touches where message_id = :id)")
        .param("id", messageId)
        .query(Boolean.class)
        .single();
  }

  /** The contact's address as known to the newest sequence that has them, if any. */
  Optional<String> contactEmail(String contactId) {
    return jdbc.sql("select lower(c.email) from sequence_contacts c join sequences s on s.workflow_id = c.workflow_id"
            + " where c.contact_id = :id order by s.started_at desc limit 1")
        .param("id", contactId)
        .query(String.class)
        .optional();
  }

  private static MatchedTouch touch(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new MatchedTouch(
        rs.getString("touch_key"), rs.getString("workflow_id"), rs.getString("account_id"), rs.getString("contact_id"),
        rs.getString("recipient"), rs.getString("domain"), rs.getString("time_zone"));
  }
}
