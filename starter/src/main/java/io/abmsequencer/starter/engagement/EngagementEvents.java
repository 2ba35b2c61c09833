package io.abmsequencer.starter.engagement;

import io.abmsequencer.workflows.playbook.EngagementType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Engagement events as they arrived (table {@code engagement_events}), and their delivery batches. */
@Repository
public class EngagementEvents {

  /** Events of one account claimed under one batch id, counted per type. */
  public record Batch(String batchId, String accountId, Map<EngagementType, Integer> counts, Instant lastEventAt) {}

  private final JdbcClient jdbc;

  public EngagementEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the event once; false when an event with this id was stored before. */
  public boolean insert(String eventId, String accountId, String contactEmail, EngagementType type, Instant occurredAt) {
    return jdbc.sql("""
            insert into engagement_events (event_id, account_id, contact_email, type, occurred_at)
            values (:id, :account, :email, :type, :at)
            on conflict (event_id) do nothing
            """)
        .param("id", eventId).param("account", accountId).param("email", contactEmail)
        .param("type", type.name()).param("at", Timestamp.from(occurredAt))
        .update() == 1;
  }

  /**
   * Gives undelivered, unclaimed events a batch id per account ({@code prefix + accountId}); a
   * batch keeps its id until delivered, so a retried delivery is recognised as the same batch.
   */
  public int claim(String prefix, String accountId, int limit) {
    return jdbc.sql("""
            update engagement_events set batch_id = :prefix || account_id
             where event_id in (select event_id from engagement_events
                                 where delivered_at is null and batch_id is null
                                   and (cast(:account as text) is null or account_id = :account)
                                 order by received_at
                                 limit :limit
                                 for update skip locked)
            """)
        .param("prefix", prefix).param("account", accountId).param("limit", limit)
        .update();
  }

  /** Claimed batches not yet delivered, oldest first. */
  public List<Batch> pendingBatches(String accountId) {
    Map<String, Batch> batches = new LinkedHashMap<>();
    jdbc.sql("""
            select batch_id, account_id, type, count(*) as n, max(occurred_at) as last_at, min(received_at) as first_received
              from engagement_events
             where delivered_at is null and batch_id is not null
               and (cast(:account as text) is null or account_id = :account)
             group by batch_id, account_id, type
             order by first_received
            """)
        .param("account", accountId)
        .query(rs -> {
          String batchId = rs.getString("batch_id");
          String account = rs.getString("account_id");
          Instant last = rs.getTimestamp("last_at").toInstant();
          Batch batch = batches.computeIfAbsent(batchId, id -> new Batch(id, account, new EnumMap<>(EngagementType.class), last));
          batch.counts().merge(EngagementType.valueOf(rs.getString("type")), rs.getInt("n"), Integer::sum);
          if (last.isAfter(batch.lastEventAt())) {
            batches.put(batchId, new Batch(batchId, account, batch.counts(), last));
          }
        });
    return new ArrayList<>(batches.values());
  }

  public void delivered(String batchId) {
    jdbc.sql("update engagement_events set delivered_at = now() where batch_id = :batch and delivered_at is null")
        .param("batch", batchId).update();
  }

  public long undelivered() {
    return jdbc.sql("select count(*) from engagement_events where delivered_at is null").query(Long.class).single();
  }
}
