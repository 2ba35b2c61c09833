package io.abmsequencer.starter.reviews;

import io.abmsequencer.activities.reviews.ReviewInbox;
import io.abmsequencer.activities.reviews.ReviewRow;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.DecideReview;
import io.abmsequencer.workflows.sequence.ReviewDecided;
import java.util.List;
import org.springframework.stereotype.Service;

/** Review checkpoints: read from PostgreSQL; a decision is an Update to the sequence. */
@Service
public class ReviewService {
  private final ReviewInbox inbox;
  private final SequenceClient sequences;

  public ReviewService(ReviewInbox inbox, SequenceClient sequences) {
    this.inbox = inbox;
    this.sequences = sequences;
  }

  public List<ReviewRow> open(int limit, int offset) {
    if (limit < 1 || limit > 500) throw ApiException.invalidField("limit", "must be from 1 to 500");
    if (offset < 0) throw ApiException.invalidField("offset", "must be 0 or more");
    return inbox.open(limit, offset);
  }

  public ReviewRow get(String reviewId) {
    return inbox.find(reviewId).orElseThrow(() -> ApiException.notFound("No review " + reviewId));
  }

  /**
   * Records the reviewers' decision: continue, stop the sequence, or move the account to another tier.
   *
   * @throws ApiException 404 unknown review, 409 already decided, 400 decision not allowed here
   */
  public ReviewDecided decide(String reviewId, ReviewDecision decision, Tier tier, String note, String by) {
    ReviewRow review = get(reviewId);
    if (decision == null) throw ApiException.invalidField("decision", "required: one of " + review.decisions());
    if (decision == ReviewDecision.CHANGE_TIER && tier == null) throw ApiException.invalidField("tier", "CHANGE_TIER needs the new tier");
    if (review.state() != TaskState.OPEN) throw closed(review);
    try {
      return sequences.decideReview(review.workflowId(), new DecideReview(reviewId, decision, tier, note, by));
    } catch (SequenceClient.SequenceGone e) {
      throw ApiException.conflict("Review " + reviewId + " can no longer be decided: its sequence " + review.workflowId() + " has ended");
    } catch (SequenceClient.Rejected e) {
      if (e.type().equals("ReviewNotOpen")) throw closed(inbox.find(reviewId).orElse(review));
      throw e.asProblem("Invalid decision");
    }
  }

  private static ApiException closed(ReviewRow review) {
    return ApiException.conflict("Review " + review.reviewId() + " is already closed (" + review.state()
        + (review.decision() == null ? "" : ", " + review.decision()) + ")");
  }
}
