package io.abmsequencer.activities.email;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.abmsequencer.activities.testsupport.MutableClock;
import io.abmsequencer.activities.testsupport.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The sending caps against real PostgreSQL and SMTP. Time passes by moving the caps' clock and the
 * ledger rows' {@code created_at}, never by sleeping. Every test uses its own senders and contacts.
 */
@TestPropertySource(properties = {
  "abm.mail.caps.per-sender-per-day=2",
  "abm.mail.caps.zone=America/New_York",
  "abm.mail.caps.per-contact=2",
  "abm.mail.caps.per-contact-window=7d"
})
@Import(SendingCapsTest.Clocks.class)
class SendingCapsTest extends DatabaseTest {
  @RegisterExtension static final TestSmtp smtp = TestSmtp.onFreePort();
  /** 10:00 in New York. */
  private static final Instant WEDNESDAY = Instant.parse("2027-01-13T15:00:00Z");

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    smtp.register(registry);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocks {
    @Bean
    MutableClock capsClock() {
      return new MutableClock(WEDNESDAY);
    }
  }

  @Autowired SmtpEmailChannel channel;
  @Autowired MutableClock clock;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @Autowired JavaMailSender mailSender;

  private final Account acme = new Account("acme", "Acme", "acme.example", "Fintech");

