package io.abmsequencer.activities.reviews;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.workflows.channels.ReviewClose;
import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.channels.Reviews;
import io.abmsequencer.workflows.channels.TaskState;
import io.temporal.failure.ApplicationFailure;
import org.springframework.stereotype.Component;

/** Review checkpoints land in the console's review list; idempotent by review id. */
@WorkerSide
@Component("reviews")
public class InboxReviews implements Reviews {
  private final ReviewInbox inbox;

  public InboxReviews(ReviewInbox inbox) {
    this.inbox = inbox;
  }

  @Override
  public void open(ReviewOpen review) {
    inbox.create(review);
  }

  @Override
  public void close(ReviewClose close) {
    if (close.state() == TaskState.OPEN) {
      throw ApplicationFailure.newNonRetryableFailure(
          "review " + close.reviewId() + ": a close needs DONE, EXPIRED or CANCELLED, not OPEN", "InvalidReviewClose");
    }
    inbox.close(close);
  }
}
