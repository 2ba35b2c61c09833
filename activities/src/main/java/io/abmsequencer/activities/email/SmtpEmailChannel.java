package io.abmsequencer.activities.email;

import io.abmsequencer.activities.WorkerSide;
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
import io.abmsequencer.workflows.account.Contact;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
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
 * <p><b>Delivery guarantee.</b> Each {@link TouchKey} has one ledger row. It is written {@code
 * SENDING} before the SMTP transaction (which also reserves a slot under the sending caps) and then
 * takes one outcome for good: {@code SENT} (the server accepted the message), {@code BOUNCED} (the
 * recipient's mailbox is gone), {@code FAILED} (the message was refused for good), or {@code
 * SUPPRESSED} (the address was suppressed before the message went out). A suppressed or empty address
 * gets a {@code SUPPRESSED} / {@code SKIPPED} row without any SMTP transaction. A key whose row holds
 * an outcome returns that outcome and sends nothing.
 *
 * <p>Only one attempt sends a row at a time, and only after a last look at the suppression list
 * ({@link SendGuard}: the row's lease, a bounded wait for a send slot, the check, the transaction, and
 * {@code SENT} committed on a connection held since before it). An attempt that finds another one
 * sending — Temporal started it because the first outlived its timeout — sends nothing and Temporal
 * tries it again later, when it finds the outcome. A call that finds the row {@code SENDING} and its
 * lease free (the last attempt failed, or its worker died) sends again, with the subject and text
 * stored in the row and the same Message-ID: it is derived from the key ({@link LinkTokens#messageId}: keyed, so a bounce naming it proves it is ours)
 * and fixed in the row on the first attempt. So the one window left — the server accepted the message
 * and the worker died before the row became {@code SENT} — delivers a second copy with the
 * <em>same</em> Message-ID and content, which mail systems recognise as a duplicate. A touch over a
 * sending cap ({@link SendingCaps}), or from a sender paused by policy refusals ({@link
 * SenderPauses}), is {@code DEFERRED}: the same key goes out when the workflow calls again.
 *
 * <p><b>What every message carries.</b> The footer (postal address, visible unsubscribe link;
 * {@link MailFooter}) on both parts; {@code List-Unsubscribe} with the signed https link and the
 * unsubscribe mailbox, and {@code List-Unsubscribe-Post} for one-click unsubscribe (RFC 8058; the
 * sending MTA's DKIM signature must cover both headers for Gmail and Yahoo to offer it). With click
 * tracking, every http(s) URL of the copy goes through a signed redirect (the HTML still shows the
 * original URL); with open tracking, a pixel ends the HTML part. No {@code Precedence: bulk} and no
 * {@code Auto-Submitted}: the first marks mailing-list traffic and the second automatic replies
 * (RFC 3834); these are one-to-one sales e-mails from a person, and either header would have them
 * filed or treated as something they are not (auto-responders would also stay silent to them).
 *
 * <p><b>Failures</b> ({@link SmtpFailure}). A recipient refused because its mailbox is gone ({@code
 * 5.1.x}, {@code 5.2.1}) or a malformed address returns {@code BOUNCED} and suppresses the address
 * ({@code HARD_BOUNCE}, audited). A policy refusal ({@code 5.7.x}: relay access denied, DMARC, spam)
 * marks the touch {@code FAILED} with the server's words and throws a non-retryable {@value
 * #POLICY_BLOCKED}; the address is not suppressed, the refusal is counted ({@code abm.policy.blocks})
 * and a burst of them pauses the sender. Authentication failures and other permanent refusals mark the
 * touch {@code FAILED} and throw a non-retryable {@value #REJECTED}; connection problems, time-outs
 * and 4xx replies throw a retryable {@value #TRANSIENT} and leave the row {@code SENDING}, as does
 * {@value #BUSY} (another attempt is sending, or no send slot came free). There are no retry loops
 * here: Temporal retries.
 */
@WorkerSide
@Component("emailChannel")
public class SmtpEmailChannel implements EmailChannel {
  public static final String TRANSIENT = "EmailTransient";
  public static final String REJECTED = "EmailProviderRejected";
  public static final String POLICY_BLOCKED = "EmailPolicyBlocked";
  public static final String BUSY = "EmailBusy";
  private static final String ACCEPTED_DETAIL = "accepted by the SMTP server";

  private static final Logger log = LoggerFactory.getLogger(SmtpEmailChannel.class);
  private static final String UTF_8 = "UTF-8";

  private final JavaMailSender mailSender;
  private final Ledger ledger;
  private final SuppressionList suppressions;
  private final SenderIdentities senders;
  private final TouchMetrics metrics;
  private final MailComposer composer;
  private final SendingCaps caps;
  private final SendGuard guard;
  private final SenderPauses pauses;

  public SmtpEmailChannel(
      JavaMailSender mailSender,
      Ledger ledger,
      SuppressionList suppressions,
      SenderIdentities senders,
      TouchMetrics metrics,
      MailComposer composer,
      SendingCaps caps,
      SendGuard guard,
      SenderPauses pauses) {
    this.mailSender = mailSender;
    this.ledger = ledger;
    this.suppressions = suppressions;
    this.senders = senders;
    this.metrics = metrics;
    this.composer = composer;
    this.caps = caps;
    this.guard = guard;
    this.pauses = pauses;
  }

  /** The same channel talking to another SMTP server (tests: a server that refuses, stalls, or a crash after it accepted). */
  SmtpEmailChannel through(JavaMailSender other) {
    return new SmtpEmailChannel(other, ledger, suppressions, senders, metrics, composer, caps, guard, pauses);
  }

  @Override
  public TouchResult send(EmailTouch touch) {
    try (SendAttempt attempt = guard.attempt()) {
      return send(touch, attempt);
    }
  }

  private TouchResult send(EmailTouch touch, SendAttempt attempt) {
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
    String from = sender.email().toLowerCase(Locale.ROOT);
    Optional<TouchResult> paused = pauses.deferral(from);
    if (paused.isPresent()) {
      // A key already done keeps its outcome; the rest wait for the sender to be resumed.
      Optional<TouchRow> done = ledger.find(key).filter(TouchRow::isFinal);
      return done.isPresent() ? done.get().result() : deferred(key, paused.get());
    }

    Map<String, String> fields = TemplateFields.of(touch.account(), touch.contact(), sender);
    SendingCaps.Admission admission =
        caps.claim(new SendingCaps.Outgoing(
            key,
            accountId,
            recipient,
            from,
            Templates.render(touch.subject(), fields),
            composer.text(touch, Templates.render(touch.body(), fields)),
            composer.messageId(key, SenderIdentities.domainOf(sender.email()))));
    if (admission.deferred()) {
      metrics.deferral(Channel.EMAIL, admission.reason());
      log.info("{}: deferred: {}", key, admission.deferral().detail());
      return admission.deferral();
    }
    TouchRow row = admission.row();
    if (row.isFinal()) return row.result();

    MimeMessage message;
    try {
      message = compose(row, touch, sender);
    } catch (AddressException e) {
      return bounce(key, recipient, "invalid address '" + touch.contact().email() + "': " + e.getMessage());
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw fail(key, REJECTED, "could not build the message: " + e.getMessage(), false);
    }

    try {
      return guard.send(key, attempt, () -> lastCheck(key, recipient, from), () -> mailSender.send(message), row.messageId(),
          ACCEPTED_DETAIL);
    } catch (SendGuard.NotNow e) {
      ledger.note(key, e.getMessage());
      log.info("{}: not now: {}", key, e.getMessage());
      throw ApplicationFailure.newFailure(e.getMessage(), BUSY);
    } catch (MailAuthenticationException e) {
      throw fail(key, REJECTED, "SMTP authentication failed: " + e.getMessage(), false);
    } catch (MailSendException e) {
      SmtpFailure failure = SmtpFailure.of(e);
      return switch (failure.kind()) {
        case ACCEPTED -> {
          log.warn("{}: the server accepted the message; closing the connection failed: {}", key, failure.message());
          yield ledger.complete(key, TouchStatus.SENT, row.messageId(), ACCEPTED_DETAIL).result();
        }
        case RECIPIENT_REJECTED -> bounce(key, recipient, failure.message());
        case POLICY_BLOCKED -> {
          ApplicationFailure refused = fail(key, POLICY_BLOCKED, "SMTP server refused the message by policy: " + failure.message(), false);
          pauses.policyBlock(from, key, failure.message());
          throw refused;
        }
        case REJECTED -> throw fail(key, REJECTED, "SMTP server refused the message: " + failure.message(), false);
        case TRANSIENT -> throw fail(key, TRANSIENT, "SMTP send failed: " + failure.message(), true);
      };
    } catch (MailException e) {
      throw fail(key, TRANSIENT, "SMTP send failed: " + e.getMessage(), true);
    }
  }

  /**
   * Right before the SMTP transaction, inside the lease: an opt-out recorded while the touch waited
   * (for a send slot, for its retry) ends it {@code SUPPRESSED}; a sender paused meanwhile defers it.
   */
  private Optional<TouchResult> lastCheck(TouchKey key, String recipient, String from) {
    Optional<Suppression> suppressed = suppressions.find(Channel.EMAIL, recipient);
    if (suppressed.isPresent()) {
      log.info("{}: suppressed while it waited to go out ({}): not sent", key, suppressed.get().reason());
      return Optional.of(ledger.complete(key, TouchStatus.SUPPRESSED, null,
          "not sent: address suppressed (" + suppressed.get().reason() + ") while the e-mail waited to go out").result());
    }
    Optional<TouchResult> paused = pauses.deferral(from);
    paused.ifPresent(p -> ledger.note(key, p.detail()));
    return paused.map(p -> deferred(key, p));
  }

  private TouchResult deferred(TouchKey key, TouchResult deferral) {
    metrics.deferral(Channel.EMAIL, "sender-paused");
    log.info("{}: deferred: {}", key, deferral.detail());
    return deferral;
  }

  /** The message from what the ledger row fixed (subject, text, Message-ID) and the touch's key. */
  private MimeMessage compose(TouchRow row, EmailTouch touch, Sender sender)
      throws MessagingException, UnsupportedEncodingException {
    Contact contact = touch.contact();
    Session session = mailSender.createMimeMessage().getSession();
    MimeMessage message = new FixedIdMimeMessage(session, row.messageId());
    message.setFrom(new InternetAddress(sender.email(), sender.name(), UTF_8));
    InternetAddress to = new InternetAddress(contact.email().trim(), true);
    if (!contact.fullName().isEmpty()) to.setPersonal(contact.fullName(), UTF_8);
    message.setRecipient(Message.RecipientType.TO, to);
    message.setSubject(row.subject(), UTF_8);
    message.setHeader("X-ABM-Touch", row.touchKey());
    String listUnsubscribe = composer.listUnsubscribe(touch.key().contactId());
    message.setHeader("List-Unsubscribe", MimeUtility.fold("List-Unsubscribe: ".length(), listUnsubscribe));
    message.setHeader("List-Unsubscribe-Post", MailComposer.ONE_CLICK);

    MimeBodyPart text = new MimeBodyPart();
    text.setText(row.body(), UTF_8, "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(composer.html(touch.key(), row.body(), touch.trackOpens()), UTF_8, "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    return message;
  }

  /**
   * Suppresses first (audited, like every other suppression): a crash in between then leaves a
   * suppressed address, never a lost bounce.
   */
  private TouchResult bounce(TouchKey key, String recipient, String serverMessage) {
    suppressions.suppressAndAudit(Channel.EMAIL, recipient, SuppressionReason.HARD_BOUNCE, serverMessage, "smtp");
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
}
