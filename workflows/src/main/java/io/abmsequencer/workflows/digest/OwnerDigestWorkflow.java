package io.abmsequencer.workflows.digest;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Every Monday at 08:00 in the owner's time zone, the weekly account review by e-mail, for a Temporal
 * server without Schedules (the in-memory fallback of embedded mode implements none): a workflow
 * that sleeps until the next Monday. One per owner, id {@code abm-digest-<owner>}; each week is one
 * run (continue-as-new), so the history never grows. Where Schedules exist, the owner's schedule
 * starts a {@link WeeklyDigestWorkflow} instead, and a running one of these is terminated.
 */
@WorkflowInterface
public interface OwnerDigestWorkflow {

  @WorkflowMethod(name = "OwnerDigest")
  void run(DigestSchedule schedule);

  /** A new address or time zone, from the next digest on. */
  @SignalMethod(name = "reschedule")
  void reschedule(DigestSchedule schedule);
}
