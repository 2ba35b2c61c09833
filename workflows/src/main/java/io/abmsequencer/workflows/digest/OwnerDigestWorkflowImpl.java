package io.abmsequencer.workflows.digest;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Sleeps until Monday 08:00 in the owner's zone, sends the digest, continues as new for next week.
 * Only where the Temporal server has no Schedules (the in-memory fallback); elsewhere the owner's
 * schedule starts a {@link WeeklyDigestWorkflow} every Monday and the starter ends this one.
 */
public class OwnerDigestWorkflowImpl implements OwnerDigestWorkflow {
  /** English whatever the worker's locale: workflow code formats nothing by the machine it runs on. */
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", java.util.Locale.ENGLISH);

  private final Digests digests = Workflow.newActivityStub(Digests.class, Mondays.SEND_OPTIONS);

  private DigestSchedule schedule;
  private boolean rescheduled;

  @WorkflowInit
  public OwnerDigestWorkflowImpl(DigestSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void run(DigestSchedule ignored) {
    while (true) {
      rescheduled = false;
      ZoneId zone = Mondays.zone(schedule.timeZone());
      ZonedDateTime next = Mondays.next(Instant.ofEpochMilli(Workflow.currentTimeMillis()), zone);
      String when = WHEN.format(next) + " " + zone.getId();
      Workflow.setCurrentDetails("Next weekly digest for " + schedule.owner() + ": " + when);
      Duration wait = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), next.toInstant());
      List<Promise<Void>> timer = new ArrayList<>(1);
      CancellationScope scope = Workflow.newCancellationScope(
          () -> timer.add(Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary("Until " + when).build())));
      scope.run();
      Workflow.await(() -> timer.get(0).isCompleted() || rescheduled);
      if (rescheduled) {
        scope.cancel();
        continue; // a new zone or address: compute the next Monday again
      }
      DigestResult result = digests.send(new DigestRequest(schedule.owner(), schedule.email(), zone.getId(), next.toLocalDate()));
      Workflow.setCurrentDetails("Digest of " + next.toLocalDate() + ": " + result.summary());
      Workflow.await(Workflow::isEveryHandlerFinished);
      // One run per week: the history stays a few dozen events long for years.
      Workflow.continueAsNew(schedule);
    }
  }

  @Override
  public void reschedule(DigestSchedule schedule) {
    if (schedule == null) return;
    this.schedule = schedule;
    this.rescheduled = true;
  }
}
