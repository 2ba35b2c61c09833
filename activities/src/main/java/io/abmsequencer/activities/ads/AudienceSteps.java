package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.workflows.channels.TouchKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ads steps whose changes are still on their way (table {@code audience_steps}), and their ledger
 * rows. In live mode a step's ledger row is written {@code SENDING} when the activity queues the
 * changes (nothing has reached a platform yet); while its rows wait, the row's detail says what
 * waits and why ({@link Ledger#note}); once none is pending, the row gets its outcome ({@link
 * Ledger#complete}): SENT, or FAILED with the platform's words. So ops read a refused or delayed
 * audience change on the sequence's timeline, where the step is.
 */
@WorkerSide
@Repository
class AudienceSteps {

  /** The ledger key of a step: {@code workflowId/stepKey/*}. */
  record Step(String workflowId, String stepKey) {
    TouchKey key() {
      return new TouchKey(workflowId, stepKey, "*");
    }
  }

  private final JdbcClient jdbc;
  private final Ledger ledger;

  AudienceSteps(JdbcClient jdbc, Ledger ledger) {
    this.jdbc = jdbc;
    this.ledger = ledger;
  }

  void open(TouchKey key, Instant now) {
    jdbc.sql(
            "insert into audience_steps (workflow_id, step_key, opened_at) values (:workflowId, :stepKey, :now)"
                + " on conflict do nothing")
        .param("workflowId", key.workflowId())
        .param("stepKey", key.stepKey())
        .param("now", Sql.ts(now))
        .update();
  }

  /**
   * Writes the outcome of every open step none of whose changes is pending any more, and closes it.
   * Steps another flusher is settling are skipped. Call inside a transaction.
   *
   * @return the steps settled
   */
  List<Step> settle(Instant now) {
    List<Step> done = jdbc.sql(
            "select s.workflow_id, s.step_key from audience_steps s where s.settled_at is null"
                + " and not exists (select 1 from audience_members m where m.workflow_id = s.workflow_id"
                + " and m.step_key = s.step_key and m.state in ('PENDING_ADD', 'PENDING_REMOVE'))"
                + " order by s.opened_at limit 1000 for update of s skip locked")
        .query((rs, n) -> new Step(rs.getString("workflow_id"), rs.getString("step_key")))
        .list();
    for (Step step : done) {
      StepProgress progress = progress(step);
      ledger.complete(step.key(), progress.outcome(), null, progress.describe());
      jdbc.sql("update audience_steps set settled_at = :now where workflow_id = :workflowId and step_key = :stepKey")
          .param("now", Sql.ts(now))
          .param("workflowId", step.workflowId())
          .param("stepKey", step.stepKey())
          .update();
    }
    return done;
  }

  /** Puts what waits and why on the ledger rows of steps still waiting (after a retry or a refusal). */
  void report(Collection<Step> steps) {
    for (Step step : steps) {
      StepProgress progress = progress(step);
      if (progress.pending()) ledger.note(step.key(), progress.describe());
    }
  }

  StepProgress progress(Step step) {
    return new StepProgress(jdbc.sql(
            "select audience, platform, contact_id, workflow_id, account_id, state, action, step_key, added_at,"
                + " removed_at, attempts, next_attempt_at, last_error from audience_members"
                + " where workflow_id = :workflowId and step_key = :stepKey order by platform, contact_id")
        .param("workflowId", step.workflowId())
        .param("stepKey", step.stepKey())
        .query(AudienceMembers::row)
        .list());
  }
}
