package io.abmsequencer.activities.reviews;

import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;
import java.util.List;

/**
 * One review checkpoint (table {@code reviews}).
 *
 * @param decisions what the reviewers may decide
 * @param tier the tier when the review was opened
 * @param touches touches sent before the review
 * @param decision null unless {@code state} is DONE
 * @param newTier set only with CHANGE_TIER
 */
public record ReviewRow(
    String reviewId,
    String workflowId,
    String accountId,
    String accountName,
    String owner,
    String stepId,
    String question,
    List<ReviewDecision> decisions,
    Tier tier,
    int score,
    int touches,
    TaskState state,
    ReviewDecision decision,
    Tier newTier,
    String note,
    String decidedBy,
    Instant dueAt,
    Instant createdAt,
    Instant closedAt) {

  public boolean isOpen() {
    return state == TaskState.OPEN;
  }
}
