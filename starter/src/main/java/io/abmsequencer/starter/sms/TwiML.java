package io.abmsequencer.starter.sms;

/** The two TwiML answers the inbound webhook gives: nothing, or one text back. */
final class TwiML {
  private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private TwiML() {}

  /** Twilio sends nothing back. */
  static String empty() {
    return PROLOG + "<Response/>";
  }

  /** Twilio texts {@code text} back to the sender. */
  static String message(String text) {
    return PROLOG + "<Response><Message>" + escape(text) + "</Message></Response>";
  }

  /** XML character escaping (not HTML's: its named entities are not XML); drops characters XML 1.0 cannot carry. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
