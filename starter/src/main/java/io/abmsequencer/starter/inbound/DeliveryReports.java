package io.abmsequencer.starter.inbound;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads RFC 3464 delivery status notifications ({@code multipart/report;
 * report-type=delivery-status}): one status block per recipient, and the returned message's
 * Message-ID. The {@code message/delivery-status} part is parsed here as header blocks because
 * Jakarta Mail ships no handler for it.
 */
final class DeliveryReports {

  /**
   * @param address Original-Recipient when given (the address we sent to), else Final-Recipient
   * @param action failed, delayed, delivered, relayed or expanded
   * @param status the enhanced status code, e.g. 5.1.1
   * @param diagnostic the remote server's answer without its type prefix, or null
   */
  record RecipientStatus(String address, String action, String status, String diagnostic) {

    boolean permanentFailure() {
      return "failed".equals(action) && status != null && status.startsWith("5");
    }

    String detail() {
      return diagnostic == null ? status : status + " " + diagnostic;
    }
  }

  /**
   * @param originalMessageId the Message-ID of the message the report is about, or null
   * @param returned the headers of ours found in the returned copy of that message
   */
  record Report(List<RecipientStatus> recipients, String originalMessageId, ReturnedMessage returned) {}

  private DeliveryReports() {}

  /** The report, or empty when the message is not a delivery status notification. */
  static Optional<Report> read(InboundMessage message) {
    MimeMessage mime = message.mime();
    try {
      if (!mime.isMimeType("multipart/report")
          || !"delivery-status".equalsIgnoreCase(new ContentType(mime.getContentType()).getParameter("report-type"))
          || !(mime.getContent() instanceof Multipart report)) {
        return Optional.empty();
      }
      List<RecipientStatus> recipients = new ArrayList<>();
      String originalId = null;
      ReturnedMessage returned = ReturnedMessage.NONE;
      for (int i = 0; i < report.getCount(); i++) {
        BodyPart part = report.getBodyPart(i);
        if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
          List<InternetHeaders> blocks = blocks(part);
          if (!blocks.isEmpty() && originalId == null) {
            originalId = InboundMessage.firstMessageId(blocks.get(0).getHeader("X-Original-Message-ID", null));
          }
          for (InternetHeaders block : blocks.subList(Math.min(1, blocks.size()), blocks.size())) {
            recipient(block).ifPresent(recipients::add);
          }
        } else if (returned.isEmpty()) {
          returned = ReturnedMessage.of(part);
        }
      }
      if (originalId == null) originalId = returned.messageId();
      if (originalId == null && !message.threadIds().isEmpty()) {
        originalId = message.threadIds().get(0); // Gmail answers the bounced message in the thread
      }
      return Optional.of(new Report(List.copyOf(recipients), originalId, returned));
    } catch (MessagingException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The per-message block, then one block per recipient, separated by blank lines. */
  private static List<InternetHeaders> blocks(Part part) throws MessagingException, IOException {
    List<InternetHeaders> blocks = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(part.getInputStream())) {
      while (true) {
        skipBlankLines(in);
        in.mark(1);
        if (in.read() < 0) break;
        in.reset();
        InternetHeaders block = new InternetHeaders(in);
        if (!Collections.list(block.getAllHeaders()).isEmpty()) blocks.add(block);
      }
    }
    return blocks;
  }

  private static void skipBlankLines(InputStream in) throws IOException {
    while (true) {
      in.mark(1);
      int c = in.read();
      if (c != '\r' && c != '\n') {
        if (c >= 0) in.reset();
        return;
      }
    }
  }

  private static Optional<RecipientStatus> recipient(InternetHeaders block) {
    String address = typedValue(field(block, "Original-Recipient"));
    String normalized = Addresses.normalize(address);
    if (normalized == null) normalized = Addresses.normalize(typedValue(field(block, "Final-Recipient")));
    if (normalized == null) return Optional.empty();
    String action = field(block, "Action");
    String status = field(block, "Status");
    return Optional.of(new RecipientStatus(
        normalized,
        action == null ? null : action.toLowerCase(Locale.ROOT),
        status == null ? null : status.split("[\\s(]", 2)[0],
        typedValue(field(block, "Diagnostic-Code"))));
  }

  private static String field(InternetHeaders block, String name) {
    String value = block.getHeader(name, null);
    return value == null ? null : MimeUtility.unfold(value).replaceAll("\\s+", " ").trim();
  }

  /** {@code "rfc822; a@b"} → {@code "a@b"}; {@code "smtp; 550 ..."} → {@code "550 ..."}. */
  private static String typedValue(String value) {
    if (value == null) return null;
    int semicolon = value.indexOf(';');
    String bare = (semicolon < 0 ? value : value.substring(semicolon + 1)).trim();
    return bare.isEmpty() ? null : bare;
  }
}
