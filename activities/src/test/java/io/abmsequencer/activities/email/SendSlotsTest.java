package io.abmsequencer.activities.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The bounded wait for a send slot, and the last look at the suppression list after it. The held
 * send keeps the only slot; the wait is 2 seconds, so the waits in here are seconds.
 */
@TestPropertySource(properties = {"abm.mail.max-parallel-sends=1", "abm.mail.send-slot-wait=2s"})
class SendSlotsTest extends HeldTransactionTest {

  @Autowired SuppressionList suppressions;

  /**
   * A touch waits for the one send slot; meanwhile its contact unsubscribes. It was checked against
   * the suppression list before the wait and is checked again inside its lease, right before the
   * SMTP transaction: it ends SUPPRESSED and the server never hears of it.
   */
  @Test
  void anOptOutRecordedWhileTheTouchWaitsForASlotIsHonoured() throws Exception {
    Future<TouchResult> slotHolder = sendAndHold(touch("slot", "cy"));
    EmailTouch waiting = touch("slot", "dee");
    Future<TouchResult> waiter = threads.submit(() -> held.send(waiting));
    await().atMost(Duration.ofSeconds(30)).until(() -> ledger.find(waiting.key()).isPresent());

    suppressions.suppress(Channel.EMAIL, "dee@acme.example", SuppressionReason.UNSUBSCRIBED, "link", "recipient");
    release.countDown();

    TouchResult result = waiter.get(30, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(TouchStatus.SUPPRESSED);
    assertThat(result.detail()).contains("while the e-mail waited");
    assertThat(slotHolder.get(30, TimeUnit.SECONDS).status()).isEqualTo(TouchStatus.SENT);
    assertThat(server.messagesReceived.get()).as("only the slot holder's message reached the server").isEqualTo(1);
    assertThat(ledger.find(waiting.key()).orElseThrow().status()).isEqualTo("SUPPRESSED");
  }

  /** No slot within the bounded wait: the touch fails retryably, keeps its row, and goes out on the next attempt. */
  @Test
  void noSlotInTimeIsRetryableAndTheNextAttemptSends() throws Exception {
    Future<TouchResult> slotHolder = sendAndHold(touch("busy", "eve"));
    EmailTouch waiting = touch("busy", "fay");

    ApplicationFailure busy = catchThrowableOfType(ApplicationFailure.class, () -> held.send(waiting));

    assertThat(busy.getType()).isEqualTo(SmtpEmailChannel.BUSY);
    assertThat(busy.isNonRetryable()).isFalse();
    TouchRow pending = ledger.find(waiting.key()).orElseThrow();
    assertThat(pending.status()).isEqualTo(TouchRow.SENDING);
    assertThat(pending.detail()).contains("no send slot came free");
    release.countDown();
    slotHolder.get(30, TimeUnit.SECONDS);

    assertThat(held.send(waiting).status()).isEqualTo(TouchStatus.SENT);
    assertThat(server.delivered).hasSize(2);
  }
}
