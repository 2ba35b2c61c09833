package io.abmsequencer.starter.target;

import java.util.regex.Pattern;

/**
 * Spreadsheet formula injection ("CSV injection"), on the way in and on the way out. Uploaded values
 * that are formulas ({@link #isFormula}: {@code =HYPERLINK(…)}, {@code @SUM(…)}, {@code +cmd|…})
 * are refused: no name, title or industry is one, and stored they would reach e-mails and exports.
 * Values that only start like one ({@code +Ada}, {@code -}, {@code @Home}) are ordinary data and are
 * stored as typed; when any value is exported to a CSV that someone will open in a spreadsheet it is
 * neutralised ({@link #neutralise}), so the spreadsheet shows it as text instead of running it.
 */
public final class CsvSafety {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  /**
   * After a leading + - or @: a function call ({@code SUM(}) or a DDE link ({@code cmd|'/C calc'!A0}:
   * application, pipe, topic, bang). A pipe alone is data ({@code - Founder | CEO}).
   */
  private static final Pattern CALL = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*\\(|[A-Za-z0-9]\\|[^!]*!");

  private CsvSafety() {}

  /**
   * Whether a spreadsheet could read the cell as a formula: it starts with {@code =}, {@code +},
   * {@code -}, {@code @}, a tab or a carriage return. A plain E.164 phone number ({@code
   * +14155550100}) is not: it is only digits and is how phones are exported.
   */
  public static boolean looksLikeFormula(String cell) {
    if (cell == null || cell.isEmpty()) {
      return false;
    }
    char first = cell.charAt(0);
    boolean trigger =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return trigger && !E164.matcher(cell).matches();
  }

  /**
   * Whether an uploaded value is a spreadsheet formula rather than data: it starts with {@code =},
   * or with {@code +}, {@code -} or {@code @} and calls a function or a DDE link. {@code +Ada},
   * {@code -Lovelace}, {@code @SaaS} and phone numbers are data.
   */
  public static boolean isFormula(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    if (first == '=') {
      return true;
    }
    return (first == '+' || first == '-' || first == '@') && CALL.matcher(value).find();
  }

  /**
   * The cell to write to an exported CSV: prefixed with a single quote when it {@link
   * #looksLikeFormula looks like a formula}, unchanged otherwise (null stays null). Apply it to
   * each cell before the CSV printer quotes it.
   */
  public static String neutralise(String cell) {
    return looksLikeFormula(cell) ? "'" + cell : cell;
  }
}