  @Test
  void theSenderCapDefersToMidnightInItsZoneAndTheKeyGoesOutThen() {
    clock.set(WEDNESDAY);
    String sam = "sam@acme-sales.example";
    EmailTouch first = touch("wf-sam", "s1", "sam-1", sam);
    double deferralsBefore = deferrals("per-sender");

    TouchResult sent = channel.send(first);
    channel.send(touch("wf-sam", "s1", "sam-2", sam));
    EmailTouch third = touch("wf-sam", "s1", "sam-3", sam);
    TouchResult deferred = channel.send(third);

    Instant midnightInNewYork = Instant.parse("2027-01-14T05:00:00Z");
    assertThat(deferred).isEqualTo(TouchResult.deferred(midnightInNewYork,
        "per-sender cap: 2 e-mails from sam@acme-sales.example on 2027-01-13 (America/New_York); next slot 2027-01-14T05:00Z"));
    assertThat(ledger.find(third.key())).as("no row: the key stays sendable").isEmpty();
    assertThat(smtp.from(sam)).hasSize(2);
    assertThat(deferrals("per-sender") - deferralsBefore).isEqualTo(1.0);
    assertThat(channel.send(first)).as("a sent key returns its result, never counted again").isEqualTo(sent);

    clock.set(midnightInNewYork.minusSeconds(1));
    assertThat(channel.send(third).status()).isEqualTo(TouchStatus.DEFERRED);

    clock.set(midnightInNewYork);
    TouchResult later = channel.send(third);
    TouchResult again = channel.send(third);

    assertThat(later.status()).isEqualTo(TouchStatus.SENT);
    assertThat(again).isEqualTo(later);
    assertThat(smtp.from(sam)).hasSize(3);
    assertThat(ledger.find(third.key()).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void thePerContactCapCountsEverySequenceOverASlidingWindow() {
    clock.set(WEDNESDAY);
    String dana = "dana@globex.example";
    EmailTouch fromA = touch("wf-a", "opener", dana, "ana@acme-sales.example");
    EmailTouch fromB = touch("wf-b", "opener", dana, "ben@acme-sales.example");
    assertThat(channel.send(fromA).status()).isEqualTo(TouchStatus.SENT);
    assertThat(channel.send(fromB).status()).isEqualTo(TouchStatus.SENT);
    // As if they had gone out on Friday and on Tuesday.
    sentAt(fromA.key(), Instant.parse("2027-01-08T09:12:00Z"));
    sentAt(fromB.key(), Instant.parse("2027-01-12T10:00:00Z"));

    EmailTouch followUp = touch("wf-a", "follow-up", dana, "carl@acme-sales.example");
    TouchResult deferred = channel.send(followUp);

    assertThat(deferred).isEqualTo(TouchResult.deferred(Instant.parse("2027-01-15T09:12:00Z"),
        "per-contact cap: 2 e-mails in the last 7 days; next slot 2027-01-15T09:12Z"));
    assertThat(ledger.find(followUp.key())).isEmpty();

    clock.set(Instant.parse("2027-01-15T09:12:00Z"));
    assertThat(channel.send(followUp).status()).isEqualTo(TouchStatus.SENT);
    assertThat(channel.send(followUp).status()).isEqualTo(TouchStatus.SENT);
    assertThat(smtp.from("carl@acme-sales.example")).hasSize(1);

    // The window slides: Tuesday's e-mail and today's fill it until Tuesday's leaves.
    TouchResult next = channel.send(touch("wf-b", "follow-up", dana, "ben@acme-sales.example"));
    assertThat(next.status()).isEqualTo(TouchStatus.DEFERRED);
    assertThat(next.notBefore()).isEqualTo(Instant.parse("2027-01-19T10:00:00Z"));
  }

  @Test
  void twoSendsRacingForTheLastSlotSendOne() throws Exception {
    clock.set(WEDNESDAY);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        String sender = "racer" + round + "@acme-sales.example";
        assertThat(channel.send(touch("wf-race", "s" + round, "r" + round + "-first", sender)).status()).isEqualTo(TouchStatus.SENT);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<TouchResult>> racers = List.of("a", "b").stream()
            .map(who -> threads.submit(() -> {
              EmailTouch touch = touch("wf-race-" + who, "s" + who, "r" + who + "-" + sender, sender);
              start.await();
              return channel.send(touch);
            }))
            .toList();

        List<TouchStatus> outcomes = List.of(racers.get(0).get().status(), racers.get(1).get().status());

        assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(TouchStatus.SENT, TouchStatus.DEFERRED);
        assertThat(smtp.from(sender)).hasSize(2);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aSendingRowHoldsItsSlotAndItsRetryIsNotDeferred() throws Exception {
    clock.set(WEDNESDAY);
    String rita = "rita@acme-sales.example";
    EmailTouch crashed = touch("wf-rita", "s1", "rita-1", rita);
    SmtpEmailChannel dying = channel.through(new CrashAfterSend(mailSender, 1));
    catchThrowableOfType(CrashAfterSend.WorkerDied.class, () -> dying.send(crashed));
    assertThat(channel.send(touch("wf-rita", "s1", "rita-2", rita)).status()).isEqualTo(TouchStatus.SENT);

    TouchResult third = channel.send(touch("wf-rita", "s1", "rita-3", rita));
    TouchResult retry = channel.send(crashed);

    assertThat(third.status()).as("the SENDING row is a reservation").isEqualTo(TouchStatus.DEFERRED);
    assertThat(retry.status()).isEqualTo(TouchStatus.SENT);
    TouchRow row = ledger.find(crashed.key()).orElseThrow();
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(row.sender()).isEqualTo(rita);
    assertThat(smtp.from(rita)).hasSize(3);
  }

  private void sentAt(TouchKey key, Instant at) {
    jdbc.sql("update touches set created_at = :at, sent_at = :at where touch_key = :key")
        .param("at", Sql.ts(at))
        .param("key", key.value())
        .update();
  }

  private double deferrals(String reason) {
    Counter counter = meters.find("abm.deferrals").tag("channel", "EMAIL").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /** @param contact an e-mail address, or a name that becomes one at globex.example */
  private EmailTouch touch(String workflowId, String step, String contact, String owner) {
    String email = contact.contains("@") ? contact : contact + "@globex.example";
    String contactId = "c-" + Integer.toHexString(email.hashCode());
    Contact person = new Contact(contactId, email, "Pat", "Doe", "CFO", Role.CHAMPION, null, "America/New_York", false);
    return new EmailTouch(
        new TouchKey(workflowId, "pb@1/" + step, contactId), acme, person, owner, "Hello {{firstName}}",
        "Hi {{firstName}}, https://acme-sales.example/guide");
  }
}
