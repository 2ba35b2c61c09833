package io.abmsequencer.activities.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.Suppression;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.activities.testsupport.ScriptedSmtpServer;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What a refusal does, against a real SMTP peer that answers with the reply a real server gives:
 * only a mailbox that is gone suppresses the address; a policy refusal (relay access denied, DMARC)
 * fails the touch, keeps the address, counts, and a burst of them pauses the sender.
 */
class SmtpRefusalsTest extends DatabaseTest {
  static final String RELAY_DENIED = "554 5.7.1 <ana@acme.example>: Relay access denied";
  static final String DMARC = "550 5.7.26 Unauthenticated email from acme-sales.example is not accepted due to domain's DMARC policy";
  static final String JANE = "jane.doe@acme-sales.example";
  static final String ZOE = "zoe@acme-sales.example";

  @Autowired SmtpEmailChannel channel;
  @Autowired Ledger ledger;
  @Autowired SuppressionList suppressions;
  @Autowired SenderPauses pauses;
  @Autowired MeterRegistry meters;
  @Autowired JdbcClient jdbc;

  private final Account acme = new Account("acme", "Acme", "acme.example", "Fintech");

  @Test
  void aMailboxThatIsGoneBouncesIsSuppressedAndAudited() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.refusingRecipients(ScriptedSmtpServer.UNKNOWN_USER)) {
      SmtpEmailChannel refusing = channel.through(sender(server, null));
      EmailTouch touch = touch("bounce", contact("gone", "gone@acme.example"), "jane");

      TouchResult result = refusing.send(touch);
      TouchResult again = refusing.send(touch);

      assertThat(result.status()).isEqualTo(TouchStatus.BOUNCED);
      assertThat(result.detail()).isEqualTo(ScriptedSmtpServer.UNKNOWN_USER);
      assertThat(again).isEqualTo(result);
      assertThat(server.recipientCommands.get()).isEqualTo(1);
      Suppression suppression = suppressions.find(Channel.EMAIL, "gone@acme.example").orElseThrow();
      assertThat(suppression.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
      assertThat(suppression.detail()).startsWith("550 5.1.1");
      assertThat(ledger.find(touch.key()).orElseThrow().status()).isEqualTo("BOUNCED");
      // Audited like every other suppression: who (the SMTP server at send time), why, once.
      assertThat(audit("gone@acme.example")).containsExactly("EMAIL|ADDED|HARD_BOUNCE|" + ScriptedSmtpServer.UNKNOWN_USER + "|smtp");
    }
  }

  @Test
  void aDisabledMailboxBouncesToo() throws Exception {
    String disabled = "550 5.2.1 <off@acme.example>: mailbox disabled, not accepting messages";
    try (ScriptedSmtpServer server = ScriptedSmtpServer.refusingRecipients(disabled)) {
      TouchResult result = channel.through(sender(server, null)).send(touch("disabled", contact("off", "off@acme.example"), "jane"));

      assertThat(result.status()).isEqualTo(TouchStatus.BOUNCED);
      assertThat(suppressions.isSuppressed(Channel.EMAIL, "off@acme.example")).isTrue();
    }
  }

  /**
   * A misconfigured relay answers every recipient {@code 554 5.7.1 Relay access denied}: before, each
   * contact it touched was suppressed for ever. Now each touch fails with the server's words, nobody
   * is suppressed, every refusal is counted for an alert, and the third one pauses the sender: its
   * next e-mail waits (no SMTP conversation at all) while another sender's still goes out.
   */
  @Test
  void relayAccessDeniedFailsTheTouchKeepsTheAddressAndABurstPausesTheSender() throws Exception {
    double blocksBefore = count("abm.policy.blocks", "sender", JANE);
    try (ScriptedSmtpServer relay = ScriptedSmtpServer.refusingRecipients(RELAY_DENIED)) {
      SmtpEmailChannel misconfigured = channel.through(sender(relay, null));
      for (String name : List.of("ana", "bo", "cy")) {
        EmailTouch touch = touch("relay", contact(name, name + "@acme.example"), "jane");

        ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> misconfigured.send(touch));

        assertThat(failure.getType()).isEqualTo(SmtpEmailChannel.POLICY_BLOCKED);
        assertThat(failure.isNonRetryable()).isTrue();
        TouchRow row = ledger.find(touch.key()).orElseThrow();
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.detail()).contains(RELAY_DENIED);
        assertThat(suppressions.isSuppressed(Channel.EMAIL, name + "@acme.example")).as(name).isFalse();
      }
      assertThat(relay.recipientCommands.get()).isEqualTo(3);
      assertThat(count("abm.policy.blocks", "sender", JANE) - blocksBefore).isEqualTo(3.0);
      assertThat(count("abm.sender.pauses", "sender", JANE)).isEqualTo(1.0);
      SenderPauses.Pause pause = pauses.find(JANE).orElseThrow();
      assertThat(pause.blocks()).isEqualTo(3);
      assertThat(pause.lastReply()).isEqualTo(RELAY_DENIED);

      EmailTouch waiting = touch("relay", contact("dee", "dee@acme.example"), "jane");
      TouchResult deferred = misconfigured.send(waiting);

      assertThat(deferred.status()).isEqualTo(TouchStatus.DEFERRED);
      assertThat(deferred.notBefore()).isNotNull();
      assertThat(deferred.detail()).contains("paused", RELAY_DENIED);
      assertThat(relay.recipientCommands.get()).as("a paused sender talks to no server").isEqualTo(3);
      assertThat(ledger.find(waiting.key())).as("a deferred touch holds no row").isEmpty();

      // Another sender mailbox is not paused by jane's refusals: zoe's e-mail goes out meanwhile.
      try (ScriptedSmtpServer fine = ScriptedSmtpServer.accepting()) {
        TouchResult zoes = channel.through(sender(fine, null)).send(touch("relay", contact("gil", "gil@acme.example"), "zoe"));
        assertThat(zoes.status()).isEqualTo(TouchStatus.SENT);
        assertThat(fine.delivered).hasSize(1);
      }

      // Fixed and resumed: jane's e-mails go out again, and one refusal after the resume does not re-pause.
      assertThat(pauses.resume(JANE, "ops.olga")).isTrue();
      assertThat(pauses.paused()).isEmpty();
      catchThrowableOfType(ApplicationFailure.class, () -> misconfigured.send(touch("after", contact("eve", "eve@acme.example"), "jane")));
      assertThat(pauses.find(JANE)).as("refusals before the resume do not count").isEmpty();
    }
  }

  @Test
  void aDmarcRefusalAtTheEndOfDataIsAPolicyBlockNotABounce() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.refusingMessages(DMARC)) {
      EmailTouch touch = touch("dmarc", contact("fay", "fay@acme.example"), "zoe");

      ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> channel.through(sender(server, null)).send(touch));

      assertThat(failure.getType()).isEqualTo(SmtpEmailChannel.POLICY_BLOCKED);
      assertThat(ledger.find(touch.key()).orElseThrow().detail()).contains(DMARC);
      assertThat(suppressions.isSuppressed(Channel.EMAIL, "fay@acme.example")).isFalse();
      assertThat(jdbc.sql("select count(*) from policy_blocks where sender = :s").param("s", ZOE).query(Integer.class).single())
          .isEqualTo(1);
    }
  }

  @Test
  void anotherPermanentRecipientRefusalFailsWithoutSuppressing() throws Exception {
    String other = "552 5.2.2 <full@acme.example>: mailbox full";
    try (ScriptedSmtpServer server = ScriptedSmtpServer.refusingRecipients(other)) {
      EmailTouch touch = touch("full", contact("full", "full@acme.example"), "jane");

      ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> channel.through(sender(server, null)).send(touch));

      assertThat(failure.getType()).isEqualTo(SmtpEmailChannel.REJECTED);
      assertThat(ledger.find(touch.key()).orElseThrow().status()).isEqualTo("FAILED");
      assertThat(suppressions.isSuppressed(Channel.EMAIL, "full@acme.example")).isFalse();
    }
  }

  @Test
  void aRefusedLoginIsNotRetried() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.refusingLogins()) {
      EmailTouch touch = touch("auth", contact("dee", "dee@acme.example"), "jane");

      ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> channel.through(sender(server, "apikey")).send(touch));

      assertThat(failure.getType()).isEqualTo("EmailProviderRejected");
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(ledger.find(touch.key()).orElseThrow().status()).isEqualTo("FAILED");
      assertThat(ledger.find(touch.key()).orElseThrow().detail()).contains("authentication failed");
      assertThat(suppressions.isSuppressed(Channel.EMAIL, "dee@acme.example")).isFalse();
    }
  }

  /** channel|action|reason|note|by of every audit line about the address, oldest first. */
  private List<String> audit(String address) {
    return jdbc.sql("select channel, action, reason, note, done_by from suppression_audit where address = :a order by id")
        .param("a", address)
        .query((rs, n) -> String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .list();
  }

  static JavaMailSenderImpl sender(ScriptedSmtpServer server, String user) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(server.port());
    if (user != null) {
      sender.setUsername(user);
      sender.setPassword("wrong");
    }
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
    sender.getJavaMailProperties().put("mail.smtp.timeout", "30000");
    return sender;
  }

  private double count(String meter, String tag, String value) {
    Counter counter = meters.find(meter).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  private EmailTouch touch(String step, Contact contact, String owner) {
    return new EmailTouch(new TouchKey("abm-new-logo-acme", "enterprise@1/" + step, contact.id()), acme, contact, owner, "Hello", "Body");
  }

  private static Contact contact(String id, String email) {
    return new Contact(id, email, id, "Test", "CFO", Role.CHAMPION, null, "Europe/Berlin", false);
  }
}
