package io.abmsequencer.activities.email;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a send activity: an id no other attempt has (what owns the ledger row's lease), and,
 * inside a Temporal activity, a heartbeat every {@link #HEARTBEAT_EVERY} from start to end — through
 * the wait for a send slot, the SMTP transaction and the recording of its outcome, none of which
 * reports progress of its own. A worker that dies stops heartbeating, so Temporal retries its sends
 * after the heartbeat timeout instead of the 2-minute start-to-close timeout; and an attempt Temporal
 * has given up on (timed out, cancelled) learns it from the refused heartbeat and does not start an
 * SMTP transaction the workflow no longer waits for. Outside an activity (tests, tools) there are no
 * heartbeats. The SDK throttles what reaches the server to a fraction of the heartbeat timeout.
 */
public final class SendAttempt implements AutoCloseable {
  static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(SendAttempt.class);

  private final String id;
  private final ActivityExecutionContext activity;
  private final ScheduledFuture<?> heartbeats;
  private volatile String givenUp;

  SendAttempt(ScheduledExecutorService timer) {
    this.activity = currentActivity();
    String unique = UUID.randomUUID().toString();
    if (activity == null) {
      this.id = unique;
      this.heartbeats = null;
    } else {
      ActivityInfo info = activity.getInfo();
      this.id = info.getWorkflowId() + "/" + info.getActivityId() + "#" + info.getAttempt() + "/" + unique;
      this.heartbeats = timer.scheduleWithFixedDelay(
          this::heartbeat, 0, HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The activity this thread runs, or null outside one (the SDK says so only by throwing). */
  private static ActivityExecutionContext currentActivity() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private void heartbeat() {
    if (givenUp != null) return;
    try {
      activity.heartbeat(null);
    } catch (ActivityCompletionException e) {
      givenUp = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      log.info("{}: Temporal no longer waits for this attempt ({})", id, givenUp);
    } catch (RuntimeException e) {
      log.warn("{}: heartbeat failed: {}", id, e.getMessage());
    }
  }

  /** Unique to this attempt: the owner of the ledger row's lease. */
  public String id() {
    return id;
  }

  /** Why Temporal no longer waits for this attempt (its heartbeat was refused), or null while it does. */
  public String givenUp() {
    return givenUp;
  }

  @Override
  public void close() {
    if (heartbeats != null) heartbeats.cancel(false);
  }
}
