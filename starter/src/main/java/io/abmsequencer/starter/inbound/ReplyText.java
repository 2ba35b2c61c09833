package io.abmsequencer.starter.inbound;

import java.util.regex.Pattern;

/**
 * What a person newly wrote in a reply: the text above the quoted history. The SDR reads the
 * excerpt in their inbox, and dates in quoted history (our own e-mail, "On Jan 4 Sam wrote:") must
 * not be taken for an out-of-office return date.
 */
final class ReplyText {

  static final int EXCERPT_LENGTH = 300;

  /**
   * Lines where quoted history starts, in the languages of the auto-reply detection. The attribution
   * line may be wrapped over two lines by the sending client, hence the one optional line break.
   */
  private static final Pattern HISTORY_START = Pattern.compile(
      "(?im)^[ \\t]*("
          + "on\\b[^\\n]*(\\n[^\\n]*)?\\bwrote:"
          + "|am\\b[^\\n]*(\\n[^\\n]*)?\\bschrieb[^\\n]*:"
          + "|le\\b[^\\n]*(\\n[^\\n]*)?\\ba écrit ?:"
          + "|el\\b[^\\n]*(\\n[^\\n]*)?\\bescribió:"
          + "|op\\b[^\\n]*(\\n[^\\n]*)?\\bschreef[^\\n]*:"
          + "|-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|oorspronkelijk bericht)\\s*-{2,}"
          + "|_{10,}"
          + "|(from|von|de|van) ?:[^\\n]*\\n\\s*(sent|gesendet|envoyé|enviado|verzonden|date|datum) ?:"
          + ")");
  private static final Pattern SIGNATURE = Pattern.compile("(?m)^-- ?$");

  private ReplyText() {}

  /** The text before the quoted history, without {@code >} lines and without the signature. */
  static String fresh(String body) {
    if (body == null) return "";
    String text = body.replace("\r\n", "\n").replace('\r', '\n');
    var history = HISTORY_START.matcher(text);
    if (history.find()) text = text.substring(0, history.start());
    var signature = SIGNATURE.matcher(text);
    if (signature.find()) text = text.substring(0, signature.start());
    StringBuilder kept = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.stripLeading().startsWith(">")) kept.append(line).append('\n');
    }
    return kept.toString().strip();
  }

  /** The first ~{@value #EXCERPT_LENGTH} characters of the new text, on one line, cut at a word. */
  static String excerpt(String body) {
    String oneLine = fresh(body).replaceAll("\\s+", " ").strip();
    if (oneLine.length() <= EXCERPT_LENGTH) return oneLine;
    int cut = oneLine.lastIndexOf(' ', EXCERPT_LENGTH);
    if (cut < EXCERPT_LENGTH / 2) cut = EXCERPT_LENGTH;
    return oneLine.substring(0, cut).stripTrailing() + "…";
  }
}
