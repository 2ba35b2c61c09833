package io.abmsequencer.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints a benchmark's tables and writes them where the harness collects them. */
public final class Results {
  private Results() {}

  public static void publish(Args args, Table... tables) {
    StringBuilder text = new StringBuilder();
    for (Table table : tables) text.append(table.markdown()).append("\n");
    System.out.println();
    System.out.print(text);
    System.out.flush();
    Path out = args.out();
    if (out == null) return;
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A progress line, flushed at once (the harness shows it while the benchmark runs). */
  public static void progress(String format, Object... args) {
    System.out.printf(java.util.Locale.ROOT, "  [%s] " + format + "%n", prepend(java.time.LocalTime.now().withNano(0), args));
    System.out.flush();
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
