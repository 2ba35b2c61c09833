package io.abmsequencer.workflows.digest;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One owner's digest for one week, sent once: what the owner's Temporal Schedule ({@code
 * abm-digest-<owner>}, Mondays 08:00 in the owner's zone) starts every Monday, and what a trigger of
 * that schedule starts on any other day. The week is the Monday on or before the run's start in the
 * owner's zone, so a run for a week already sent (a second trigger, a run caught up after an outage)
 * sends nothing: the digest activity keeps one row per owner and week.
 *
 * <p>Where the server has no Schedules (the in-memory fallback), {@link OwnerDigestWorkflow} sleeps
 * from Monday to Monday instead.
 */
@WorkflowInterface
public interface WeeklyDigestWorkflow {
  String TYPE = "WeeklyDigest";

  @WorkflowMethod(name = TYPE)
  DigestResult send(DigestSchedule schedule);
}
