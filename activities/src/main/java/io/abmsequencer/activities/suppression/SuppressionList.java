package io.abmsequencer.activities.suppression;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.activities.ledger.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Consent, shared by every sequence (table {@code suppressions}): one row per channel and address.
 * Channels check it right before every touch.
 */
@Repository
public class SuppressionList {
  private final JdbcClient jdbc;

  public SuppressionList(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The form addresses are stored and compared in: e-mail trimmed and lower-cased; phone numbers
   * without spaces or punctuation (E.164 keeps its leading {@code +}).
   */
  public static String normalize(Channel channel, String address) {
    if (address == null) return null;
    String trimmed = address.trim();
    if (channel == Channel.SMS) return trimmed.replaceAll("[^+0-9]", "");
    return trimmed.toLowerCase(Locale.ROOT);
  }

  public boolean isSuppressed(Channel channel, String address) {
    return find(channel, address).isPresent();
  }

  public Optional<Suppression> find(Channel channel, String address) {
    if (address == null || address.isBlank()) return Optional.empty();
    return jdbc.sql(
            "select channel, address, reason, detail, created_at, created_by from suppressions"
                + " where channel = :channel and address = :address")
        .param("channel", channel.name())
        .param("address", normalize(channel, address))
        .query(SuppressionList::row)
        .optional();
  }

  /** The addresses among {@code addresses} that are suppressed, in normalised form; one query. */
  public Set<String> suppressedAmong(Channel channel, Collection<String> addresses) {
    List<String> normalized =
        addresses.stream().filter(Objects::nonNull).map(a -> normalize(channel, a)).distinct().toList();
    if (normalized.isEmpty()) return Set.of();
    return new HashSet<>(
        jdbc.sql("select address from suppressions where channel = :channel and address in (:addresses)")
            .param("channel", channel.name())
            .param("addresses", normalized)
            .query(String.class)
            .list());
  }

  /**
   * Suppresses the address; the first row wins (its reason and date are the ones that count).
   *
   * @return true when this call added it
   */
  public boolean suppress(Channel channel, String address, SuppressionReason reason, String detail, String by) {
    return add("insert into suppressions (channel, address, reason, detail, created_by)"
        + " values (:channel, :address, :reason, :detail, :by) on conflict do nothing", channel, address, reason, detail, by);
  }

  /**
   * {@link #suppress} and, when this call added the address, its line in the suppression audit
   * (table {@code suppression_audit}: {@code ADDED}, the reason, the detail as its note, {@code by}),
   * in one statement. For suppressions no person records and no sequence is told of here: a hard
   * bounce at send time, Twilio's refusals, a STOP by text message. One statement, so a crash cannot
   * leave a suppression without its audit line.
   *
   * @return true when this call added it
   */
  public boolean suppressAndAudit(Channel channel, String address, SuppressionReason reason, String detail, String by) {
    return add("""
        with added as (
          insert into suppressions (channel, address, reason, detail, created_by)
          values (:channel, :address, :reason, :detail, :by) on conflict do nothing
          returning channel, address, reason, detail, created_by)
        insert into suppression_audit (channel, address, action, reason, note, sequences_told, done_by)
        select channel, address, 'ADDED', reason, detail, 0, created_by from added
        """, channel, address, reason, detail, by);
  }

  private boolean add(String sql, Channel channel, String address, SuppressionReason reason, String detail, String by) {
    String normalized = normalize(channel, address);
    if (normalized == null || normalized.isEmpty()) {
      throw new IllegalArgumentException("an address to suppress is required");
    }
    return jdbc.sql(sql)
            .param("channel", channel.name())
            .param("address", normalized)
            .param("reason", reason.name())
            .param("detail", detail)
            .param("by", by)
            .update()
        == 1;
  }

  /**
   * Lifts the address when it is suppressed for {@code reason}, and audits the lift ({@code LIFTED},
   * {@code note}, {@code by}) in the same statement. @return true when it was lifted
   */
  public boolean liftAndAudit(Channel channel, String address, SuppressionReason reason, String note, String by) {
    return jdbc.sql("""
                with lifted as (
                  delete from suppressions where channel = :channel and address = :address and reason = :reason
                  returning channel, address, reason)
                insert into suppression_audit (channel, address, action, reason, note, sequences_told, done_by)
                select channel, address, 'LIFTED', reason, :note, 0, :by from lifted
                """)
            .param("channel", channel.name())
            .param("address", normalize(channel, address))
            .param("reason", reason.name())
            .param("note", note)
            .param("by", by)
            .update()
        == 1;
  }

  /** Lets the address be contacted again. @return true when it was suppressed */
  public boolean lift(Channel channel, String address) {
    return jdbc.sql("delete from suppressions where channel = :channel and address = :address")
            .param("channel", channel.name())
            .param("address", normalize(channel, address))
            .update()
        == 1;
  }

  /** Newest first; {@code q} matches anywhere in the address (blank: everything). */
  public List<Suppression> search(String q, int limit) {
    String where = q == null || q.isBlank() ? "" : " where address like :pattern escape '\\'";
    JdbcClient.StatementSpec statement =
        jdbc.sql(
                "select channel, address, reason, detail, created_at, created_by from suppressions"
                    + where
                    + " order by created_at desc, address limit :limit")
            .param("limit", limit);
    if (!where.isEmpty()) {
      statement = statement.param("pattern", Sql.containsPattern(q.trim().toLowerCase(Locale.ROOT)));
    }
    return statement.query(SuppressionList::row).list();
  }

  private static Suppression row(ResultSet rs, int rowNum) throws SQLException {
    return new Suppression(
        Channel.valueOf(rs.getString("channel")),
        rs.getString("address"),
        SuppressionReason.valueOf(rs.getString("reason")),
        rs.getString("detail"),
        Sql.instant(rs, "created_at"),
        rs.getString("created_by"));
  }
}
