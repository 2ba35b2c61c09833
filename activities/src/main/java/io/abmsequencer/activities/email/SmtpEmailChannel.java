package io.abmsequencer.activities.email;

import io.abmsequencer.activities.email.MailSettings.Sender;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchMetrics;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.Suppression;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.workflows.channels.EmailChannel;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Templates;
import io.abmsequencer.workflows.sequence.Contact;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP through Spring's {@link JavaMailSender}.
 *
 * <p><b>Delivery guarantee.</b> At most once per {@link TouchKey} for every send that completed:
 * the ledger row is claimed ({@code SENDING}) before the SMTP transaction, and a key whose row holds
 * an outcome returns that outcome without sending. A retry that finds the row still {@code SENDING}
 * (the last attempt failed, or the worker crashed) sends again, with the same subject, body and
 * Message-ID. So the one window left — a crash after the server accepted the message and before the
 * ledger recorded it — can deliver a second copy carrying the <em>same</em> Message-ID, which
 * receiving systems treat as a duplicate. The Message-ID is derived from the key
 * ({@link EmailContent#messageId}) and fixed on the first attempt.
 *
 * <p><b>Failures.</b> A suppressed address gets nothing ({@code SUPPRESSED}). A permanent recipient
 * refusal (5xx to RCPT TO) or a malformed address returns {@code BOUNCED} and suppresses the address
 * ({@code HARD_BOUNCE}). Authentication failures and other permanent refusals mark the touch
 * {@code FAILED} and throw a non-retryable {@code EmailProviderRejected}; connection problems, time-outs and 4xx replies throw a retryable
 * {@code EmailTransient} and leave the row {@code SENDING}. There are no retry loops here: Temporal
 * retries.
 */
@Component("emailChannel")
public class SmtpEmailChannel implements EmailChannel {
  public static final String TRANSIENT = "EmailTransient";
  public static final String REJECTED = "EmailProviderRejected";

  private static final Logger log = LoggerFactory.getLogger(SmtpEmailChannel.class);
  private static final String UTF_8 = "UTF-8";

  private final JavaMailSender mailSender;
  private final Ledger ledger;
  private final SuppressionList suppressions;
  private final SenderIdentities senders;
  private final TouchMetrics metrics;

  public SmtpEmailChannel(
      JavaMailSender mailSender,
      Ledger ledger,
      SuppressionList suppressions,
      SenderIdentities senders,
      TouchMetrics metrics) {
    this.mailSender = mailSender;
    this.ledger = ledger;
    this.suppressions = suppressions;
    this.senders = senders;
    this.metrics = metrics;
  }

  @Override
  public TouchResult send(EmailTouch touch) {
    TouchKey key = touch.key();
    String accountId = touch.account().id();
    String recipient = SuppressionList.normalize(Channel.EMAIL, touch.contact().email());

    if (recipient == null || recipient.isEmpty()) {
      return ledger.record(key, accountId, Channel.EMAIL, TouchStatus.SKIPPED, null, null, null, "no e-mail address")
          .row()
          .result();
    }
    Optional<Suppression> suppressed = suppressions.find(Channel.EMAIL, recipient);
    if (suppressed.isPresent()) {
      String detail = "not sent: address suppressed (" + suppressed.get().reason() + ")";
      return ledger.record(key, accountId, Channel.EMAIL, TouchStatus.SUPPRESSED, recipient, null, null, detail)
          .row()
          .result();
    }

    Sender sender = senders.forOwner(touch.owner());
    Map<String, String> fields = TemplateFields.of(touch.account(), touch.contact(), sender);
    TouchRow row =
        ledger.begin(
            key,
            accountId,
            Channel.EMAIL,
            recipient,
            Templates.render(touch.subject(), fields),
            Templates.render(touch.body(), fields),
            EmailContent.messageId(key, SenderIdentities.domainOf(sender.email())));
    if (row.isFinal()) return row.result();

    MimeMessage message;
    try {
      message = compose(row, touch.contact(), sender);
    } catch (AddressException e) {
      return bounce(key, recipient, "invalid address '" + touch.contact().email() + "': " + e.getMessage());
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw fail(key, REJECTED, "could not build the message: " + e.getMessage(), false);
    }

    try {
      mailSender.send(message);
    } catch (MailAuthenticationException e) {
      throw fail(key, REJECTED, "SMTP authentication failed: " + e.getMessage(), false);
    } catch (MailSendException e) {
      SmtpFailure failure = SmtpFailure.of(e);
      switch (failure.kind()) {
        case ACCEPTED -> log.warn("{}: the server accepted the message; closing the connection failed: {}", key, failure.message());
        case RECIPIENT_REJECTED -> {
          return bounce(key, recipient, failure.message());
        }
        case REJECTED -> throw fail(key, REJECTED, "SMTP server refused the message: " + failure.message(), false);
        case TRANSIENT -> throw fail(key, TRANSIENT, "SMTP send failed: " + failure.message(), true);
      }
    } catch (MailException e) {
      throw fail(key, TRANSIENT, "SMTP send failed: " + e.getMessage(), true);
    }
    return ledger.complete(key, TouchStatus.SENT, row.messageId(), "accepted by the SMTP server").result();
  }

  private MimeMessage compose(TouchRow row, Contact contact, Sender sender)
      throws MessagingException, UnsupportedEncodingException {
    Session session = mailSender.createMimeMessage().getSession();
    MimeMessage message = new FixedIdMimeMessage(session, row.messageId());
    message.setFrom(new InternetAddress(sender.email(), sender.name(), UTF_8));
    InternetAddress to = new InternetAddress(contact.email().trim(), true);
    if (!contact.fullName().isEmpty()) to.setPersonal(contact.fullName(), UTF_8);
    message.setRecipient(Message.RecipientType.TO, to);
    message.setSubject(row.subject(), UTF_8);
    message.setHeader("X-ABM-Touch", row.touchKey());

    MimeBodyPart text = new MimeBodyPart();
    text.setText(row.body(), UTF_8, "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(EmailContent.html(row.body()), UTF_8, "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    return message;
  }

  /** Suppresses first: a crash in between then leaves a suppressed address, never a lost bounce. */
  private TouchResult bounce(TouchKey key, String recipient, String serverMessage) {
    suppressions.suppress(Channel.EMAIL, recipient, SuppressionReason.HARD_BOUNCE, serverMessage, "smtp");
    return ledger.complete(key, TouchStatus.BOUNCED, null, serverMessage).result();
  }

  private ApplicationFailure fail(TouchKey key, String type, String message, boolean retryable) {
    metrics.providerError(Channel.EMAIL, type);
    if (retryable) {
      ledger.note(key, message);
    } else {
      // Retrying cannot help: the touch ends FAILED, visible in the ledger and the sequence's history.
      ledger.complete(key, TouchStatus.FAILED, null, message);
    }
    log.warn("{}: {} ({})", key, message, type);
    return retryable
        ? ApplicationFailure.newFailure(message, type)
        : ApplicationFailure.newNonRetryableFailure(message, type);
  }

  /** Keeps the Message-ID it is given: Jakarta Mail would otherwise make a new one on every save. */
  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
