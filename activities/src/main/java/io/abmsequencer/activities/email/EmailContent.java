package io.abmsequencer.activities.email;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure functions behind a message: its HTML alternative and its links. */
public final class EmailContent {
  private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"]+");

  private EmailContent() {}

  /**
   * The plain text as HTML: escaped (a field value can never inject markup), blank lines separate
   * paragraphs, single line breaks become {@code <br>}, http(s) URLs become links to themselves.
   */
  public static String html(String text) {
    return html(text, UnaryOperator.identity(), null);
  }

  /**
   * {@link #html(String)} where each URL's link shows {@code visibleText.apply(url)} (a tracked
   * link keeps showing its original target) and, when {@code pixelUrl} is not null, a 1×1 image
   * loads it at the end.
   */
  public static String html(String text, UnaryOperator<String> visibleText, String pixelUrl) {
    String normalized = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"></head><body>\n");
    for (String paragraph : normalized.split("\n[ \t]*\n\\s*")) {
      if (paragraph.isBlank()) continue;
      html.append("<p>").append(paragraphHtml(paragraph.strip(), visibleText)).append("</p>\n");
    }
    if (pixelUrl != null) {
      html.append("<img src=\"").append(escape(pixelUrl))
          .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\">\n");
    }
    return html.append("</body></html>\n").toString();
  }

  /**
   * The text with every http(s) URL replaced by {@code rewrite.apply(url)}. A URL ends at white
   * space, {@code <}, {@code >} or {@code "}; punctuation that ends a sentence after it is not part
   * of it.
   */
  public static String rewriteUrls(String text, UnaryOperator<String> rewrite) {
    if (text == null) return "";
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    Matcher m = URL.matcher(text);
    while (m.find()) {
      int end = urlEnd(text, m.start(), m.end());
      out.append(text, last, m.start()).append(rewrite.apply(text.substring(m.start(), end)));
      last = end;
    }
    return out.append(text.substring(last)).toString();
  }

  private static String paragraphHtml(String paragraph, UnaryOperator<String> visibleText) {
    StringBuilder out = new StringBuilder();
    int last = 0;
    Matcher m = URL.matcher(paragraph);
    while (m.find()) {
      int end = urlEnd(paragraph, m.start(), m.end());
      String url = paragraph.substring(m.start(), end);
      out.append(lines(paragraph.substring(last, m.start())))
          .append("<a href=\"").append(escape(url)).append("\">")
          .append(escape(visibleText.apply(url)))
          .append("</a>");
      last = end;
    }
    return out.append(lines(paragraph.substring(last))).toString();
  }

  private static String lines(String text) {
    return escape(text).replace("\n", "<br>\n");
  }

  /** Drops sentence punctuation and an unbalanced closing bracket from the end of a URL match. */
  private static int urlEnd(String text, int start, int end) {
    while (end > start) {
      char c = text.charAt(end - 1);
      if (".,;:!?'*".indexOf(c) >= 0) {
        end--;
      } else if (c == ')' && count(text, start, end, '(') < count(text, start, end, ')')) {
        end--;
      } else if (c == ']' && count(text, start, end, '[') < count(text, start, end, ']')) {
        end--;
      } else {
        break;
      }
    }
    return end;
  }

  private static int count(String text, int start, int end, char c) {
    int n = 0;
    for (int i = start; i < end; i++) if (text.charAt(i) == c) n++;
    return n;
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
