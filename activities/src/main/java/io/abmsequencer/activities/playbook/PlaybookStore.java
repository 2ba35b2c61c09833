package io.abmsequencer.activities.playbook;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Versioned playbooks (table {@code playbooks}). Uploading an id again adds a version; stored
 * versions never change, so a running sequence's snapshot always matches a stored version.
 */
@Repository
public class PlaybookStore {
  private static final String COLUMNS = "id, version, name, motion, tier, yaml, uploaded_at, uploaded_by";

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public PlaybookStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Stores the YAML as the next version of {@code parsed.id()} (1 for a new id). Concurrent uploads
   * of one id queue on a transaction-scoped advisory lock, so each gets its own version.
   *
   * @param yaml the text as uploaded (kept verbatim)
   * @param parsed the result of parsing it, for id, name, motion and tier
   */
  public StoredPlaybook save(String yaml, Playbook parsed, String uploadedBy) {
    return transaction.execute(status -> {
      jdbc.sql("select pg_advisory_xact_lock(hashtext(:id))").param("id", parsed.id()).query((rs, n) -> 1).single();
      int version =
          jdbc.sql("select coalesce(max(version), 0) + 1 from playbooks where id = :id")
              .param("id", parsed.id())
              .query(Integer.class)
              .single();
      return jdbc.sql(
              "insert into playbooks (id, version, name, motion, tier, yaml, uploaded_at, uploaded_by)"
                  + " values (:id, :version, :name, :motion, :tier, :yaml, clock_timestamp(), :uploadedBy)"
                  + " returning " + COLUMNS)
          .param("id", parsed.id())
          .param("version", version)
          .param("name", parsed.name() == null ? parsed.id() : parsed.name())
          .param("motion", parsed.motion().name())
          .param("tier", parsed.tier().name())
          .param("yaml", yaml)
          .param("uploadedBy", uploadedBy)
          .query(PlaybookStore::row)
          .single();
    });
  }

  public Optional<StoredPlaybook> latest(String id) {
    return jdbc.sql("select " + COLUMNS + " from playbooks where id = :id order by version desc limit 1")
        .param("id", id)
        .query(PlaybookStore::row)
        .optional();
  }

  public Optional<StoredPlaybook> get(String id, int version) {
    return jdbc.sql("select " + COLUMNS + " from playbooks where id = :id and version = :version")
        .param("id", id)
        .param("version", version)
        .query(PlaybookStore::row)
        .optional();
  }

  /** Every version of one playbook, newest first. */
  public List<PlaybookSummary> history(String id) {
    return jdbc.sql(
            "select id, version, name, motion, tier, uploaded_at, uploaded_by,"
                + " count(*) over () as versions from playbooks where id = :id order by version desc")
        .param("id", id)
        .query(PlaybookStore::summary)
        .list();
  }

  /** The latest version of each playbook, by id. */
  public List<PlaybookSummary> list() {
    return jdbc.sql(
            "select distinct on (id) id, version, name, motion, tier, uploaded_at, uploaded_by,"
                + " count(*) over (partition by id) as versions from playbooks order by id, version desc")
        .query(PlaybookStore::summary)
        .list();
  }

  /** The most recently uploaded playbook for the motion and tier, in its latest version. */
  public Optional<StoredPlaybook> latestFor(Motion motion, Tier tier) {
    return jdbc.sql(
            "select " + COLUMNS + " from playbooks where motion = :motion and tier = :tier"
                + " order by uploaded_at desc, version desc limit 1")
        .param("motion", motion.name())
        .param("tier", tier.name())
        .query(PlaybookStore::row)
        .optional();
  }

  private static StoredPlaybook row(ResultSet rs, int rowNum) throws SQLException {
    return new StoredPlaybook(
        rs.getString("id"),
        rs.getInt("version"),
        rs.getString("name"),
        Motion.valueOf(rs.getString("motion")),
        Tier.valueOf(rs.getString("tier")),
        rs.getString("yaml"),
        Sql.instant(rs, "uploaded_at"),
        rs.getString("uploaded_by"));
  }

  private static PlaybookSummary summary(ResultSet rs, int rowNum) throws SQLException {
    return new PlaybookSummary(
        rs.getString("id"),
        rs.getInt("version"),
        rs.getString("name"),
        Motion.valueOf(rs.getString("motion")),
        Tier.valueOf(rs.getString("tier")),
        Sql.instant(rs, "uploaded_at"),
        rs.getString("uploaded_by"),
        rs.getInt("versions"));
  }
}
