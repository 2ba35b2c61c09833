package io.abmsequencer.starter.engagement;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.playbook.EngagementType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What an account did lately, read from {@code engagement_events} (as stored, delivered or not). */
@Repository
class EngagementQueries {

  record Row(EngagementType type, Instant at, String contactEmail) {}

  /** How many events of one type happened a given number of whole weeks before {@code now}. */
  record WeekCount(int weeksAgo, EngagementType type, int count) {}

  private final JdbcClient jdbc;

  EngagementQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The account's latest events, newest first; {@code type} null for every type. */
  List<Row> recent(String accountId, EngagementType type, int limit) {
    return jdbc.sql("""
            select type, occurred_at, contact_email from engagement_events
             where account_id = :account and (cast(:type as text) is null or type = :type)
             order by occurred_at desc, event_id desc limit :limit
            """)
        .param("account", accountId).param("type", type == null ? null : type.name()).param("limit", limit)
        .query(EngagementQueries::row)
        .list()
        .stream().filter(r -> r.type() != null).toList();
  }

  /** Events per type per week over the {@code weeks} weeks up to {@code now}; week 0 is the last seven days. */
  List<WeekCount> weekly(String accountId, Instant now, int weeks) {
    return jdbc.sql("""
            select floor(extract(epoch from (:now - occurred_at)) / 604800)::int as weeks_ago, type, count(*) as n
              from engagement_events
             where account_id = :account and occurred_at > :from and occurred_at <= :now
             group by 1, 2
            """)
        .param("account", accountId).param("now", Sql.ts(now)).param("from", Sql.ts(now.minusSeconds(604800L * weeks)))
        .query((rs, n) -> new WeekCount(rs.getInt("weeks_ago"), type(rs.getString("type")), rs.getInt("n")))
        .list()
        .stream().filter(w -> w.type() != null).toList();
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(type(rs.getString("type")), Sql.instant(rs, "occurred_at"), rs.getString("contact_email"));
  }

  /** A type this version does not know (written by a newer one) is left out rather than failing the page. */
  private static EngagementType type(String name) {
    try {
      return EngagementType.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
