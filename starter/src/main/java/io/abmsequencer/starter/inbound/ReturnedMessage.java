package io.abmsequencer.starter.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the copy of the bounced e-mail inside a bounce says about it, from the headers we put on
 * every e-mail: its Message-ID, {@code X-ABM-Touch} (the touch key, in clear) and the signed
 * unsubscribe token of its {@code List-Unsubscribe}. Any of them may be missing: many reports
 * return only some headers, some none.
 *
 * @param messageId the Message-ID with angle brackets, or null
 * @param touchKey the {@code X-ABM-Touch} value, or null
 * @param unsubscribeToken the token of the {@code List-Unsubscribe} link or mailto, or null
 */
record ReturnedMessage(String messageId, String touchKey, String unsubscribeToken) {

  static final ReturnedMessage NONE = new ReturnedMessage(null, null, null);

  /** {@code .../u/<token>} or {@code ?subject=unsubscribe <token>} (encoded or not): the tokens {@code LinkTokens} makes. */
  private static final Pattern UNSUBSCRIBE_TOKEN =
      Pattern.compile("(?:/u/|subject=unsubscribe(?:%20|\\+|\\s+))([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)", Pattern.CASE_INSENSITIVE);

  boolean isEmpty() {
    return messageId == null && touchKey == null && unsubscribeToken == null;
  }

  /**
   * The returned copy in a part of a report: {@code message/rfc822} (the whole message) or {@code
   * text/rfc822-headers} (its headers); {@link #NONE} for any other part.
   */
  static ReturnedMessage of(Part part) throws MessagingException, IOException {
    if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage returned) {
      return new ReturnedMessage(
          InboundMessage.firstMessageId(InboundMessage.header(returned, "Message-ID")),
          clean(InboundMessage.header(returned, "X-ABM-Touch")),
          token(InboundMessage.header(returned, "List-Unsubscribe")));
    }
    if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822-headers")) {
      try (InputStream in = part.getInputStream()) {
        return of(new InternetHeaders(in));
      }
    }
    return NONE;
  }

  /** The returned copy quoted as text in a notice (its header block first; leading blank lines skipped). */
  static ReturnedMessage parse(String headerText) {
    if (headerText == null || headerText.isBlank()) return NONE;
    try {
      return of(new InternetHeaders(new ByteArrayInputStream(headerText.stripLeading().getBytes(StandardCharsets.UTF_8))));
    } catch (MessagingException e) {
      return NONE;
    }
  }

  private static ReturnedMessage of(InternetHeaders headers) {
    return new ReturnedMessage(
        InboundMessage.firstMessageId(headers.getHeader("Message-ID", null)),
        clean(headers.getHeader("X-ABM-Touch", null)),
        token(headers.getHeader("List-Unsubscribe", null)));
  }

  private static String token(String listUnsubscribe) {
    if (listUnsubscribe == null) return null;
    Matcher matcher = UNSUBSCRIBE_TOKEN.matcher(MimeUtility.unfold(listUnsubscribe));
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String clean(String value) {
    if (value == null) return null;
    String unfolded = MimeUtility.unfold(value).strip();
    return unfolded.isEmpty() ? null : unfolded;
  }
}
