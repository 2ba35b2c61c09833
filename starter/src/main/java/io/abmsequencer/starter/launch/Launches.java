package io.abmsequencer.starter.launch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bulk launches and their accounts (tables {@code launches}, {@code launch_accounts}). */
@Repository
public class Launches {

  public enum AccountStatus {
    PENDING,
    STARTED,
    ALREADY_RUNNING,
    FAILED
  }

  /** Progress of one launch. */
  public record Progress(
      String launchId, String source, String playbooks, int total, int started, int alreadyRunning, int failed,
      boolean done, Instant createdAt, Instant finishedAt) {}

  /** One account waiting to be started. */
  public record Pending(String launchId, String accountId, String workflowId, String playbookId, int playbookVersion, String target) {}

  /** The outcome of starting one account. */
  public record Outcome(String accountId, AccountStatus status, String detail) {}

  /** One account's line in a launch report. */
  public record AccountLine(String accountId, String workflowId, AccountStatus status, String detail) {}

  private final JdbcClient jdbc;
  private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

  public Launches(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  public void create(String launchId, String source, String playbooks, int total, String by) {
    jdbc.sql("insert into launches (launch_id, source, playbooks, total, created_by) values (:id, :source, :playbooks, :total, :by)")
        .param("id", launchId).param("source", source).param("playbooks", playbooks).param("total", total).param("by", by)
        .update();
  }

  /** An account to start, as stored before anything starts. */
  public record NewAccount(String accountId, String workflowId, String playbookId, int playbookVersion, String targetJson) {}

  /** Stores the launch's accounts in one batch (a 5,000-account list is one round trip per 1,000). */
  public void addAccounts(String launchId, List<NewAccount> accounts) {
    jdbcTemplate.batchUpdate("""
            insert into launch_accounts (launch_id, account_id, workflow_id, playbook_id, playbook_version, status, target)
            values (?, ?, ?, ?, ?, 'PENDING', cast(? as jsonb))
            """, accounts, 1000, (ps, a) -> {
          ps.setString(1, launchId);
          ps.setString(2, a.accountId());
          ps.setString(3, a.workflowId());
          ps.setString(4, a.playbookId());
          ps.setInt(5, a.playbookVersion());
          ps.setString(6, a.targetJson());
        });
  }

  /** Up to {@code limit} pending accounts of the launch, locked for this caller only. */
  public List<Pending> claimPending(String launchId, int limit) {
    return jdbc.sql("""
            select launch_id, account_id, workflow_id, playbook_id, playbook_version, target::text as target
              from launch_accounts
             where launch_id = :launch and status = 'PENDING'
             order by account_id
             limit :limit
             for update skip locked
            """)
        .param("launch", launchId).param("limit", limit)
        .query((rs, n) -> new Pending(rs.getString("launch_id"), rs.getString("account_id"), rs.getString("workflow_id"),
            rs.getString("playbook_id"), rs.getInt("playbook_version"), rs.getString("target")))
        .list();
  }

  /** Records what became of a chunk of accounts and moves the launch's counters in one go. */
  public void record(String launchId, List<Outcome> outcomes) {
    int started = 0;
    int running = 0;
    int failed = 0;
    for (Outcome o : outcomes) {
      jdbc.sql("update launch_accounts set status = :status, detail = :detail where launch_id = :launch and account_id = :account")
          .param("status", o.status().name()).param("detail", o.detail()).param("launch", launchId).param("account", o.accountId())
          .update();
      switch (o.status()) {
        case STARTED -> started++;
        case ALREADY_RUNNING -> running++;
        case FAILED -> failed++;
        default -> { }
      }
    }
    jdbc.sql("""
            update launches
               set started = started + :started, already_running = already_running + :running, failed = failed + :failed,
                   finished_at = case when started + :started + already_running + :running + failed + :failed >= total
                                      then now() else finished_at end
             where launch_id = :launch
            """)
        .param("started", started).param("running", running).param("failed", failed).param("launch", launchId)
        .update();
  }

  public Optional<Progress> progress(String launchId) {
    return jdbc.sql("select * from launches where launch_id = :id").param("id", launchId)
        .query((rs, n) -> new Progress(rs.getString("launch_id"), rs.getString("source"), rs.getString("playbooks"),
            rs.getInt("total"), rs.getInt("started"), rs.getInt("already_running"), rs.getInt("failed"),
            rs.getTimestamp("finished_at") != null, rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("finished_at"))))
        .optional();
  }

  public List<AccountLine> accounts(String launchId, AccountStatus status, int limit) {
    return jdbc.sql("""
            select account_id, workflow_id, status, detail from launch_accounts
             where launch_id = :launch and (cast(:status as text) is null or status = :status)
             order by account_id limit :limit
            """)
        .param("launch", launchId).param("status", status == null ? null : status.name()).param("limit", limit)
        .query((rs, n) -> new AccountLine(rs.getString("account_id"), rs.getString("workflow_id"),
            AccountStatus.valueOf(rs.getString("status")), rs.getString("detail")))
        .list();
  }

  /** Launches with accounts still pending (a restart interrupted them). */
  public List<String> unfinished() {
    return jdbc.sql("select launch_id from launches where finished_at is null order by created_at").query(String.class).list();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
