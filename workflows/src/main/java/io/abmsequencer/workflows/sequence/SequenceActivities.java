package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.channels.AdAudiences;
import io.abmsequencer.workflows.channels.EmailChannel;
import io.abmsequencer.workflows.channels.PlaybookCatalog;
import io.abmsequencer.workflows.channels.Reviews;
import io.abmsequencer.workflows.channels.SdrTasks;
import io.abmsequencer.workflows.channels.SmsChannel;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Every activity option of the sequence workflow, in one place. Providers are retried with backoff
 * and without a limit: a provider down for an hour delays touches, never loses them. Only failures
 * that retrying cannot fix are non-retryable.
 */
final class SequenceActivities {

  /** Failure types our adapters raise when retrying cannot help (see activities/). */
  static final String[] PERMANENT =
      {"EmailProviderRejected", "EmailPolicyBlocked", "SmsProviderRejected", "AdsProviderRejected", "InvalidTouch"};

  /**
   * A send heartbeats every few seconds from start to end (activities' {@code SendAttempt}), so a
   * worker that dies mid-send is noticed after this, not after the 2-minute start-to-close timeout.
   * Only on the e-mail stub: an activity that never heartbeats would time out here. Changing it
   * changes no command Temporal compares on replay (the SDK matches a scheduled activity by id and
   * type only); running sequences get it on their next e-mail.
   */
  static final Duration EMAIL_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  static final ActivityOptions PROVIDER =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .setDoNotRetry(PERMANENT)
                  .build())
          .build();

  static final ActivityOptions DATABASE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  private SequenceActivities() {}

  /** Stubs carry a summary so the Temporal UI's event history reads in plain words. */
  static EmailChannel email(String summary) {
    return Workflow.newActivityStub(EmailChannel.class,
        PROVIDER.toBuilder().setHeartbeatTimeout(EMAIL_HEARTBEAT_TIMEOUT).setSummary(summary).build());
  }

  static SmsChannel sms(String summary) {
    return Workflow.newActivityStub(SmsChannel.class, PROVIDER.toBuilder().setSummary(summary).build());
  }

  static AdAudiences ads(String summary) {
    return Workflow.newActivityStub(AdAudiences.class, PROVIDER.toBuilder().setSummary(summary).build());
  }

  static SdrTasks tasks(String summary) {
    return Workflow.newActivityStub(SdrTasks.class, DATABASE.toBuilder().setSummary(summary).build());
  }

  static Reviews reviews(String summary) {
    return Workflow.newActivityStub(Reviews.class, DATABASE.toBuilder().setSummary(summary).build());
  }

  static SequenceRecords records(String summary) {
    return Workflow.newActivityStub(SequenceRecords.class, DATABASE.toBuilder().setSummary(summary).build());
  }

  /**
   * The read model's record as a local activity: run by the worker inside the workflow task that then
   * starts the wait, so recording costs no round trip through the server (a regular activity costs two
   * more workflow tasks and three events). The marker keeps the result only, not the snapshot, so
   * history stays small and holds no contact data.
   */
  static final LocalActivityOptions DATABASE_LOCAL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(DATABASE.getStartToCloseTimeout())
          // As the regular activity: retried until the database is back. The SDK does not retry a local
          // activity at all when it has neither a schedule-to-close timeout nor a maximum of attempts
          // (1.38, LocalActivityWorker.isRetryPolicyNotSet), so "no limit" is written as a count no
          // outage reaches: beyond 30 s between attempts the retries wait on workflow timers.
          .setRetryOptions(DATABASE.getRetryOptions().toBuilder().setMaximumAttempts(Integer.MAX_VALUE).build())
          .setDoNotIncludeArgumentsIntoMarker(true)
          .build();

  static SequenceRecords recordsLocally(String summary) {
    return Workflow.newLocalActivityStub(SequenceRecords.class, DATABASE_LOCAL.toBuilder().setSummary(summary).build());
  }

  static PlaybookCatalog catalog(String summary) {
    return Workflow.newActivityStub(PlaybookCatalog.class, DATABASE.toBuilder().setSummary(summary).build());
  }
}
