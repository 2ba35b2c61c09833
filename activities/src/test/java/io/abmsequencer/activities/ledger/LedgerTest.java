package io.abmsequencer.activities.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class LedgerTest extends DatabaseTest {
  @Autowired Ledger ledger;
  @Autowired TouchQueries touches;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  @Test
  void beginClaimsAKeyOnceAndCountsAttemptsWhileSending() {
    TouchKey key = new TouchKey("abm-new-logo-acme", "enterprise@1/intro", "c1");

    TouchRow first = ledger.begin(key, "acme", Channel.EMAIL, "ana@acme.example", "Hi", "Body", "<id@x>");
    TouchRow second = ledger.begin(key, "acme", Channel.EMAIL, "ana@acme.example", "Changed", "Changed", "<other@x>");

    assertThat(first.status()).isEqualTo(TouchRow.SENDING);
    assertThat(first.isFinal()).isFalse();
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.subject()).isEqualTo("Hi");
    assertThat(second.messageId()).isEqualTo("<id@x>");
  }

  @Test
  void aCompletedKeyKeepsItsFirstOutcome() {
    TouchKey key = new TouchKey("wf-complete", "pb@1/s1", "c1");
    ledger.begin(key, "acme", Channel.EMAIL, "ana@acme.example", "Hi", "Body", "<id@x>");

    TouchRow sent = ledger.complete(key, TouchStatus.SENT, null, "accepted");
    TouchRow again = ledger.complete(key, TouchStatus.BOUNCED, null, "late bounce");
    TouchRow begunAgain = ledger.begin(key, "acme", Channel.EMAIL, "ana@acme.example", "Hi", "Body", "<id@x>");

    assertThat(sent.touchStatus()).isEqualTo(TouchStatus.SENT);
    assertThat(sent.sentAt()).isNotNull();
    assertThat(sent.messageId()).isEqualTo("<id@x>");
    assertThat(again.result()).isEqualTo(sent.result());
    assertThat(begunAgain.isFinal()).isTrue();
    assertThat(begunAgain.attempts()).isEqualTo(1);
  }

  @Test
  void recordIsOneShotAndTakesOverARowStillSending() {
    TouchKey fresh = new TouchKey("wf-record", "pb@1/s1", "c1");
    Ledger.Recorded first = ledger.record(fresh, "acme", Channel.SMS, TouchStatus.DRY_RUN, "+1555", null, "Hi", "dry");
    Ledger.Recorded second = ledger.record(fresh, "acme", Channel.SMS, TouchStatus.SKIPPED, "+1555", null, "Hi", "x");
    assertThat(first.applied()).isTrue();
    assertThat(second.applied()).isFalse();
    assertThat(second.row().result()).isEqualTo(first.row().result());

    TouchKey retried = new TouchKey("wf-record", "pb@1/s2", "c1");
    ledger.begin(retried, "acme", Channel.EMAIL, "ana@acme.example", "Hi", "Body");
    Ledger.Recorded suppressed =
        ledger.record(retried, "acme", Channel.EMAIL, TouchStatus.SUPPRESSED, "ana@acme.example", null, null, "unsub");
    assertThat(suppressed.applied()).isTrue();
    assertThat(suppressed.row().touchStatus()).isEqualTo(TouchStatus.SUPPRESSED);
    assertThat(suppressed.row().subject()).isEqualTo("Hi");
  }

  @Test
  void theLeaseOfASendingRowGoesToOneAttemptAtATime() {
    TouchKey key = new TouchKey("wf-lease", "pb@1/s1", "c1");
    ledger.begin(key, "acme", Channel.EMAIL, "ana@acme.example", "Hi", "Body", "<id@x>");
    Duration length = Duration.ofSeconds(30);

    Ledger.Lease first = ledger.takeLease(key, "attempt-1", length);
    Ledger.Lease second = ledger.takeLease(key, "attempt-2", length);

    assertThat(first.held()).isTrue();
    assertThat(second.held()).isFalse();
    assertThat(second.holder()).isEqualTo("attempt-1");
    assertThat(second.until()).isNotNull();
    assertThat(second.row().isFinal()).isFalse();
    assertThat(ledger.takeLease(key, "attempt-1", length).held()).as("its own lease, again").isTrue();
    assertThat(ledger.renewLease(key, "attempt-2", length)).as("only the holder renews").isFalse();
    assertThat(ledger.renewLease(key, "attempt-1", length)).isTrue();

    // A lease that ran out (its worker died) goes to the next attempt; a released one at once.
    ledger.takeLease(key, "attempt-1", Duration.ofSeconds(-1));
    assertThat(ledger.takeLease(key, "attempt-3", length).held()).isTrue();
    ledger.releaseLease(key, "attempt-1");
    assertThat(ledger.takeLease(key, "attempt-4", length).held()).as("another's release changes nothing").isFalse();
    ledger.releaseLease(key, "attempt-3");
    assertThat(ledger.takeLease(key, "attempt-4", length).held()).isTrue();

    // An outcome ends it: the next attempt finds the outcome, not a lease.
    ledger.complete(key, TouchStatus.SENT, null, "accepted");
    Ledger.Lease after = ledger.takeLease(key, "attempt-5", length);
    assertThat(after.held()).isFalse();
    assertThat(after.row().isFinal()).isTrue();
    assertThat(after.holder()).isNull();
  }

  @Test
  void concurrentBeginsOnOneKeyMakeOneRow() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        TouchKey key = new TouchKey("wf-race", "pb@1/s" + round, "c1");
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<TouchRow>> calls =
            List.of(
                threads.submit(() -> {
                  start.await();
                  return ledger.begin(key, "acme", Channel.EMAIL, "a@acme.example", "s", "b");
                }),
                threads.submit(() -> {
                  start.await();
                  return ledger.begin(key, "acme", Channel.EMAIL, "a@acme.example", "s", "b");
                }));
        List<Integer> attempts = List.of(calls.get(0).get().attempts(), calls.get(1).get().attempts());
        assertThat(attempts).containsExactlyInAnyOrder(1, 2);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(jdbc.sql("select count(*) from touches where workflow_id = 'wf-race'").query(Long.class).single())
        .isEqualTo(20);
  }

  @Test
  void timelineIsNewestFirstAndCountsAndMetersFollowOutcomes() {
    double sentBefore = counter(Channel.EMAIL, "SENT");
    TouchKey a = new TouchKey("wf-timeline", "pb@1/a", "c1");
    TouchKey b = new TouchKey("wf-timeline", "pb@1/b", "c1");
    ledger.begin(a, "acme", Channel.EMAIL, "x@acme.example", "A", "A");
    ledger.complete(a, TouchStatus.SENT, "<a@x>", null);
    ledger.begin(b, "acme", Channel.EMAIL, "x@acme.example", "B", "B");

    assertThat(touches.forWorkflow("wf-timeline")).extracting(TouchRow::subject).containsExactly("B", "A");
    assertThat(touches.countByStatus(Channel.SMS)).doesNotContainKey("SENDING");
    assertThat(touches.countByStatus()).containsKeys("SENDING", "SENT");
    assertThat(counter(Channel.EMAIL, "SENT") - sentBefore).isEqualTo(1.0);
  }

  @Test
  void aTouchIsFoundByItsProviderMessageId() {
    TouchKey key = new TouchKey("wf-sid", "pb@1/text", "c1");
    ledger.begin(key, "acme", Channel.SMS, "+14155550100", "+14155550199", null, "Hi", null, null);
    ledger.complete(key, TouchStatus.SENT, "SM0123456789abcdef0123456789abcdef", "accepted by Twilio");

    assertThat(ledger.findByMessageId("SM0123456789abcdef0123456789abcdef")).map(TouchRow::touchKey).contains(key.value());
    assertThat(ledger.findByMessageId("SMffffffffffffffffffffffffffffffff")).isEmpty();
    assertThat(ledger.findByMessageId(null)).isEmpty();
  }

  @Test
  void deliveryReportsMoveForwardOnlyAndNeverChangeTheOutcome() {
    TouchKey key = new TouchKey("wf-delivery", "pb@1/text", "c1");
    String sid = "SM00000000000000000000000000000d11";
    ledger.begin(key, "acme", Channel.SMS, "+14155550100", "+14155550199", null, "Hi", null, null);
    TouchRow sent = ledger.complete(key, TouchStatus.SENT, sid, "accepted by Twilio");

    TouchRow queued = ledger.updateDeliveryStatus(sid, "queued", null).orElseThrow();
    TouchRow delivered = ledger.updateDeliveryStatus(sid, "delivered", null).orElseThrow();
    TouchRow lateSent = ledger.updateDeliveryStatus(sid, "sent", null).orElseThrow();
    TouchRow undelivered = ledger.updateDeliveryStatus(sid, "undelivered", "30003 Unreachable destination handset").orElseThrow();

    assertThat(queued.providerStatus()).isEqualTo("queued");
    assertThat(queued.providerStatusAt()).isNotNull();
    assertThat(delivered.providerStatus()).isEqualTo("delivered");
    assertThat(lateSent.providerStatus()).isEqualTo("delivered");
    assertThat(undelivered.providerStatus()).isEqualTo("undelivered");
    assertThat(undelivered.providerDetail()).isEqualTo("30003 Unreachable destination handset");
    assertThat(List.of(queued, delivered, lateSent, undelivered)).allSatisfy(row -> {
      assertThat(row.result()).isEqualTo(sent.result());
      assertThat(row.sentAt()).isEqualTo(sent.sentAt());
    });
    assertThat(ledger.begin(key, "acme", Channel.SMS, "+14155550100", "+14155550199", null, "Hi", null, null).isFinal())
        .isTrue();
    assertThat(ledger.updateDeliveryStatus("SM-unknown", "delivered", null)).isEmpty();
  }

  private double counter(Channel channel, String status) {
    var counter = meters.find("abm.touches").tag("channel", channel.name()).tag("status", status).counter();
    return counter == null ? 0 : counter.count();
  }
}
