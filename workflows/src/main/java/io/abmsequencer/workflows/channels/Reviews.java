package io.abmsequencer.workflows.channels;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Review checkpoints where sales and marketing decide together. */
@ActivityInterface
public interface Reviews {

  /** Opens the checkpoint; idempotent by review id. */
  @ActivityMethod(name = "OpenReview")
  void open(ReviewOpen review);

  /** Records the decision (or expiry); closing a closed review changes nothing. */
  @ActivityMethod(name = "CloseReview")
  void close(ReviewClose close);
}
