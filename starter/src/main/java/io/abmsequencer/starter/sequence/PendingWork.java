package io.abmsequencer.starter.sequence;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.account.Contact;
import io.temporal.api.common.v1.RetryPolicy;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.TemporalFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Temporal's pending activities of a sequence in words: what each touch is (decoded from the
 * activity's input, as scheduled in the history), its attempt, why the last one failed and when the
 * next is due. Pure: the caller fetches the description and the scheduled events.
 */
final class PendingWork {
  private PendingWork() {}

  static List<Waiting> describe(
      List<PendingActivityInfo> pending, Map<String, HistoryEvent> scheduledById, DataConverter converter) {
    List<Waiting> waiting = new ArrayList<>();
    for (PendingActivityInfo info : pending) {
      HistoryEvent scheduled = scheduledById.get(info.getActivityId());
      ActivityTaskScheduledEventAttributes attributes =
          scheduled == null ? null : scheduled.getActivityTaskScheduledEventAttributes();
      String type = info.getActivityType().getName();
      boolean running = running(info);
      int attempt = Math.max(1, info.getAttempt());
      String lastError = info.hasLastFailure() ? message(info.getLastFailure(), converter) : null;
      Instant lastAttemptAt = running
          ? instant(info.hasLastStartedTime() ? info.getLastStartedTime() : null)
          : instant(info.hasLastAttemptCompleteTime() ? info.getLastAttemptCompleteTime() : null);
      Instant next = running ? null : nextAttempt(info, attributes == null ? null : attributes.getRetryPolicy());
      waiting.add(Waiting.activity(channel(type), type, what(type, scheduled, attributes, converter), running, attempt, lastError,
          lastAttemptAt, next));
    }
    return waiting;
  }

  /**
   * An attempt is under way: started, and not ended since it started. (Temporal's test server, which
   * the embedded mode runs, keeps reporting STARTED while a failed activity waits for its next try.)
   */
  static boolean running(PendingActivityInfo info) {
    if (info.getState() != PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) return false;
    if (!info.hasLastAttemptCompleteTime() || !info.hasLastStartedTime()) return true;
    return Timestamps.compare(info.getLastStartedTime(), info.getLastAttemptCompleteTime()) > 0;
  }

  static String channel(String activityType) {
    return switch (activityType) {
      case "SendEmail" -> "EMAIL";
      case "SendSms" -> "SMS";
      case "SyncAudience", "LeaveAudiences" -> "ADS";
      default -> activityType;
    };
  }

  /** The touch in words, from the activity's input; else the summary the workflow gave it; else its type. */
  static String what(String type, HistoryEvent scheduled, ActivityTaskScheduledEventAttributes attributes, DataConverter converter) {
    try {
      if (attributes != null && attributes.hasInput()) {
        switch (type) {
          case "SendEmail" -> {
            EmailTouch touch = converter.fromPayloads(0, Optional.of(attributes.getInput()), EmailTouch.class, EmailTouch.class);
            return "E-mail to " + person(touch.contact(), touch.contact().email()) + step(touch.key().stepKey());
          }
          case "SendSms" -> {
            SmsTouch touch = converter.fromPayloads(0, Optional.of(attributes.getInput()), SmsTouch.class, SmsTouch.class);
            Contact c = touch.contact();
            String name = c.fullName().isEmpty() ? c.phone() : c.fullName() + (c.phone() == null ? "" : " (" + c.phone() + ")");
            return "Text to " + name + step(touch.key().stepKey());
          }
          case "SyncAudience" -> {
            AudienceSync sync = converter.fromPayloads(0, Optional.of(attributes.getInput()), AudienceSync.class, AudienceSync.class);
            int n = sync.contacts() == null ? 0 : sync.contacts().size();
            String platforms = sync.platforms() == null ? "" : sync.platforms().stream().map(PendingWork::platform)
                .collect(Collectors.joining(", ")) + " ";
            return (sync.action() == AudienceAction.REMOVE ? "Removing " : "Adding ") + n + (n == 1 ? " contact" : " contacts")
                + (sync.action() == AudienceAction.REMOVE ? " from " : " to ") + platforms + "audience '" + sync.audience() + "'"
                + step(sync.key().stepKey());
          }
          default -> {
            // described below
          }
        }
      }
    } catch (RuntimeException undecodable) {
      // an input this version cannot read: fall back to the summary
    }
    if (scheduled != null && scheduled.hasUserMetadata() && scheduled.getUserMetadata().hasSummary()) {
      try {
        return converter.fromPayload(scheduled.getUserMetadata().getSummary(), String.class, String.class);
      } catch (RuntimeException undecodable) {
        // fall through
      }
    }
    return type;
  }

  private static String person(Contact contact, String address) {
    String name = contact.fullName();
    return name.isEmpty() ? address : name + " <" + address + ">";
  }

  /** {@code (step hello)} from a step key {@code playbook@version/hello}. */
  private static String step(String stepKey) {
    if (stepKey == null || stepKey.isBlank()) return "";
    return " (step " + stepKey.substring(stepKey.lastIndexOf('/') + 1) + ")";
  }

  private static String platform(AdPlatform platform) {
    return platform == AdPlatform.LINKEDIN ? "LinkedIn" : "Google";
  }

  /** The failure's own message (decoded: with payload encryption on, Temporal holds it encrypted). */
  static String message(Failure failure, DataConverter converter) {
    try {
      RuntimeException e = converter.failureToException(failure);
      if (e instanceof TemporalFailure t && t.getOriginalMessage() != null && !t.getOriginalMessage().isBlank()) {
        return t.getOriginalMessage();
      }
      return e.getMessage();
    } catch (RuntimeException undecodable) {
      return failure.getMessage();
    }
  }

  /**
   * When the next attempt is due: as the server says; else (the test server, the embedded mode) the
   * end of the last attempt plus the retry policy's interval for this attempt.
   */
  static Instant nextAttempt(PendingActivityInfo info, RetryPolicy policy) {
    if (info.hasNextAttemptScheduleTime()) return instant(info.getNextAttemptScheduleTime());
    if (info.getAttempt() < 2 || !info.hasLastAttemptCompleteTime()) return null;
    Instant ended = instant(info.getLastAttemptCompleteTime());
    if (info.hasCurrentRetryInterval()) return ended.plus(duration(info.getCurrentRetryInterval()));
    if (policy == null || !policy.hasInitialInterval()) return null;
    double coefficient = policy.getBackoffCoefficient() <= 0 ? 2.0 : policy.getBackoffCoefficient();
    double millis = Durations.toMillis(policy.getInitialInterval()) * Math.pow(coefficient, info.getAttempt() - 2);
    if (policy.hasMaximumInterval() && Durations.toMillis(policy.getMaximumInterval()) > 0) {
      millis = Math.min(millis, Durations.toMillis(policy.getMaximumInterval()));
    }
    return ended.plusMillis((long) millis);
  }

  private static Duration duration(com.google.protobuf.Duration d) {
    return Duration.ofMillis(Durations.toMillis(d));
  }

  private static Instant instant(Timestamp t) {
    return t == null || Timestamps.toMillis(t) == 0 ? null : Instant.ofEpochMilli(Timestamps.toMillis(t));
  }
}
