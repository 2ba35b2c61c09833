package io.abmsequencer.bench.support;

import java.util.Arrays;
import java.util.List;

/** Small statistics over repeated measurements. */
public final class Stats {
  private Stats() {}

  public static double median(List<Double> values) {
    if (values.isEmpty()) throw new IllegalArgumentException("no values");
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  public static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  public static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  public static double mean(double... values) {
    return Arrays.stream(values).average().orElseThrow();
  }

  public static double seconds(long nanos) {
    return nanos / 1e9;
  }

  public static double millis(long nanos) {
    return nanos / 1e6;
  }
}
