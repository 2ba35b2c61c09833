package io.abmsequencer.workflows.digest;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Builds and e-mails the weekly account review of one owner. */
@ActivityInterface
public interface Digests {

  /** Sends the owner's digest for the week, at most once per owner and week. */
  @ActivityMethod(name = "SendWeeklyDigest")
  DigestResult send(DigestRequest request);
}
