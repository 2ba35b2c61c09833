package io.abmsequencer.activities.weekly;

import io.abmsequencer.activities.WorkerSide;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.abmsequencer.activities.email.FixedIdMimeMessage;
import io.abmsequencer.activities.email.LinkSettings;
import io.abmsequencer.activities.email.MailSettings;
import io.abmsequencer.activities.weekly.SentDigests.Row;
import io.abmsequencer.activities.weekly.SentDigests.Status;
import io.abmsequencer.workflows.digest.DigestRequest;
import io.abmsequencer.workflows.digest.DigestResult;
import io.abmsequencer.workflows.digest.Digests;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The Monday digest: the owner's {@link WeeklyReview} by e-mail, from {@code abm.mail.digest-from}
 * (default {@code abm@<abm.mail.from-domain>}; {@link MailSettings#digestFrom()}).
 *
 * <p><b>Once per owner and week.</b> The week's row in {@code digests} is written before the SMTP
 * transaction with the whole message (subject, both bodies, a Message-ID derived from owner and
 * week); a row that says SENT, EMPTY or FAILED sends nothing more, so a retried activity or a
 * replayed workflow never mails twice. The one window left — the server took the message and the
 * worker died before the row said SENT — sends the same message with the same Message-ID again,
 * which mailbox providers show once (as for touches).
 *
 * <p><b>Empty weeks send nothing</b> (the row says EMPTY): a Monday mail that says "nothing to
 * report" trains people to skip the digest, and the console shows the review any time.
 */
@WorkerSide
@Component("digests")
public class OwnerDigests implements Digests {
  public static final String TRANSIENT = "DigestTransient";
  private static final Logger log = LoggerFactory.getLogger(OwnerDigests.class);

  private final WeeklyReviewRepository reviews;
  private final SentDigests sent;
  private final JavaMailSender mailSender;
  private final String from;
  private final String consoleUrl;
  private final Clock clock;

  public OwnerDigests(WeeklyReviewRepository reviews, SentDigests sent, JavaMailSender mailSender, LinkSettings links,
      MailSettings mail, ObjectProvider<Clock> clock) {
    this.reviews = reviews;
    this.sent = sent;
    this.mailSender = mailSender;
    this.from = mail.digestFrom();
    this.consoleUrl = links.publicUrl();
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @Override
  public DigestResult send(DigestRequest request) {
    Row row = sent.find(request.owner(), request.week()).orElse(null);
    if (row == null) {
      WeeklyReview review = reviews.review(request.owner(), null, clock.instant());
      if (review.isEmpty()) {
        sent.insert(new Row(request.owner(), request.week(), request.email(), Status.EMPTY, review.summary(), null, null, null, null, null, null));
        return new DigestResult(false, "nothing to report: no e-mail this week");
      }
      if (request.email() == null || request.email().isBlank()) {
        sent.insert(new Row(request.owner(), request.week(), null, Status.FAILED, review.summary(), null, null, null, null, null, null));
        return new DigestResult(false, review.summary() + "; not sent: the owner has no e-mail address");
      }
      DigestMail.Content content = DigestMail.compose(review, request.week(), zone(request.timeZone()), consoleUrl);
      sent.insert(new Row(request.owner(), request.week(), request.email().trim(), Status.SENDING, review.summary(), content.subject(),
          content.text(), content.html(), messageId(request), null, null));
      // Another attempt may have written the row first: go on with whatever the table holds.
      row = sent.find(request.owner(), request.week()).orElseThrow();
    }
    return switch (row.status()) {
      case SENT -> new DigestResult(false, row.summary() + " (sent before)");
      case EMPTY -> new DigestResult(false, "nothing to report: no e-mail this week");
      case FAILED -> new DigestResult(false, row.summary() + "; not sent: " + row.detail());
      case SENDING -> deliver(row);
    };
  }

  private DigestResult deliver(Row row) {
    MimeMessage message;
    try {
      message = compose(row);
    } catch (AddressException e) {
      return failed(row, "invalid address '" + row.recipient() + "': " + e.getMessage());
    } catch (MessagingException | UnsupportedEncodingException e) {
      return failed(row, "could not build the message: " + e.getMessage());
    }
    try {
      mailSender.send(message);
    } catch (MailSendException e) {
      if (refusedRecipient(e)) return failed(row, "the SMTP server refused " + row.recipient() + ": " + e.getMessage());
      throw transientFailure(row, e);
    } catch (MailException e) {
      throw transientFailure(row, e);
    }
    sent.complete(row.owner(), row.week(), Status.SENT, null, clock.instant());
    return new DigestResult(true, row.summary());
  }

  private MimeMessage compose(Row row) throws MessagingException, UnsupportedEncodingException {
    Session session = mailSender.createMimeMessage().getSession();
    MimeMessage message = new FixedIdMimeMessage(session, row.messageId());
    message.setFrom(new InternetAddress(from, "ABM Sequencer", UTF_8.name()));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(row.recipient(), true));
    message.setSubject(row.subject(), UTF_8.name());
    // An automatic message (RFC 3834): vacation responders stay silent, and it is not a reply to anyone.
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("X-ABM-Digest", row.owner() + " " + row.week());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(row.textBody(), UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(row.htmlBody(), UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    return message;
  }

  private DigestResult failed(Row row, String why) {
    sent.complete(row.owner(), row.week(), Status.FAILED, why, clock.instant());
    log.warn("Weekly digest of {} for {} not sent: {}", row.owner(), row.week(), why);
    return new DigestResult(false, row.summary() + "; not sent: " + why);
  }

  private ApplicationFailure transientFailure(Row row, MailException e) {
    String why = "SMTP send failed: " + e.getMessage();
    sent.note(row.owner(), row.week(), why);
    log.warn("Weekly digest of {} for {}: {} (will retry)", row.owner(), row.week(), why);
    return ApplicationFailure.newFailure(why, TRANSIENT);
  }

  private static boolean refusedRecipient(MailSendException e) {
    for (Exception failure : e.getFailedMessages().values()) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0) return true;
      }
    }
    return false;
  }

  /** {@code <digest-<32 hex of sha256(owner/week)>@<sender's domain>>}: the same for every attempt. */
  String messageId(DigestRequest request) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest((request.owner() + "/" + request.week()).getBytes(UTF_8));
      int at = from.lastIndexOf('@');
      return "<digest-" + HexFormat.of().formatHex(hash).substring(0, 32) + "@" + (at < 0 ? "abm-sequencer.local" : from.substring(at + 1)) + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ZoneId zone(String id) {
    try {
      return id == null || id.isBlank() ? ZoneId.of("UTC") : ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
