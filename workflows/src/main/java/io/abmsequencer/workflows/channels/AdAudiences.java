package io.abmsequencer.workflows.channels;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Keeps ad-platform audiences (LinkedIn, Google) in step with the sequence. */
@ActivityInterface
public interface AdAudiences {

  /**
   * Adds or removes the contacts, once per key; suppressed contacts are never added. Membership is
   * recorded, so a later removal is exact.
   */
  @ActivityMethod(name = "SyncAudience")
  AudienceResult sync(AudienceSync sync);

  /**
   * Takes every contact the sequence added out of every audience (the sequence ended: it should no
   * longer buy ads at these people). Idempotent.
   */
  @ActivityMethod(name = "LeaveAudiences")
  AudienceResult leaveAll(AudienceCleanup cleanup);
}
