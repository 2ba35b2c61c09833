package io.abmsequencer.bench.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One benchmark's result as a Markdown table, with notes under it. */
public final class Table {
  private final String title;
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public Table(String title, String... header) {
    this.title = title;
    this.header = List.of(header);
  }

  public Table row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("a row of " + header.size() + " cells expected, got " + Arrays.toString(cells));
    }
    rows.add(List.of(cells));
    return this;
  }

  public Table note(String format, Object... args) {
    notes.add(String.format(Locale.ROOT, format, args));
    return this;
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(title).append("\n\n");
    out.append("| ").append(String.join(" | ", header)).append(" |\n");
    out.append("|").append("---|".repeat(header.size())).append("\n");
    for (List<String> row : rows) out.append("| ").append(String.join(" | ", row)).append(" |\n");
    if (!notes.isEmpty()) {
      out.append("\n");
      for (String note : notes) out.append("- ").append(note).append("\n");
    }
    return out.toString();
  }

  // ---- formatting shared by the benchmarks ----------------------------------------------------

  public static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  public static String num(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** PASS when {@code value >= goal}. */
  public static String atLeast(double value, double goal) {
    return value >= goal ? "PASS" : "MISS";
  }

  /** PASS when {@code value <= goal}. */
  public static String atMost(double value, double goal) {
    return value <= goal ? "PASS" : "MISS";
  }

  /** PASS when {@code value < goal}. */
  public static String below(double value, double goal) {
    return value < goal ? "PASS" : "MISS";
  }
}
