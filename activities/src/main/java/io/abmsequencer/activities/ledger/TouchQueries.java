package io.abmsequencer.activities.ledger;

import static io.abmsequencer.activities.ledger.TouchRow.COLUMNS;

import io.abmsequencer.workflows.channels.TouchKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The touches as the console and the API read them: a sequence's timeline, an account's touches, a
 * channel's outbox, counts per status. Read only; the rows are written by {@link Ledger}.
 */
@Repository
public class TouchQueries {
  private final JdbcClient jdbc;

  public TouchQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One touch, as the console shows it (the outbox's e-mail as its recipient saw it). */
  public Optional<TouchRow> find(TouchKey key) {
    return jdbc.sql(TouchRow.BY_KEY)
        .param("key", key.value())
        .query(TouchRow::read)
        .optional();
  }

  /** The sequence's timeline, newest first. */
  public List<TouchRow> forWorkflow(String workflowId) {
    return jdbc.sql(
            "select " + COLUMNS + " from touches where workflow_id = :workflowId"
                + " order by created_at desc, touch_key desc")
        .param("workflowId", workflowId)
        .query(TouchRow::read)
        .list();
  }

  /** The latest touches of one channel (the console's outbox), newest first. */
  public List<TouchRow> recent(Channel channel, int limit, int offset) {
    return jdbc.sql(
            "select " + COLUMNS + " from touches where channel = :channel"
                + " order by created_at desc, touch_key desc limit :limit offset :offset")
        .param("channel", channel.name())
        .param("limit", limit)
        .param("offset", offset)
        .query(TouchRow::read)
        .list();
  }

  /** Rows per status ({@code SENDING} included), all channels. */
  public Map<String, Long> countByStatus() {
    return counts(jdbc.sql("select status, count(*) as n from touches group by status order by status"));
  }

  /** Rows per status for one channel. */
  public Map<String, Long> countByStatus(Channel channel) {
    return counts(
        jdbc.sql("select status, count(*) as n from touches where channel = :channel group by status order by status")
            .param("channel", channel.name()));
  }

  private static Map<String, Long> counts(JdbcClient.StatementSpec statement) {
    Map<String, Long> counts = new LinkedHashMap<>();
    statement.query((rs, n) -> Map.entry(rs.getString("status"), rs.getLong("n")))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }
}
