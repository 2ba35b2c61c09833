package io.abmsequencer.bench.support;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time spent so far by this JVM and by the Temporal dev server it runs as a child process (a Go
 * program, which a JVM profiler cannot see): where a phase's work went, whatever else the machine runs.
 */
public final class Cpu {
  private Cpu() {}

  /** {jvm, dev server} nanoseconds; the server's is 0 when none runs under this JVM. */
  public static long[] now() {
    return new long[] {jvmNanos(), devServerNanos()};
  }

  /** Seconds spent between two readings: {jvm, dev server}. */
  public static double[] since(long[] start) {
    long[] end = now();
    return new double[] {(end[0] - start[0]) / 1e9, (end[1] - start[1]) / 1e9};
  }

  static long jvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static long devServerNanos() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().map(c -> c.contains("server start-dev")).orElse(false))
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }
}
