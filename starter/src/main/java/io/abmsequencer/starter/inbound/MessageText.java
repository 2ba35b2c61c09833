package io.abmsequencer.starter.inbound;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The readable text of a message: its text/plain body, or its HTML body reduced to text. Attached
 * messages (a bounce's returned original, a forwarded mail) are not part of it.
 */
final class MessageText {

  private static final Pattern INVISIBLE_HTML =
      Pattern.compile("(?is)<(head|style|script|title)\\b.*?</\\1\\s*>|<!--.*?-->");
  // Mail clients mark quoted history in HTML; the text version of the same message has '>' lines.
  private static final Pattern QUOTED_HTML =
      Pattern.compile("(?is)<blockquote\\b.*?</blockquote\\s*>|<div[^>]*class=\"?[^\">]*(gmail_quote|moz-cite-prefix)\\b.*");
  private static final Pattern LINE_BREAKING_TAGS = Pattern.compile("(?i)<(br|/p|/div|/li|/tr|/h[1-6])\\b[^>]*>");
  private static final Pattern TAGS = Pattern.compile("(?s)<[^>]*>");

  private MessageText() {}

  /** The body as text, or "" when there is none that can be read. */
  static String of(Part part) {
    try {
      String plain = find(part, "text/plain");
      if (plain != null) return plain;
      String html = find(part, "text/html");
      return html == null ? "" : htmlToText(html);
    } catch (MessagingException | IOException | RuntimeException e) {
      return "";
    }
  }

  private static String find(Part part, String type) throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) return null;
    if (part.isMimeType(type)) return read(part);
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        if (child.isMimeType("message/*")) continue;
        String found = find(child, type);
        if (found != null) return found;
      }
    }
    return null;
  }

  /** A text part's content; an unknown or wrong charset must not hide the text, so it falls back. */
  static String read(Part part) throws MessagingException, IOException {
    try {
      Object content = part.getContent();
      if (content instanceof String text) return text;
    } catch (IOException e) {
      // Unsupported charset: read the bytes below.
    }
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), charsetOf(part));
    }
  }

  private static Charset charsetOf(Part part) {
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (MessagingException | IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  static String htmlToText(String html) {
    String text = INVISIBLE_HTML.matcher(html).replaceAll("");
    text = QUOTED_HTML.matcher(text).replaceAll("");
    text = LINE_BREAKING_TAGS.matcher(text).replaceAll("\n");
    text = TAGS.matcher(text).replaceAll("");
    return decodeEntities(text);
  }

  private static String decodeEntities(String text) {
    String decoded = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'");
    StringBuilder out = new StringBuilder();
    var numeric = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(decoded);
    while (numeric.find()) {
      int codePoint;
      try {
        codePoint = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
      } catch (NumberFormatException e) {
        codePoint = '?';
      }
      numeric.appendReplacement(out, Character.isValidCodePoint(codePoint)
          ? java.util.regex.Matcher.quoteReplacement(new String(Character.toChars(codePoint))) : "?");
    }
    numeric.appendTail(out);
    return out.toString().replace("&amp;", "&");
  }

  /** Lower-case for matching phrases, with runs of whitespace made single spaces. */
  static String forMatching(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
