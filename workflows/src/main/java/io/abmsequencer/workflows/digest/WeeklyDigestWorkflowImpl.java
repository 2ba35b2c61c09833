package io.abmsequencer.workflows.digest;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Sends the week's digest and ends: one short run per Monday, started by the owner's schedule. */
public class WeeklyDigestWorkflowImpl implements WeeklyDigestWorkflow {
  private final Digests digests = Workflow.newActivityStub(Digests.class, Mondays.SEND_OPTIONS);

  @Override
  public DigestResult send(DigestSchedule schedule) {
    ZoneId zone = Mondays.zone(schedule.timeZone());
    // The run's start, not the clock of its first task: a worker that was down still sends the week
    // the schedule started the run for.
    LocalDate week = Mondays.weekOf(Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis()), zone);
    Workflow.setCurrentDetails("Sending the digest of the week of " + week + " to " + schedule.owner());
    DigestResult result = digests.send(new DigestRequest(schedule.owner(), schedule.email(), zone.getId(), week));
    Workflow.setCurrentDetails("Digest of " + week + ": " + result.summary());
    return result;
  }
}
