package io.abmsequencer.activities.email;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.abmsequencer.activities.testsupport.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
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
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The e-mail channel against a real SMTP peer (GreenMail); refusals are in {@link SmtpRefusalsTest}. */
class SmtpEmailChannelTest extends DatabaseTest {
  @RegisterExtension static final TestSmtp smtp = TestSmtp.onFreePort();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    smtp.register(registry);
  }

  @Autowired SmtpEmailChannel channel;
  @Autowired Ledger ledger;
  @Autowired SuppressionList suppressions;
  @Autowired MeterRegistry meters;
  @Autowired LinkTokens links;
  @Autowired JavaMailSender mailSender;

  private final Account acme = new Account("acme", "Acme <script>alert(1)</script> & Co", "acme.example", "Fintech");

  @Test
  void sendsTheRenderedMessageUnderTheOwnersIdentity() throws Exception {
    Contact zoe = contact("zoe", "Zoë", "Ångström-Müller", "zoe@acme.example");
    Contact dmitri = contact("dmitri", "Дмитрий", "李", "dmitri@acme.example");
    TouchKey key = key("intro", "zoe");

    TouchResult result = channel.send(touch(key, zoe, "jane",
        "Hi {{firstName}}, a note for {{accountName}}",
        "Hi {{firstName}} {{lastName}},\n\nAs {{role}} at {{accountName}} ({{industry}})\nyou may like this.\n\nBest,\n{{ownerName}}"));
    channel.send(touch(key("intro", "dmitri"), dmitri, "zoe", "Привет {{firstName}}", "Hi {{fullName}}"));

    String expectedId = links.messageId(key, "acme-sales.example");
    assertThat(result).isEqualTo(new TouchResult(TouchStatus.SENT, expectedId, "accepted by the SMTP server"));
    assertThat(expectedId).matches("<[0-9a-f]{32}@acme-sales\\.example>");

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage first = received[0];
    InternetAddress from = (InternetAddress) first.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo("jane.doe@acme-sales.example");
    assertThat(from.getPersonal()).isEqualTo("Jane Doe");
    assertThat(((InternetAddress) first.getAllRecipients()[0]).getPersonal()).isEqualTo("Zoë Ångström-Müller");
    assertThat(first.getSubject()).isEqualTo("Hi Zoë, a note for Acme <script>alert(1)</script> & Co");
    assertThat(first.getMessageID()).isEqualTo(expectedId);
    assertThat(first.getHeader("X-ABM-Touch", null)).isEqualTo(key.value());

    assertThat(first.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) first.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
    String footer = MailFooter.DEMO_POSTAL_ADDRESS
        + "\nIf you'd rather not get these e-mails, unsubscribe here: " + links.unsubscribeUrl(key.contactId());
    assertThat(normalize((String) text.getContent())).isEqualTo(
        "Hi Zoë Ångström-Müller,\n\nAs champion at Acme <script>alert(1)</script> & Co (Fintech)\nyou may like this.\n\nBest,\nJane Doe"
            + "\n\n" + footer);
    assertThat(ledger.find(key).orElseThrow().body()).isEqualTo(normalize((String) text.getContent()));
    String htmlBody = normalize((String) html.getContent());
    assertThat(htmlBody)
        .doesNotContain("<script>")
        .contains("<p>Hi Zoë Ångström-Müller,</p>")
        .contains("Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co (Fintech)<br>")
        .contains("<p>Best,<br>\nJane Doe</p>");

    MimeMessage second = received[1];
    assertThat(second.getSubject()).isEqualTo("Привет Дмитрий");
    assertThat(((InternetAddress) second.getFrom()[0]).getPersonal()).isEqualTo("Zoë Ångström");
    assertThat(normalize((String) ((MimeMultipart) second.getContent()).getBodyPart(0).getContent()))
        .startsWith("Hi Дмитрий 李\n\n" + MailFooter.DEMO_POSTAL_ADDRESS);
  }

  @Test
  void theSameKeyIsSentOnce() {
    Contact ana = contact("ana", "Ana", "Silva", "ana@acme.example");
    EmailTouch touch = touch(key("twice", "ana"), ana, "jane", "Hello", "Body");

    TouchResult first = channel.send(touch);
    TouchResult second = channel.send(touch);

    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(second).isEqualTo(first);
    assertThat(ledger.find(touch.key()).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void aSuppressedContactGetsNothing() {
    suppressions.suppress(Channel.EMAIL, "Bo@Acme.example ", SuppressionReason.UNSUBSCRIBED, "link", "webhook");
    Contact bo = contact("bo", "Bo", "Berg", " bo@ACME.example");

    TouchResult result = channel.send(touch(key("suppressed", "bo"), bo, "jane", "Hello", "Body"));

    assertThat(result.status()).isEqualTo(TouchStatus.SUPPRESSED);
    assertThat(result.contactLost()).isTrue();
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(ledger.find(key("suppressed", "bo")).orElseThrow().status()).isEqualTo("SUPPRESSED");
  }

  @Test
  void anUnreachableServerIsRetryableAndTheRetrySendsTheSameMessageOnce() throws Exception {
    Contact cy = contact("cy", "Cy", "Ng", "cy@acme.example");
    EmailTouch touch = touch(key("outage", "cy"), cy, "jane", "Hello {{firstName}}", "Body");
    double errorsBefore = count("abm.provider.errors", "code", SmtpEmailChannel.TRANSIENT);

    smtp.stop();
    try {
      ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> channel.send(touch));
      assertThat(failure.getType()).isEqualTo("EmailTransient");
      assertThat(failure.isNonRetryable()).isFalse();
      TouchRow pending = ledger.find(touch.key()).orElseThrow();
      assertThat(pending.status()).isEqualTo(TouchRow.SENDING);
      assertThat(pending.detail()).contains("SMTP send failed");
      assertThat(count("abm.provider.errors", "code", SmtpEmailChannel.TRANSIENT) - errorsBefore).isEqualTo(1.0);
    } finally {
      smtp.start();
    }

    TouchResult retried = channel.send(touch);
    channel.send(touch);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getMessageID()).isEqualTo(links.messageId(touch.key(), "acme-sales.example"));
    assertThat(retried.status()).isEqualTo(TouchStatus.SENT);
    assertThat(retried.messageId()).isEqualTo(received[0].getMessageID());
    TouchRow row = ledger.find(touch.key()).orElseThrow();
    assertThat(row.status()).isEqualTo("SENT");
    assertThat(row.attempts()).isEqualTo(2);
  }

  /**
   * The one window the guarantee leaves: the server accepted the message, and the worker died
   * before the ledger recorded it. The retry sends a second copy with the same Message-ID and the
   * same content; after that, the key is SENT and nothing more goes out.
   */
  @Test
  void aCrashAfterTheServerAcceptedReSendsWithTheSameMessageIdOnce() throws Exception {
    Contact eve = contact("eve", "Eve", "Park", "eve@acme.example");
    EmailTouch touch = touch(key("crash", "eve"), eve, "jane",
        "Hello {{firstName}}", "Hi {{firstName}}, the report: https://acme-sales.example/report?for={{firstName}}");
    SmtpEmailChannel dying = channel.through(new CrashAfterSend(mailSender, 1));

    catchThrowableOfType(CrashAfterSend.WorkerDied.class, () -> dying.send(touch));
    assertThat(ledger.find(touch.key()).orElseThrow().status()).isEqualTo(TouchRow.SENDING);
    TouchResult retried = channel.send(touch);
    TouchResult again = channel.send(touch);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2);
    String messageId = links.messageId(touch.key(), "acme-sales.example");
    assertThat(received[0].getHeader("Message-ID")).containsExactly(messageId);
    assertThat(received[1].getHeader("Message-ID")).containsExactly(messageId);
    assertThat(TestSmtp.text(received[1])).isEqualTo(TestSmtp.text(received[0]));
    assertThat(TestSmtp.html(received[1])).isEqualTo(TestSmtp.html(received[0]));
    assertThat(retried).isEqualTo(new TouchResult(TouchStatus.SENT, messageId, "accepted by the SMTP server"));
    assertThat(again).isEqualTo(retried);
    TouchRow row = ledger.find(touch.key()).orElseThrow();
    assertThat(row.status()).isEqualTo("SENT");
    assertThat(row.attempts()).isEqualTo(2);
  }

  @Test
  void aMalformedAddressBouncesWithoutAConversation() {
    Contact broken = contact("broken", "Bro", "Ken", "broken@@acme");

    TouchResult result = channel.send(touch(key("malformed", "broken"), broken, "jane", "Hello", "Body"));

    assertThat(result.status()).isEqualTo(TouchStatus.BOUNCED);
    assertThat(result.detail()).startsWith("invalid address");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  private double count(String meter, String tag, String value) {
    Counter counter = meters.find(meter).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  private static TouchKey key(String step, String contactId) {
    return new TouchKey("abm-new-logo-acme", "enterprise@1/" + step, contactId);
  }

  private EmailTouch touch(TouchKey key, Contact contact, String owner, String subject, String body) {
    return new EmailTouch(key, acme, contact, owner, subject, body);
  }

  private static Contact contact(String id, String first, String last, String email) {
    return new Contact(id, email, first, last, "CFO", Role.CHAMPION, null, "Europe/Berlin", false);
  }

  private static String normalize(String text) {
    return text.replace("\r\n", "\n");
  }
}
