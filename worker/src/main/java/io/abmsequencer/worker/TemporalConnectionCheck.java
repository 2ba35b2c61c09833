package io.abmsequencer.worker;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Fails the start when Temporal cannot be reached, naming the property to fix: the Temporal client
 * connects lazily, so without this a wrong target shows up only as workers that never poll.
 *
 * <p>It asks for {@code abm.temporal.connect-wait} (default 60 s) before giving up: a worker started
 * beside a Temporal that is still starting (compose brings both up at once), or on a machine so busy
 * that one answer takes longer than a call's deadline, waits rather than dies in a restart loop.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TemporalConnectionCheck implements ApplicationRunner {
  public static final String WAIT_PROPERTY = "abm.temporal.connect-wait";
  private static final Logger log = LoggerFactory.getLogger(TemporalConnectionCheck.class);
  private static final Duration ATTEMPT = Duration.ofSeconds(10);

  private final WorkflowServiceStubs stubs;
  private final Duration wait;

  @Autowired
  public TemporalConnectionCheck(WorkflowServiceStubs stubs, Environment environment) {
    this(stubs, environment.getProperty(WAIT_PROPERTY, Duration.class, Duration.ofSeconds(60)));
  }

  TemporalConnectionCheck(WorkflowServiceStubs stubs, Duration wait) {
    this.stubs = stubs;
    this.wait = wait;
  }

  @Override
  public void run(ApplicationArguments args) {
    check();
  }

  /** Returns once Temporal answers; throws {@link TemporalUnreachableException} after the wait. */
  public void check() {
    Instant giveUp = Instant.now().plus(wait);
    long pauseMillis = 500;
    for (int attempt = 1; ; attempt++) {
      try {
        long left = Math.max(1_000, Duration.between(Instant.now(), giveUp).toMillis());
        stubs.blockingStub().withDeadlineAfter(Math.min(ATTEMPT.toMillis(), left), TimeUnit.MILLISECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        if (attempt > 1) log.info("Temporal at {} answered (attempt {})", stubs.getOptions().getTarget(), attempt);
        return;
      } catch (RuntimeException e) {
        if (!Instant.now().plusMillis(pauseMillis).isBefore(giveUp)) {
          throw new TemporalUnreachableException(stubs.getOptions().getTarget(), e);
        }
        log.warn("Waiting for Temporal at {} ({}; giving up after {} s, {})", stubs.getOptions().getTarget(),
            e.getMessage(), wait.toSeconds(), WAIT_PROPERTY);
        sleep(pauseMillis);
        pauseMillis = Math.min(pauseMillis * 2, 5_000);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Temporal", e);
    }
  }
}
