package io.abmsequencer.starter.launch;

import io.abmsequencer.starter.target.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;

/** Where each known column is in the file, read from the header row. */
final class Header {
  final int width;

  /** Cell index per {@link Column#ordinal()}, -1 when the file has no such column. */
  private final int[] index;

  /** The known columns in the order of the file. */
  final List<Column> columns;

  /** Cells with no name: tolerated (spreadsheets add them) as long as they stay empty. */
  final List<Integer> unnamed;

  private Header(int width, int[] index, List<Column> columns, List<Integer> unnamed) {
    this.width = width;
    this.index = index;
    this.columns = columns;
    this.unnamed = unnamed;
  }

  /**
   * Reads the header row; returns null, after reporting it, when the row is not a header at all.
   */
  static Header read(CSVRecord record, int row, Errors errors) {
    int[] index = new int[Column.ALL.size()];
    Arrays.fill(index, -1);
    List<Column> columns = new ArrayList<>();
    List<Integer> unnamed = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<RowError> repeated = new ArrayList<>();
    for (int i = 0; i < record.size(); i++) {
      String cell = record.get(i).strip();
      if (cell.isEmpty()) {
        unnamed.add(i);
        continue;
      }
      Column column = Column.byHeader(cell);
      if (column == null) {
        unknown.add(cell);
      } else if (index[column.ordinal()] >= 0) {
        repeated.add(
            new RowError(
                row,
                cell,
                String.format(
                    "column '%s' appears twice in the header (columns %d and %d): keep one",
                    column.header(), index[column.ordinal()] + 1, i + 1)));
      } else {
        index[column.ordinal()] = i;
        columns.add(column);
      }
    }
    if (columns.isEmpty()) {
      String separator = foreignSeparator(record);
      if (separator != null) {
        errors.add(
            row,
            null,
            "the values are separated by "
                + separator
                + ", not commas: save the file as \"CSV UTF-8 (comma delimited)\"");
        return null;
      }
      String found =
          record.stream()
              .limit(5)
              .map(v -> Text.quote(v.strip()))
              .collect(Collectors.joining(", "));
      errors.add(
          row,
          null,
          "the first row must be the header, naming the columns ("
              + Column.NAMES
              + "); found "
              + found
              + " instead");
      return null;
    }
    List<Column> missing =
        Column.ALL.stream().filter(c -> c.required() && index[c.ordinal()] < 0).toList();
    if (!missing.isEmpty()) {
      errors.add(
          row,
          null,
          "the header is missing the required "
              + (missing.size() == 1 ? "column " : "columns ")
              + Column.names(missing));
    }
    for (String name : unknown) {
      errors.add(
          row,
          name,
          "unknown column " + Text.quote(name) + ": the accepted columns are " + Column.NAMES);
    }
    for (RowError error : repeated) {
      errors.add(error.row(), error.column(), error.message());
    }
    return new Header(record.size(), index, List.copyOf(columns), List.copyOf(unnamed));
  }

  /** "semicolons" or "tabs" when the header reads as one with that separator, else null. */
  private static String foreignSeparator(CSVRecord record) {
    for (String cell : record) {
      for (String[] separator : new String[][] {{";", "semicolons"}, {"\t", "tabs"}}) {
        for (String name : cell.split(separator[0], -1)) {
          if (Column.byHeader(name) != null) {
            return separator[1];
          }
        }
      }
    }
    return null;
  }

  boolean has(Column column) {
    return index[column.ordinal()] >= 0;
  }

  /** The raw cell of a column, or null when the file has no such column. */
  String cell(CSVRecord record, Column column) {
    int i = index[column.ordinal()];
    return i < 0 ? null : record.get(i);
  }
}
