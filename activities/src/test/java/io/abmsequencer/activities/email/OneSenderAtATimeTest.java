package io.abmsequencer.activities.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Two attempts of one send while the first is stuck inside its SMTP transaction — as when a server
 * stalls past the activity's timeout and Temporal starts the next attempt. Send slots to spare (the
 * default 16), so only the row's lease stands between the second attempt and a second copy; a
 * 3-second lease, so the waits are seconds.
 */
@TestPropertySource(properties = "abm.mail.send-lease=3s")
class OneSenderAtATimeTest extends HeldTransactionTest {

  @Autowired JdbcClient jdbc;

  /**
   * The second attempt finds the row's lease held, sends nothing and fails retryably. When the first
   * finishes, the touch is SENT and every later attempt returns that: the server received it once.
   */
  @Test
  void aSecondAttemptWhileTheFirstIsStillSendingSendsNothing() throws Exception {
    EmailTouch touch = touch("twice", "ana");
    Future<TouchResult> first = sendAndHold(touch);

    ApplicationFailure second = catchThrowableOfType(ApplicationFailure.class, () -> held.send(touch));

    assertThat(second.getType()).isEqualTo(SmtpEmailChannel.BUSY);
    assertThat(second.isNonRetryable()).isFalse();
    assertThat(second.getOriginalMessage()).contains("another attempt is sending");
    assertThat(server.messagesReceived.get()).isEqualTo(1);

    release.countDown();
    TouchResult sent = first.get(30, TimeUnit.SECONDS);
    TouchResult third = held.send(touch);

    assertThat(sent.status()).isEqualTo(TouchStatus.SENT);
    assertThat(third).isEqualTo(sent);
    assertThat(server.delivered).containsExactly(sent.messageId());
    assertThat(server.messagesReceived.get()).isEqualTo(1);
  }

  /** The first attempt renews its lease while it lives: well past the lease's own length (two renewals seen), a new attempt is still refused. */
  @Test
  void theLeaseIsRenewedForAsLongAsTheAttemptLives() throws Exception {
    EmailTouch touch = touch("renewed", "bo");
    Future<TouchResult> first = sendAndHold(touch);
    Instant leasedUntil = leaseUntil(touch.key());

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> leaseUntil(touch.key()).isAfter(leasedUntil.plusSeconds(3)));
    ApplicationFailure late = catchThrowableOfType(ApplicationFailure.class, () -> held.send(touch));

    assertThat(late.getType()).isEqualTo(SmtpEmailChannel.BUSY);
    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(TouchStatus.SENT);
    assertThat(server.delivered).hasSize(1);
  }

  private Instant leaseUntil(TouchKey key) {
    return jdbc.sql("select lease_until from touches where touch_key = :k").param("k", key.value())
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
        .single();
  }
}
