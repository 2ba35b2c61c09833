package io.abmsequencer.starter.suppression;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.activities.ledger.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who added an address to the suppression list or lifted it, when and why (table {@code
 * suppression_audit}, append-only): every address added through {@link ConsentService} — the
 * console, the API, an unsubscribe link or mail, a bounce reported by mail — every STOP and START by
 * text message, the hard bounces the SMTP server gives at send time and Twilio's refusals (those
 * three written with the suppression itself, {@code SuppressionList.suppressAndAudit}), and every
 * lift. The list keeps only what is suppressed now.
 */
@Repository
public class SuppressionAudit {

  public enum Action { ADDED, LIFTED }

  /** One change. @param reason the suppression reason added, or the one that was lifted */
  public record Entry(long id, Channel channel, String address, Action action, String reason, String note, int sequencesTold,
      String by, Instant at) {}

  private final JdbcClient jdbc;

  public SuppressionAudit(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(Channel channel, String address, Action action, String reason, String note, int sequencesTold, String by) {
    jdbc.sql("""
            insert into suppression_audit (channel, address, action, reason, note, sequences_told, done_by)
            values (:channel, :address, :action, :reason, :note, :told, :by)
            """)
        .param("channel", channel.name()).param("address", address).param("action", action.name())
        .param("reason", reason).param("note", note).param("told", sequencesTold).param("by", by)
        .update();
  }

  /** Newest first; {@code q} matches anywhere in the address (blank: every change). */
  public List<Entry> recent(String q, int limit) {
    boolean filtered = q != null && !q.isBlank();
    JdbcClient.StatementSpec statement = jdbc.sql(
            "select id, channel, address, action, reason, note, sequences_told, done_by, done_at from suppression_audit"
                + (filtered ? " where address like :pattern escape '\\'" : "")
                + " order by done_at desc, id desc limit :limit")
        .param("limit", limit);
    if (filtered) statement = statement.param("pattern", Sql.containsPattern(q.trim().toLowerCase(Locale.ROOT)));
    return statement.query((rs, n) -> new Entry(rs.getLong("id"), Channel.valueOf(rs.getString("channel")), rs.getString("address"),
            Action.valueOf(rs.getString("action")), rs.getString("reason"), rs.getString("note"), rs.getInt("sequences_told"),
            rs.getString("done_by"), Sql.instant(rs, "done_at")))
        .list();
  }
}
