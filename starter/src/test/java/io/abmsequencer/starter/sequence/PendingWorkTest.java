package io.abmsequencer.starter.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.Payloads;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.UserMetadata;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Temporal's pending activities in words: whom the touch is for, the attempt, the last error, the next try. */
class PendingWorkTest {
  static final DataConverter CONVERTER = Payloads.dataConverter();
  static final Instant FAILED_AT = Instant.parse("2027-03-01T12:03:00Z");
  static final RetryPolicy POLICY = RetryPolicy.newBuilder()
      .setInitialInterval(Durations.fromSeconds(5)).setBackoffCoefficient(2.0).setMaximumInterval(Durations.fromMinutes(10)).build();

  @Test
  void aRetriedEmailNamesItsRecipientTheAttemptTheErrorAndTheNextTry() {
    // The fifth attempt is due after four failures: 5 s × 2³ = 40 s after the fourth ended.
    PendingActivityInfo info = pending("SendEmail", 5)
        .setState(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED)
        .setLastAttemptCompleteTime(Timestamps.fromMillis(FAILED_AT.toEpochMilli()))
        .setLastFailure(CONVERTER.exceptionToFailure(ApplicationFailure.newFailure("SMTP send failed: Connection refused", "EmailTransient")))
        .build();

    Waiting w = PendingWork.describe(List.of(info), Map.of("a1", scheduled(email())), CONVERTER).get(0);

    assertThat(w.channel()).isEqualTo("EMAIL");
    assertThat(w.state()).isEqualTo(Waiting.RETRYING);
    assertThat(w.attempt()).isEqualTo(5);
    assertThat(w.lastError()).isEqualTo("SMTP send failed: Connection refused");
    assertThat(w.nextAttemptAt()).isEqualTo(FAILED_AT.plusSeconds(40));
    assertThat(w.summary()).isEqualTo(
        "E-mail to Ana Ruiz <ana@umbrella.example> (step hello) — attempt 5, last error: SMTP send failed: Connection refused,"
            + " next try 12:03:40 UTC");
  }

  @Test
  void theServersOwnNextAttemptTimeWinsAndTheBackoffIsCappedOtherwise() {
    Instant next = Instant.parse("2027-03-01T12:10:00Z");
    PendingActivityInfo told = pending("SendEmail", 3).setLastAttemptCompleteTime(Timestamps.fromMillis(FAILED_AT.toEpochMilli()))
        .setNextAttemptScheduleTime(Timestamps.fromMillis(next.toEpochMilli())).build();
    assertThat(PendingWork.nextAttempt(told, POLICY)).isEqualTo(next);

    PendingActivityInfo late = pending("SendEmail", 30).setLastAttemptCompleteTime(Timestamps.fromMillis(FAILED_AT.toEpochMilli())).build();
    assertThat(PendingWork.nextAttempt(late, POLICY)).isEqualTo(FAILED_AT.plusSeconds(600));

    PendingActivityInfo first = pending("SendEmail", 1).build();
    assertThat(PendingWork.nextAttempt(first, POLICY)).isNull();
  }

  @Test
  void startedAfterTheLastFailureIsRunningStartedBeforeItIsWaitingForTheNextTry() {
    // Temporal's test server keeps a failed activity STARTED until its next attempt starts.
    PendingActivityInfo.Builder started = pending("SendEmail", 2).setState(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
        .setLastAttemptCompleteTime(Timestamps.fromMillis(FAILED_AT.toEpochMilli()));
    assertThat(PendingWork.running(started.setLastStartedTime(Timestamps.fromMillis(FAILED_AT.minusSeconds(2).toEpochMilli())).build()))
        .isFalse();
    assertThat(PendingWork.running(started.setLastStartedTime(Timestamps.fromMillis(FAILED_AT.plusSeconds(5).toEpochMilli())).build()))
        .isTrue();
    assertThat(PendingWork.running(pending("SendEmail", 1).setState(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED).build())).isTrue();
  }

  @Test
  void otherWorkIsNamedByTheSummaryTheWorkflowGaveIt() {
    HistoryEvent event = HistoryEvent.newBuilder()
        .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .setActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes.newBuilder().setActivityId("a1"))
        .setUserMetadata(UserMetadata.newBuilder().setSummary(CONVERTER.toPayload("Update the sequences list: WAITING").orElseThrow()))
        .build();
    Waiting w = PendingWork.describe(List.of(pending("UpdateSequence", 2).build()), Map.of("a1", event), CONVERTER).get(0);
    assertThat(w.channel()).isEqualTo("UpdateSequence");
    assertThat(w.what()).isEqualTo("Update the sequences list: WAITING");
    assertThat(w.summary()).startsWith("Update the sequences list: WAITING — attempt 2");
  }

  static PendingActivityInfo.Builder pending(String type, int attempt) {
    return PendingActivityInfo.newBuilder().setActivityId("a1").setActivityType(ActivityType.newBuilder().setName(type)).setAttempt(attempt);
  }

  static EmailTouch email() {
    Contact ana = new Contact("c-ana", "ana@umbrella.example", "Ana", "Ruiz", "CFO", Role.CHAMPION, null, "UTC", false);
    return new EmailTouch(new TouchKey("abm-new-logo-umbrella", "outage@1/hello", "c-ana"),
        new Account("umbrella", "Umbrella", "umbrella.example", "Biotech"), ana, "sam", "Hello", "Hi", false, false);
  }

  static HistoryEvent scheduled(Object input) {
    return HistoryEvent.newBuilder()
        .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .setActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes.newBuilder()
            .setActivityId("a1").setRetryPolicy(POLICY).setInput(CONVERTER.toPayloads(input).orElseThrow()))
        .build();
  }
}
