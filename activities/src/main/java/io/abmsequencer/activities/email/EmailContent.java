package io.abmsequencer.activities.email;

import io.abmsequencer.workflows.channels.TouchKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Pure functions behind a message: its HTML alternative and its Message-ID. */
public final class EmailContent {
  private EmailContent() {}

  /**
   * The Message-ID of a touch: {@code <first 32 hex digits of sha256(key)@domain>}. The same key
   * always gives the same id, so a re-send after a crash is recognisable as a duplicate; the key
   * itself (workflow and contact ids) does not show.
   */
  public static String messageId(TouchKey key, String domain) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash).substring(0, 32) + "@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The plain text as HTML: escaped (a field value can never inject markup), blank lines separate
   * paragraphs, single line breaks become {@code <br>}.
   */
  public static String html(String text) {
    String normalized = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"></head><body>\n");
    for (String paragraph : normalized.split("\n[ \t]*\n\\s*")) {
      if (paragraph.isBlank()) continue;
      html.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
