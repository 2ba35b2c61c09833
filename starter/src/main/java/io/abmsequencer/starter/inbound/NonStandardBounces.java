package io.abmsequencer.starter.inbound;

import io.abmsequencer.starter.inbound.Classification.Bounce;
import io.abmsequencer.starter.inbound.Classification.FailedRecipient;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounces that are not RFC 3464 reports (qmail's "failure notice", Exim's "Mail delivery failed",
 * older gateways): best effort. A failure counts as permanent only when the text says so (a 5.x.x
 * status, a 55x reply, "permanent"); the failed address is taken from {@code X-Failed-Recipients},
 * else from addresses in the notice that the returned message was sent to. When neither is found the
 * handler falls back to the returned message's Message-ID and the ledger.
 */
final class NonStandardBounces {

  private static final Pattern DAEMON_SENDER = Pattern.compile("^(mailer-daemon|postmaster|mail-daemon)@", Pattern.CASE_INSENSITIVE);
  private static final Pattern DAEMON_NAME = Pattern.compile("mail delivery (subsystem|system)", Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
      "(?i)undelivered mail returned to sender|delivery status notification|mail delivery failed|undeliverable"
          + "|delivery (has )?failed|failure notice|returned mail|returned to sender|delivery failure|non[- ]?delivery"
          + "|unzustellbar|nicht zustellbar|non remis|no se puede entregar|onbestelbaar");
  private static final Pattern STATUS_5 = Pattern.compile("(?<![\\d.])5\\.\\d{1,3}\\.\\d{1,3}(?![\\d.])");
  private static final Pattern REPLY_5 = Pattern.compile("(?<![\\d.])55[0-4](?![\\d.])");
  private static final Pattern PERMANENT = Pattern.compile(
      "(?i)permanent(ly)? (error|failure|fatal)|permanently|user unknown|no such (user|mailbox)|does not exist"
          + "|doesn't exist|address rejected|mailbox unavailable|couldn't be found|recipient not found");
  private static final Pattern TRANSIENT = Pattern.compile(
      "(?i)will (be )?retr(y|ied)|still being retried|delayed mail|temporar(y|ily)|has not yet been delivered|warning: message");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  /** Where a notice starts quoting the returned message (its headers follow). */
  private static final Pattern RETURNED_COPY = Pattern.compile(
      "(?im)^.*(copy of the message|below this line is a copy|original message (headers )?follow|returned message"
          + "|undelivered message headers|message headers follow|-+ ?original message ?-+).*$");

  private NonStandardBounces() {}

  /**
   * Sent by a mail system about a delivery: a mailer daemon is never a person; otherwise a bounce
   * subject on a message with a null sender or automatic marking.
   */
  static boolean looksLikeBounce(InboundMessage message) {
    String from = message.from() == null ? "" : message.from();
    String name = message.fromName() == null ? "" : message.fromName();
    String subject = message.subject() == null ? "" : message.subject();
    if (DAEMON_SENDER.matcher(from).find() || DAEMON_NAME.matcher(name).find()) return true;
    if (InboundMessage.header(message.mime(), "X-Failed-Recipients") != null) return true;
    boolean nullSender = from.isEmpty() || "<>".equals(InboundMessage.header(message.mime(), "Return-Path"));
    boolean automatic = InboundMessage.header(message.mime(), "Auto-Submitted") != null;
    return BOUNCE_SUBJECT.matcher(subject).find() && (nullSender || automatic);
  }

  static Classification classify(InboundMessage message) {
    String notice = noticeText(message.text());
    String returned = returnedText(message);
    boolean permanent = InboundMessage.header(message.mime(), "X-Failed-Recipients") != null
        || STATUS_5.matcher(notice).find() || REPLY_5.matcher(notice).find() || PERMANENT.matcher(notice).find();
    if (!permanent) {
      return TRANSIENT.matcher(notice).find() || TRANSIENT.matcher(message.subject() == null ? "" : message.subject()).find()
          ? new Classification.Delay("non-standard delay notice: " + message.subject())
          : new Classification.Other("looks like a bounce, but says nothing permanent: " + message.subject());
    }
    String detail = detail(notice, message.subject());
    List<FailedRecipient> failed = new ArrayList<>();
    for (String email : failedAddresses(message, notice, returned)) failed.add(new FailedRecipient(email, detail));
    ReturnedMessage copy = ReturnedMessage.parse(returned);
    return new Bounce(List.copyOf(failed), copy.messageId(), copy);
  }

  private static Set<String> failedAddresses(InboundMessage message, String notice, String returned) {
    Set<String> failed = new LinkedHashSet<>(Addresses.parseList(InboundMessage.header(message.mime(), "X-Failed-Recipients")));
    if (!failed.isEmpty()) return failed;
    // Only addresses the returned message was sent to: a notice also names postmasters and hosts.
    Set<String> sentTo = new LinkedHashSet<>();
    sentTo.addAll(Addresses.parseList(headerLine(returned, "To")));
    sentTo.addAll(Addresses.parseList(headerLine(returned, "Cc")));
    Matcher matcher = ADDRESS.matcher(notice);
    while (matcher.find()) {
      String address = Addresses.normalize(matcher.group());
      if (sentTo.contains(address)) failed.add(address);
    }
    return failed;
  }

  /** {@code "<status> <the line that gave it>"}, as the DSN path reports {@code "<status> <diagnostic-code>"}. */
  private static String detail(String notice, String subject) {
    Matcher status = STATUS_5.matcher(notice);
    String code = status.find() ? status.group() : null;
    for (String line : notice.split("\n")) {
      if ((code != null && line.contains(code)) || (code == null && REPLY_5.matcher(line).find())) {
        String diagnostic = line.strip().replaceAll("\\s+", " ");
        if (diagnostic.length() > 200) diagnostic = diagnostic.substring(0, 200);
        return code == null ? diagnostic : code + " " + diagnostic;
      }
    }
    return (code == null ? "5.0.0" : code) + " permanent failure (" + (subject == null ? "bounce" : subject) + ")";
  }

  /** The notice, without the copy of the returned message that follows it. */
  private static String noticeText(String text) {
    Matcher copy = RETURNED_COPY.matcher(text);
    return copy.find() ? text.substring(0, copy.start()) : text;
  }

  /** The returned message's headers: an attached part, or the text after the "copy of the message" line. */
  private static String returnedText(InboundMessage message) {
    String attached = attachedHeaders(message.mime());
    if (attached != null) return attached;
    Matcher copy = RETURNED_COPY.matcher(message.text());
    return copy.find() ? message.text().substring(copy.end()) : "";
  }

  private static String attachedHeaders(Part part) {
    try {
      if (part == null || !part.isMimeType("multipart/*") || !(part.getContent() instanceof Multipart multipart)) return null;
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        if (child.isMimeType("message/rfc822") || child.isMimeType("text/rfc822-headers")) {
          try (var in = child.getInputStream()) {
            String raw = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int end = raw.indexOf("\n\n");
            int endCrLf = raw.indexOf("\r\n\r\n");
            int cut = endCrLf >= 0 && (end < 0 || endCrLf < end) ? endCrLf : end;
            return cut < 0 ? raw : raw.substring(0, cut);
          }
        }
      }
    } catch (MessagingException | IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** A header's value in quoted header text (first occurrence), unfolded. */
  private static String headerLine(String headers, String name) {
    Matcher matcher = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*(.*(\\r?\\n[ \\t]+.*)*)").matcher(headers);
    return matcher.find() ? matcher.group(1).replaceAll("\\s+", " ").trim() : null;
  }
}
