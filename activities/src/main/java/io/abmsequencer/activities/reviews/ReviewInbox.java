package io.abmsequencer.activities.reviews;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.channels.ReviewClose;
import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Review checkpoints (table {@code reviews}): written by the workflow's activities, read by the API. */
@Repository
public class ReviewInbox {
  private static final String COLUMNS =
      "review_id, workflow_id, account_id, account_name, owner, step_id, question, decisions, tier, score,"
          + " touches, state, decision, new_tier, note, decided_by, due_at, created_at, closed_at";

  private final JdbcClient jdbc;

  public ReviewInbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the review as OPEN. @return false when a review with this id exists (it is left as it is) */
  public boolean create(ReviewOpen review) {
    return jdbc.sql(
                "insert into reviews (" + COLUMNS + ") values (:reviewId, :workflowId, :accountId, :accountName,"
                    + " :owner, :stepId, :question, :decisions, :tier, :score, :touches, 'OPEN', null, null,"
                    + " null, null, :dueAt, :createdAt, null) on conflict (review_id) do nothing")
            .param("reviewId", review.reviewId())
            .param("workflowId", review.workflowId())
            .param("accountId", review.accountId())
            .param("accountName", review.accountName())
            .param("owner", review.owner())
            .param("stepId", review.stepId())
            .param("question", review.question())
            .param("decisions", Sql.joinNames(review.decisions()))
            .param("tier", review.tier().name())
            .param("score", review.score())
            .param("touches", review.touches())
            .param("dueAt", Sql.ts(review.dueAt()))
            .param("createdAt", Sql.ts(review.createdAt()))
            .update()
        == 1;
  }

  /** Records the decision if the review is still OPEN. @return false when it was closed already (or unknown) */
  public boolean close(ReviewClose close) {
    if (close.state() == TaskState.OPEN) throw new IllegalArgumentException("closing a review needs a final state");
    return jdbc.sql(
                "update reviews set state = :state, decision = :decision, new_tier = :newTier, note = :note,"
                    + " decided_by = :decidedBy, closed_at = coalesce(:closedAt, now())"
                    + " where review_id = :reviewId and state = 'OPEN'")
            .param("state", close.state().name())
            .param("decision", Sql.nameOrNull(close.decision()))
            .param("newTier", Sql.nameOrNull(close.tier()))
            .param("note", close.note())
            .param("decidedBy", close.decidedBy())
            .param("closedAt", Sql.ts(close.closedAt()))
            .param("reviewId", close.reviewId())
            .update()
        == 1;
  }

  public Optional<ReviewRow> find(String reviewId) {
    return jdbc.sql("select " + COLUMNS + " from reviews where review_id = :reviewId")
        .param("reviewId", reviewId)
        .query(ReviewInbox::row)
        .optional();
  }

  /** Open reviews, the earliest due first. */
  public List<ReviewRow> open(int limit, int offset) {
    return jdbc.sql(
            "select " + COLUMNS + " from reviews where state = 'OPEN' order by due_at, review_id"
                + " limit :limit offset :offset")
        .param("limit", limit)
        .param("offset", offset)
        .query(ReviewInbox::row)
        .list();
  }

  public int countOpen() {
    return jdbc.sql("select count(*) from reviews where state = 'OPEN'").query(Integer.class).single();
  }

  /** A sequence's reviews, oldest first. */
  public List<ReviewRow> forWorkflow(String workflowId) {
    return jdbc.sql("select " + COLUMNS + " from reviews where workflow_id = :workflowId order by created_at, review_id")
        .param("workflowId", workflowId)
        .query(ReviewInbox::row)
        .list();
  }

  private static ReviewRow row(ResultSet rs, int rowNum) throws SQLException {
    return new ReviewRow(
        rs.getString("review_id"),
        rs.getString("workflow_id"),
        rs.getString("account_id"),
        rs.getString("account_name"),
        rs.getString("owner"),
        rs.getString("step_id"),
        rs.getString("question"),
        Sql.splitNames(rs.getString("decisions"), ReviewDecision::valueOf),
        Tier.valueOf(rs.getString("tier")),
        rs.getInt("score"),
        rs.getInt("touches"),
        TaskState.valueOf(rs.getString("state")),
        Sql.enumOrNull(ReviewDecision.class, rs.getString("decision")),
        Sql.enumOrNull(Tier.class, rs.getString("new_tier")),
        rs.getString("note"),
        rs.getString("decided_by"),
        Sql.instant(rs, "due_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "closed_at"));
  }
}
