package io.abmsequencer.starter.scorecard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Geometry of the scorecard's two charts, drawn as inline SVG by the template: no chart library,
 * nothing to load, readable with CSS off. Pure, so the numbers behind each mark are testable.
 */
final class Charts {
  private Charts() {}

  /** A y-axis line and its label. */
  record Tick(double y, String label) {}

  /** One point of the line: where, and what it says on hover and to screen readers. */
  record Dot(double x, double y, String label) {}

  record XLabel(double x, String label) {}

  /**
   * @param path the line's {@code points} attribute (weeks without accounts are left out)
   */
  record Line(int width, int height, double left, double bottom, double right, String path, List<Dot> dots, List<Tick> ticks,
      List<XLabel> xLabels) {}

  record Bar(double y, double width, String label, String value) {}

  record Bars(int width, int height, double left, double barHeight, List<Bar> bars) {}

  static final int WIDTH = 760;

  static Line line(List<Scorecard.Trend> trend) {
    int height = 260;
    double left = 56, right = WIDTH - 36, top = 16, bottom = height - 40;
    double max = niceCeiling(trend.stream().map(Scorecard.Trend::averageScore).filter(v -> v != null).mapToDouble(Double::doubleValue).max()
        .orElse(0));
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      double value = max * i / 4;
      ticks.add(new Tick(round(bottom - (bottom - top) * i / 4), format(value)));
    }
    List<Dot> dots = new ArrayList<>();
    List<XLabel> labels = new ArrayList<>();
    StringBuilder path = new StringBuilder();
    int n = trend.size();
    for (int i = 0; i < n; i++) {
      Scorecard.Trend t = trend.get(i);
      double x = round(n == 1 ? (left + right) / 2 : left + (right - left) * i / (n - 1));
      String day = t.weekEnding().getDayOfMonth() + " " + t.weekEnding().getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
      if (n <= 13 || i % 2 == (n - 1) % 2) labels.add(new XLabel(x, day));
      if (t.averageScore() == null) continue;
      double y = round(bottom - (bottom - top) * t.averageScore() / max);
      if (!path.isEmpty()) path.append(' ');
      path.append(x).append(',').append(y);
      dots.add(new Dot(x, y, "Week to " + day + ": " + format(t.averageScore()) + " average over " + t.accounts() + " accounts"));
    }
    return new Line(WIDTH, height, left, bottom, right, path.toString(), dots, ticks, labels);
  }

  static Bars bars(List<String> labels, List<Long> values) {
    // Narrower than the line: it sits in the smaller column at 1280 px and its text must stay readable.
    int width = 480;
    double barHeight = 26, gap = 10, left = 190, maxWidth = width - left - 50;
    long max = values.stream().mapToLong(Long::longValue).max().orElse(1);
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      double length = max == 0 ? 0 : Math.max(2, round(maxWidth * values.get(i) / max));
      bars.add(new Bar(i * (barHeight + gap), length, labels.get(i), String.valueOf(values.get(i))));
    }
    int height = (int) Math.max(barHeight, labels.size() * (barHeight + gap) - gap);
    return new Bars(width, height, left, barHeight, bars);
  }

  /** 0 → 10; otherwise the next of 1, 2, 2.5, 5 × 10^n at or above the value. */
  static double niceCeiling(double value) {
    if (value <= 0) return 10;
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) return step * magnitude;
    }
    return 10 * magnitude;
  }

  static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
