package io.abmsequencer.starter.reviews;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A tiny line chart of weekly values for an inline SVG ({@code viewBox="0 0 WIDTH HEIGHT"}): the
 * oldest week on the left, zero on the bottom edge, the highest week touching the top.
 */
public record Sparkline(List<Integer> values) {
  public static final int WIDTH = 120;
  public static final int HEIGHT = 28;
  private static final double PAD = 2;

  public Sparkline {
    values = List.copyOf(values);
  }

  /** The polyline's {@code points}: "x,y x,y ...", one decimal. */
  public String points() {
    if (values.isEmpty()) return "";
    int max = Math.max(1, max());
    double step = values.size() == 1 ? 0 : (WIDTH - 2 * PAD) / (values.size() - 1);
    return IntStream.range(0, values.size())
        .mapToObj(i -> format(PAD + i * step) + "," + format(HEIGHT - PAD - (HEIGHT - 2 * PAD) * Math.max(0, values.get(i)) / max))
        .collect(Collectors.joining(" "));
  }

  public int max() {
    return values.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  public int total() {
    return values.stream().mapToInt(Integer::intValue).sum();
  }

  /** The latest week's value (the last seven days). */
  public int last() {
    return values.isEmpty() ? 0 : values.get(values.size() - 1);
  }

  /** The values in words for a screen reader, oldest first. */
  public String series() {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String format(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
