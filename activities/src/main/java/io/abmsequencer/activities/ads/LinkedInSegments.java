package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.db.Sql;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The LinkedIn DMP segment of each audience name and ad account (table {@code linkedin_segments}). */
@WorkerSide
@Repository
class LinkedInSegments {

  record Segment(String id, Instant createdAt) {}

  private final JdbcClient jdbc;

  LinkedInSegments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Segment> find(String audience, String adAccount) {
    return jdbc.sql("select segment_id, created_at from linkedin_segments where audience = :audience and ad_account = :account")
        .param("audience", audience)
        .param("account", adAccount)
        .query((rs, n) -> new Segment(rs.getString("segment_id"), Sql.instant(rs, "created_at")))
        .optional();
  }

  /**
   * Serialises segment creation for one audience across worker processes until the transaction ends,
   * so two flushers never create two segments for the same audience.
   */
  void lock(String audience, String adAccount) {
    jdbc.sql("select pg_advisory_xact_lock(hashtext('linkedin-segment/' || :account || '/' || :audience))")
        .param("account", adAccount)
        .param("audience", audience)
        .query((rs, n) -> 1)
        .single();
  }

  void save(String audience, String adAccount, String segmentId, Instant createdAt) {
    jdbc.sql(
            "insert into linkedin_segments (audience, ad_account, segment_id, created_at)"
                + " values (:audience, :account, :segmentId, :createdAt) on conflict do nothing")
        .param("audience", audience)
        .param("account", adAccount)
        .param("segmentId", segmentId)
        .param("createdAt", Sql.ts(createdAt))
        .update();
  }
}
