package io.abmsequencer.starter.inbound;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message as the classification reads it: the headers that matter, decoded once, and the MIME
 * tree for the parts that need it (delivery reports). Built leniently: mail from the outside is
 * often malformed, and a header that cannot be read counts as missing.
 *
 * @param messageId its Message-ID with angle brackets, or null
 * @param from the sender's address, lower-case, or null
 * @param fromName the sender's display name, or null
 * @param sentAt the Date header, or null
 * @param receivedAt when the mailbox received it (IMAP INTERNALDATE), or null
 * @param threadIds the Message-IDs it answers: In-Reply-To first, then References newest first
 * @param recipients every address it was delivered to (To, Cc, Delivered-To, X-Original-To)
 * @param text the readable body (see {@link MessageText})
 */
record InboundMessage(
    MimeMessage mime,
    String messageId,
    String from,
    String fromName,
    String subject,
    Instant sentAt,
    Instant receivedAt,
    List<String> threadIds,
    List<String> recipients,
    String text) {

  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+@[^<>\\s]+>");
  /** A long References chain is ours only near its end; older ids are not worth a lookup. */
  private static final int MAX_THREAD_IDS = 50;

  static InboundMessage of(MimeMessage mime, Instant receivedAt) {
    Address[] from = safe(() -> mime.getFrom());
    InternetAddress sender = from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a : null;
    Date sent = safe(mime::getSentDate);
    return new InboundMessage(
        mime,
        firstMessageId(header(mime, "Message-ID")),
        sender == null ? null : Addresses.normalize(sender.getAddress()),
        sender == null ? null : sender.getPersonal(),
        subject(mime),
        sent == null ? null : sent.toInstant(),
        receivedAt,
        threadIds(header(mime, "In-Reply-To"), header(mime, "References")),
        recipients(mime),
        MessageText.of(mime));
  }

  /** The header's first value, unfolded, or null. */
  static String header(MimeMessage mime, String name) {
    String[] values = safe(() -> mime.getHeader(name));
    return values == null || values.length == 0 || values[0] == null ? null : MimeUtility.unfold(values[0]).trim();
  }

  static String firstMessageId(String headerValue) {
    if (headerValue == null) return null;
    Matcher matcher = MESSAGE_ID.matcher(headerValue);
    return matcher.find() ? matcher.group() : null;
  }

  static List<String> messageIds(String headerValue) {
    List<String> ids = new ArrayList<>();
    if (headerValue == null) return ids;
    Matcher matcher = MESSAGE_ID.matcher(headerValue);
    while (matcher.find()) ids.add(matcher.group());
    return ids;
  }

  private static List<String> threadIds(String inReplyTo, String references) {
    Set<String> ids = new LinkedHashSet<>(messageIds(inReplyTo));
    List<String> chain = messageIds(references);
    Collections.reverse(chain);
    ids.addAll(chain);
    return ids.stream().limit(MAX_THREAD_IDS).toList();
  }

  private static List<String> recipients(MimeMessage mime) {
    Set<String> all = new LinkedHashSet<>();
    for (String name : new String[] {"To", "Cc", "Delivered-To", "X-Original-To"}) {
      String[] values = safe(() -> mime.getHeader(name));
      if (values == null) continue;
      for (String value : values) all.addAll(Addresses.parseList(MimeUtility.unfold(value)));
    }
    return List.copyOf(all);
  }

  private static String subject(MimeMessage mime) {
    String subject = safe(mime::getSubject);
    if (subject != null) return subject.strip();
    String raw = header(mime, "Subject");
    if (raw == null) return null;
    try {
      return MimeUtility.decodeText(raw).strip();
    } catch (UnsupportedEncodingException e) {
      return raw;
    }
  }

  private interface MailCall<T> {
    T get() throws MessagingException;
  }

  private static <T> T safe(MailCall<T> call) {
    try {
      return call.get();
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }
}
