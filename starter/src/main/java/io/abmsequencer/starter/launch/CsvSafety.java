package io.abmsequencer.starter.launch;

import java.util.regex.Pattern;

/**
 * Spreadsheet formula injection ("CSV injection") guard for files the product WRITES. Uploaded
 * cells that start like a formula ({@code =SUM(…)}, {@code @acme}, {@code -}, {@code +}) are
 * ordinary data and are stored as typed; only when such a value is exported to a CSV that someone
 * will open in a spreadsheet must it be neutralised, so the spreadsheet shows it as text instead of
 * running it.
 */
public final class CsvSafety {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

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
   * The cell to write to an exported CSV: prefixed with a single quote when it {@link
   * #looksLikeFormula looks like a formula}, unchanged otherwise (null stays null). Apply it to
   * each cell before the CSV printer quotes it.
   */
  public static String neutralise(String cell) {
    return looksLikeFormula(cell) ? "'" + cell : cell;
  }
}
