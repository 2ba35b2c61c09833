package io.abmsequencer.starter.launch;

import io.abmsequencer.starter.launch.StrictUtf8Reader.NotUtf8Exception;
import io.abmsequencer.starter.launch.StrictUtf8Reader.RecordTooLongException;
import io.abmsequencer.starter.target.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a target account list (TAL) uploaded as CSV and validates it whole: every problem in every
 * row is reported, and accounts are returned only when there is none, so a launch never starts half
 * a list.
 *
 * <p>Format: a header row, then one row per contact, an account's rows together; UTF-8 with or
 * without a byte order mark; RFC 4180 quoting (quoted values may hold commas, quotes written twice,
 * and line breaks). Columns, in any order, names trimmed and in any case: {@code account_id,
 * account_name, domain, industry, tier, owner, email, first_name, last_name, title, role, phone,
 * timezone, sms_consent}. The columns whose value is required on every row ({@code account_id,
 * account_name, tier, owner, email, first_name, role}) must be in the header; the others may be
 * left out. Fully empty rows are skipped. See {@link ContactRules} and {@link AccountRules} for
 * each value's rules.
 *
 * <p>Limits, for hostile input: {@value #MAX_ROWS} contact rows (reading stops at the next one),
 * {@value #MAX_FIELD_CHARS} characters per value, and {@value #MAX_ERRORS} errors listed (then one
 * "... and N more errors" entry).
 */
public final class TargetAccountCsv {

  public static final int MAX_ROWS = 100_000;
  public static final int MAX_FIELD_CHARS = Text.MAX_FIELD_CHARS;
  public static final int MAX_ERRORS = 1_000;

  /**
   * How many characters one record may take before reading stops. A valid record is at most 14
   * values of 2,000 characters; this bounds memory when a quote is never closed.
   */
  static final int MAX_RECORD_CHARS = 100_000;

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

  private TargetAccountCsv() {}

  /**
   * The outcome of reading a file.
   *
   * @param accounts in order of first appearance; empty whenever there is an error
   * @param errors every problem found, file-level ones first, capped at {@link #MAX_ERRORS} plus a
   *     final "... and N more errors" entry
   * @param rows how many contact rows were read (the header and empty rows not counted)
   */
  public record Result(List<TargetAccount> accounts, List<RowError> errors, int rows) {
    public Result {
      accounts = List.copyOf(accounts);
      errors = List.copyOf(errors);
    }

    /** True when the file had no problem at all: the accounts may be launched. */
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /**
   * Reads and validates the whole file. Does not close the stream.
   *
   * @throws UncheckedIOException only when the stream itself fails; bad content is reported in the
   *     result, never thrown
   */
  public static Result read(InputStream in) {
    return new Reading().run(in);
  }

  /** The state of one read. */
  private static final class Reading {
    private final Errors errors = new Errors(MAX_ERRORS);
    private Header header;
    private RowChecker checker;
    private int rows;
    private int emptyRows;

    Result run(InputStream in) {
      StrictUtf8Reader reader = new StrictUtf8Reader(in, MAX_RECORD_CHARS);
      int start = 1;
      try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
          // The iterator reads the next record in hasNext(): take the line first.
          start = (int) Math.min(Integer.MAX_VALUE, parser.getCurrentLineNumber() + 1);
          if (!records.hasNext()) {
            break;
          }
          CSVRecord record = records.next();
          reader.recordBoundary();
          if (!accept(record, start)) {
            return finish();
          }
        }
        if (header != null && rows == 0) {
          errors.fatal(
              RowError.file(
                  "no rows: the file has a header but no contacts; add one row per contact below"
                      + " the header"));
        } else if (header == null) {
          errors.fatal(
              RowError.file(
                  "no rows: the file is empty; it needs a header row naming the columns ("
                      + Column.NAMES
                      + ") and one row per contact"));
        }
      } catch (UncheckedIOException e) {
        stopped(e.getCause(), start);
      } catch (IOException e) {
        stopped(e, start);
      }
      return finish();
    }

    private Result finish() {
      if (!errors.isEmpty()) {
        return new Result(List.of(), errors.list(), rows);
      }
      return new Result(checker.accounts(), List.of(), rows);
    }

    /** Reading stopped on bad content (reported) or on a failing stream (rethrown). */
    private void stopped(IOException e, int start) {
      if (e instanceof NotUtf8Exception notUtf8) {
        errors.fatal(
            RowError.file(
                "the file is not UTF-8: first bad byte at line "
                    + notUtf8.line
                    + "; save it as CSV UTF-8"));
      } else if (e instanceof RecordTooLongException) {
        errors.fatal(
            new RowError(
                start,
                null,
                String.format(
                    Locale.ROOT,
                    "the row starting here is longer than %,d characters, most likely because a"
                        + " quote (\") is never closed; the rest of the file was not read",
                    MAX_RECORD_CHARS)));
      } else if (e instanceof CSVException csv) {
        errors.fatal(new RowError(start, null, syntaxMessage(csv)));
      } else {
        throw new UncheckedIOException(e);
      }
    }

    private static String syntaxMessage(CSVException e) {
      String detail = String.valueOf(e.getMessage());
      if (detail.contains("EOF reached before encapsulated token finished")) {
        return "a value in double quotes starts in this row and is never closed: the file ends"
            + " inside the quotes; add the missing \"";
      }
      if (detail.contains("Invalid character between encapsulated token and delimiter")) {
        return "a value in double quotes is followed by more text before the next comma (like"
            + " \"Acme\" Inc): inside quotes, write a quote as two quotes (\"\"); the rest of"
            + " the file was not read";
      }
      return "this row is not valid CSV; the rest of the file was not read";
    }

    /** Handles one record; false to stop reading. */
    private boolean accept(CSVRecord record, int row) {
      if (isEmpty(record)) {
        if (++emptyRows > MAX_ROWS) {
          errors.fatal(
              RowError.file(
                  String.format(
                      Locale.ROOT,
                      "the file has more than %,d empty rows; the rest of the file was not read",
                      MAX_ROWS)));
          return false;
        }
        return true;
      }
      if (header == null) {
        header = Header.read(record, row, errors);
        if (header == null) {
          return false;
        }
        checker = new RowChecker(header, errors);
        return true;
      }
      if (++rows > MAX_ROWS) {
        rows = MAX_ROWS;
        errors.fatal(
            RowError.file(
                String.format(
                    Locale.ROOT,
                    "the file has more than %,d rows, the most one upload can have: split it into"
                        + " several files; reading stopped at row %,d",
                    MAX_ROWS,
                    row)));
        return false;
      }
      checker.check(record, row);
      return true;
    }

    private static boolean isEmpty(CSVRecord record) {
      for (String value : record) {
        if (!value.isBlank()) {
          return false;
        }
      }
      return true;
    }
  }
}
