package io.abmsequencer.activities.weekly;

import io.abmsequencer.activities.db.Sql;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of the read model, written straight into the tables, for review and digest tests. */
final class Fixtures {
  private final JdbcClient jdbc;
  private int ids;

  Fixtures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void clear() {
    for (String table : new String[] {"sequence_contacts", "sequences", "engagement_events", "account_stages", "sdr_tasks", "reviews", "digests"}) {
      jdbc.sql("delete from " + table).update();
    }
  }

  /** A running sequence; {@code exitReason} non-null makes it EXITED at {@code exitedAt}. */
  String sequence(String account, String tier, String owner, int score, Instant startedAt, String exitReason, Instant exitedAt) {
    String workflowId = "abm-new-logo-" + account;
    jdbc.sql("""
            insert into sequences (workflow_id, account_id, account_name, motion, tier, playbook_id, playbook_version, owner, status,
                                   score, touches, exit_reason, started_at, updated_at, exited_at)
            values (:w, :a, :name, 'NEW_LOGO', :tier, 'fintech', 1, :owner, :status, :score, 0, :exit, :started, :started, :exited)
            """)
        .param("w", workflowId).param("a", account).param("name", Character.toUpperCase(account.charAt(0)) + account.substring(1) + " Corp")
        .param("tier", tier).param("owner", owner).param("status", exitReason == null ? "WAITING" : "EXITED").param("score", score)
        .param("exit", exitReason).param("started", Sql.ts(startedAt)).param("exited", Sql.ts(exitedAt))
        .update();
    return workflowId;
  }

  void event(String account, String type, Instant at) {
    jdbc.sql("insert into engagement_events (event_id, account_id, type, occurred_at) values (:id, :a, :t, :at)")
        .param("id", "e" + (++ids)).param("a", account).param("t", type).param("at", Sql.ts(at)).update();
  }

  void stage(String account, String stage, Instant at) {
    jdbc.sql("insert into account_stages (account_id, stage, changed_at) values (:a, :s, :at)")
        .param("a", account).param("s", stage).param("at", Sql.ts(at)).update();
  }

  String task(String workflowId, String account, String owner, String type, String state, Instant createdAt, Instant dueAt, String reason) {
    String id = "t" + (++ids);
    jdbc.sql("""
            insert into sdr_tasks (task_id, workflow_id, account_id, account_name, owner, type, title, step_id, reason, score, outcomes,
                                   state, due_at, created_at)
            values (:id, :w, :a, :a, :owner, :type, 'Do it', 'step', :reason, 0, 'COMPLETED', :state, :due, :created)
            """)
        .param("id", id).param("w", workflowId).param("a", account).param("owner", owner).param("type", type).param("reason", reason)
        .param("state", state).param("due", Sql.ts(dueAt)).param("created", Sql.ts(createdAt))
        .update();
    return id;
  }

  String review(String workflowId, String account, String owner, String tier, String question, Instant createdAt, Instant dueAt) {
    String id = "r" + (++ids);
    jdbc.sql("""
            insert into reviews (review_id, workflow_id, account_id, account_name, owner, step_id, question, decisions, tier, state,
                                 due_at, created_at)
            values (:id, :w, :a, :a, :owner, 'checkpoint', :q, 'CONTINUE,STOP', :tier, 'OPEN', :due, :created)
            """)
        .param("id", id).param("w", workflowId).param("a", account).param("owner", owner).param("q", question).param("tier", tier)
        .param("due", Sql.ts(dueAt)).param("created", Sql.ts(createdAt))
        .update();
    return id;
  }
}
