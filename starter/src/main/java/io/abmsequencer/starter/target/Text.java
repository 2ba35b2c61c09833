package io.abmsequencer.starter.target;

import java.util.Locale;

/** Checks shared by every field: length, invisible characters, and how values are quoted back. */
public final class Text {
  /** The longest value any field may have, in characters. */
  public static final int MAX_FIELD_CHARS = 2_000;

  private static final int ECHO_CHARS = 60;

  private Text() {}

  /**
   * Strips surrounding white space; null or blank gives null.
   *
   * @param multiline whether line breaks may stay inside the value (free text like a title)
   * @throws InvalidValue when the value is too long, has invisible control characters or is a
   *     spreadsheet formula ({@link CsvSafety#isFormula})
   */
  public static String clean(String raw, boolean multiline) {
    if (raw == null) {
      return null;
    }
    if (raw.length() > MAX_FIELD_CHARS) {
      throw new InvalidValue(
          String.format(
              Locale.ROOT,
              "the value is %,d characters long; the most allowed is %,d",
              raw.length(),
              MAX_FIELD_CHARS));
    }
    String value = raw.strip();
    if (value.isEmpty()) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r') {
        if (!multiline) {
          throw new InvalidValue(
              quote(value) + " is split over several lines; put the value on one line");
        }
      } else if (c != '\t' && Character.isISOControl(c)) {
        throw new InvalidValue(
            String.format(
                Locale.ROOT,
                "%s contains an invisible control character (U+%04X); remove it",
                quote(value),
                (int) c));
      }
    }
    if (CsvSafety.isFormula(value)) {
      throw new InvalidValue(
          quote(value)
              + " is a spreadsheet formula, not a value: formulas are refused so they can never run"
              + " where the list is opened; type the value itself");
    }
    return value;
  }

  /** The value in single quotes, shortened when long, for use inside a message. */
  public static String quote(String value) {
    String shown = value;
    if (shown.length() > ECHO_CHARS) {
      int end = ECHO_CHARS - 1;
      if (Character.isHighSurrogate(shown.charAt(end - 1))) {
        end--;
      }
      shown = shown.substring(0, end) + "…";
    }
    StringBuilder out = new StringBuilder(shown.length() + 2).append('\'');
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c == '\n' || c == '\r') {
        out.append(' ');
      } else if (Character.isISOControl(c) && c != '\t') {
        out.append('?');
      } else {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }
}
