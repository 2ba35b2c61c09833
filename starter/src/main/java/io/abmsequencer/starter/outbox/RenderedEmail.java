package io.abmsequencer.starter.outbox;

import io.abmsequencer.activities.email.MailComposer;
import io.abmsequencer.activities.ledger.TouchRow;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An e-mail as its recipient got it.
 *
 * @param source where the content comes from: the message the embedded SMTP server received, or
 *     the ledger (the text as sent; the HTML and the unsubscribe header rebuilt from it)
 * @param html null when there is none to show
 */
record RenderedEmail(
    TouchRow touch,
    Source source,
    String subject,
    String from,
    String to,
    String text,
    String html,
    String messageId,
    String listUnsubscribe,
    String listUnsubscribePost) {

  enum Source { RECEIVED, LEDGER }

  /**
   * The HTML for a sandboxed {@code <iframe srcdoc>}: looking at an e-mail here must not count as
   * an open or a click, so the preview may load nothing (no tracking pixel, no remote images) and
   * its links open nowhere (a new window, which the sandbox refuses).
   */
  public String previewHtml() {
    if (html == null) return null;
    return "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        + "<base target=\"_blank\">" + html;
  }

  static RenderedEmail fromLedger(TouchRow touch, String html, String listUnsubscribe) {
    return new RenderedEmail(touch, Source.LEDGER, touch.subject(), touch.sender(), touch.recipient(), touch.body(), html,
        touch.messageId(), listUnsubscribe, listUnsubscribe == null ? null : MailComposer.ONE_CLICK);
  }

  static RenderedEmail of(TouchRow touch, MimeMessage message) throws MessagingException, IOException {
    Parts parts = new Parts();
    parts.walk(message);
    return new RenderedEmail(touch, Source.RECEIVED, message.getSubject(), addresses(message.getFrom()),
        addresses(message.getRecipients(Message.RecipientType.TO)), parts.text, parts.html, message.getMessageID(),
        header(message, "List-Unsubscribe"), header(message, "List-Unsubscribe-Post"));
  }

  private static String addresses(Address[] addresses) {
    if (addresses == null) return null;
    return Arrays.stream(addresses)
        .map(a -> a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString())
        .collect(Collectors.joining(", "));
  }

  private static String header(MimeMessage message, String name) throws MessagingException {
    String value = message.getHeader(name, ", ");
    return value == null ? null : MimeUtility.unfold(value);
  }

  /** The first text/plain and text/html parts, wherever they sit in the MIME tree. */
  private static final class Parts {
    String text;
    String html;

    void walk(Part part) throws MessagingException, IOException {
      if (part.isMimeType("text/plain") && text == null && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        text = String.valueOf(part.getContent());
      } else if (part.isMimeType("text/html") && html == null) {
        html = String.valueOf(part.getContent());
      } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) walk(multipart.getBodyPart(i));
      }
    }
  }
}
