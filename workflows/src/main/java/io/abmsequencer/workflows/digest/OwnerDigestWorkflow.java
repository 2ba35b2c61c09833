package io.abmsequencer.workflows.digest;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Every Monday at 08:00 in the owner's time zone, the weekly account review by e-mail. A workflow
 * that sleeps until the next Monday works on every Temporal server (the embedded one implements
 * no Schedules). One per owner, id {@code abm-digest-<owner>}; each week is one run
 * (continue-as-new), so the history never grows.
 */
@WorkflowInterface
public interface OwnerDigestWorkflow {

  @WorkflowMethod(name = "OwnerDigest")
  void run(DigestSchedule schedule);

  /** A new address or time zone, from the next digest on. */
  @SignalMethod(name = "reschedule")
  void reschedule(DigestSchedule schedule);
}
