package io.abmsequencer.bench.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts benchmark code in a fresh JVM: a clean heap, no JIT or Spring state from the one before. */
public final class Jvm {
  private Jvm() {}

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The benchmarks' classpath: bench's classes and the runtime dependencies Maven listed in
   * {@code bench/target/bench-classpath.txt} when it built the module; when run straight from a
   * classpath (an IDE, {@code java -cp}), that one.
   */
  public static String classpath() {
    String root = System.getProperty("abm.bench.root");
    Path listed = root == null ? null : Path.of(root, "bench", "target", "bench-classpath.txt");
    List<String> entries = new ArrayList<>();
    if (listed != null && Files.exists(listed)) {
      entries.add(Path.of(root, "bench", "target", "classes").toString());
      try {
        for (String e : Files.readString(listed).trim().split(File.pathSeparator)) {
          if (!e.isBlank() && !e.endsWith(".pom")) entries.add(e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
        if (!e.isBlank() && !e.endsWith(".pom")) entries.add(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Runs a benchmark's body and ends its JVM: 0 when it finished, 1 with the reason when it failed (lingering threads cannot hold it). */
  public static void main(String name, Body body) {
    int rc = 0;
    try {
      body.run();
    } catch (Throwable e) {
      System.err.println(name + " failed: " + e);
      e.printStackTrace();
      rc = 1;
    }
    System.out.flush();
    System.err.flush();
    // Shutdown hooks run (a JFR recording is written, for one); one that hangs cannot keep the JVM.
    int code = rc;
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(code);
    }, "exit-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    System.exit(rc);
  }

  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /** {@code java <jvmOptions> -cp <classpath> <mainClass> <args>}. */
  public static List<String> command(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
