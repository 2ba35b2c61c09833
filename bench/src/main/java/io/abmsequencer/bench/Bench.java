package io.abmsequencer.bench;

import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Servers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark harness (issue 8). Every figure is a ratio against a baseline measured in the same
 * run on the same machine (these machines are shared and noisy); absolute times are context only.
 * Results and their reading go to {@code bench/REPORT.md}.
 *
 * <pre>
 * ./mvnw -q -pl bench -am install -DskipTests && ./mvnw -q -pl bench exec:java
 * ./mvnw -q -pl bench exec:java -Dexec.args="launch send --size=500"
 * ./mvnw -q -pl bench exec:java -Dexec.args="launch footprint --server=dev"
 * </pre>
 *
 * Each benchmark runs in a fresh JVM (a clean heap, no state from the one before); this class only
 * starts them in turn, shows their progress and collects their tables into
 * {@code bench/target/bench-results/}.
 */
public final class Bench {

  /** Benchmark name → main class, in the order a full run takes them. */
  static final Map<String, String> BENCHMARKS = new LinkedHashMap<>();

  static {
    BENCHMARKS.put("preview", "io.abmsequencer.bench.preview.PreviewBench");
    BENCHMARKS.put("simulation", "io.abmsequencer.bench.simulation.SimulationBench");
    BENCHMARKS.put("history", "io.abmsequencer.bench.history.HistoryBench");
    BENCHMARKS.put("send", "io.abmsequencer.bench.send.SendBench");
    BENCHMARKS.put("footprint", "io.abmsequencer.bench.footprint.FootprintBench");
    BENCHMARKS.put("launch", "io.abmsequencer.bench.launch.LaunchBench");
    BENCHMARKS.put("list", "io.abmsequencer.bench.sequences.ListBench");
    BENCHMARKS.put("badinput", "io.abmsequencer.bench.badinput.BadInputBench");
    BENCHMARKS.put("actions", "io.abmsequencer.bench.actions.ActionsBench");
    BENCHMARKS.put("recovery", "io.abmsequencer.bench.recovery.RecoveryBench");
  }

  /** These run once per server {@code --server} selects (default both): raw baseline and product on the same server each time. */
  static final java.util.Set<String> PER_SERVER = java.util.Set.of("launch", "footprint");

  /** These run inside the starter's executable jar, which holds the product's classes. */
  static final java.util.Set<String> IN_PRODUCT_JAR = java.util.Set.of("launch", "list", "badinput");

  /** Starts a class of the starter's executable jar, with bench's classes on its loader path. */
  static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    List<String> selected = args.names().isEmpty() ? new ArrayList<>(BENCHMARKS.keySet()) : args.names();
    for (String name : selected) {
      if (!BENCHMARKS.containsKey(name)) {
        System.err.println("Unknown benchmark '" + name + "'; choose from " + BENCHMARKS.keySet()
            + " (none = all), options --size=N (accounts, sequences, touches, list rows; default 5000; badinput: rows of its lists,"
            + " default 100000), --events=N (history; default 10000), --reps=N (simulation, default 15; badinput, default 7),"
            + " --server=dev|in-memory|both (launch, footprint; default both), --parked=N (recovery; default 2000),"
            + " --product-jar=PATH (launch, list: another build of the product, for a before/after comparison)");
        System.exit(2);
      }
    }
    Path root = args.root();
    Path results = root.resolve("bench/target/bench-results");
    Files.createDirectories(results);
    List<String> passOn = new ArrayList<>();
    args.options().forEach((k, v) -> passOn.add("--" + k + "=" + v));
    passOn.add("--root=" + root);

    System.out.println(header(args));
    Map<String, Integer> exitCodes = new LinkedHashMap<>();
    long allStart = System.nanoTime();
    // One run per benchmark, or per benchmark and server: "launch-dev", "launch-in-memory".
    Map<String, List<String>> runs = new LinkedHashMap<>();
    for (String name : selected) {
      if (PER_SERVER.contains(name)) {
        for (Servers.Kind kind : Servers.selected(args)) runs.put(name + "-" + kind.option, Servers.withServer(passOn, kind));
      } else {
        runs.put(name, passOn);
      }
    }
    for (var run : runs.entrySet()) {
      String id = run.getKey();
      String name = benchmarkOf(id);
      Path out = results.resolve(id + ".md");
      Files.deleteIfExists(out);
      List<String> childArgs = new ArrayList<>(run.getValue());
      childArgs.add("--out=" + out);
      List<String> command = IN_PRODUCT_JAR.contains(name) ? productJarCommand(root, name, childArgs) : Jvm.command(jvmOptions(name), Jvm.classpath(), BENCHMARKS.get(name), childArgs);
      System.out.println();
      System.out.println("== " + id + " ==");
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).inheritIO().start();
      int rc = process.waitFor();
      exitCodes.put(id, rc);
      System.out.printf(Locale.ROOT, "== %s: %s in %.0f s ==%n", id, rc == 0 ? "done" : "FAILED (exit " + rc + ")",
          (System.nanoTime() - start) / 1e9);
    }

    StringBuilder report = new StringBuilder(header(args)).append("\n");
    for (String id : runs.keySet()) {
      Path out = results.resolve(id + ".md");
      if (Files.exists(out)) report.append(Files.readString(out)).append("\n");
      else report.append("### ").append(id).append("\n\nFAILED (exit ").append(exitCodes.get(id)).append("): no table.\n\n");
    }
    Path summary = results.resolve("summary.md");
    Files.writeString(summary, report.toString());
    System.out.println();
    System.out.println("================ results (also in " + root.relativize(summary) + ") ================");
    System.out.println(report);
    System.out.printf(Locale.ROOT, "All done in %s.%n", Duration.ofSeconds((System.nanoTime() - allStart) / 1_000_000_000L));
    if (exitCodes.values().stream().anyMatch(rc -> rc != 0)) System.exit(1);
  }

  /** "launch-dev" → "launch". */
  static String benchmarkOf(String runId) {
    for (Servers.Kind kind : Servers.Kind.values()) {
      if (runId.endsWith("-" + kind.option)) return runId.substring(0, runId.length() - kind.option.length() - 1);
    }
    return runId;
  }

  /** Fixed heap bounds so the footprint's worker JVMs and the others are comparable run to run. */
  private static List<String> jvmOptions(String name) {
    List<String> options = new ArrayList<>(List.of("-XX:+UseG1GC", "-Dabm.bench=true"));
    if (name.equals("footprint") || name.equals("history") || name.equals("simulation") || name.equals("actions")) options.add("-Xmx2g");
    options.addAll(diagnosticOptions());
    return options;
  }

  /**
   * Extra JVM options for a diagnosis, from the environment variable {@code BENCH_JVM_OPTIONS}
   * (e.g. {@code -XX:StartFlightRecording=filename=launch.jfr,settings=profile}); none by default.
   */
  static List<String> diagnosticOptions() {
    String extra = System.getenv("BENCH_JVM_OPTIONS");
    return extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
  }

  /** The launch, list and badinput benchmarks run in the product's own executable jar with bench's classes added. */
  private static List<String> productJarCommand(Path root, String name, List<String> args) throws IOException {
    // --product-jar=PATH: another build of the product (a before/after comparison); default this tree's.
    String other = args.stream().filter(a -> a.startsWith("--product-jar=")).map(a -> a.substring("--product-jar=".length()))
        .findFirst().orElse(null);
    Path jar = other != null ? Path.of(other) : root.resolve("starter/target/abm-sequencer.jar");
    Path classes = root.resolve("bench/target/classes");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first with ./mvnw -q -pl bench -am install -DskipTests");
    }
    List<String> command = new ArrayList<>();
    command.add(Jvm.java());
    command.add("-XX:+UseG1GC");
    command.addAll(diagnosticOptions());
    command.add("-Dloader.path=" + classes);
    command.add("-Dloader.main=" + BENCHMARKS.get(name));
    command.add("-cp");
    command.add(jar.toString());
    command.add(LAUNCHER);
    command.addAll(args);
    return command;
  }

  static String header(Args args) {
    Runtime rt = Runtime.getRuntime();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long totalMemory = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      totalMemory = os.getTotalMemorySize();
    }
    return String.format(Locale.ROOT, "## %s — %d cores, %.0f GiB, %s %s (%s), load average %.2f at start%n%nOptions: %s%n",
        ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")), rt.availableProcessors(),
        totalMemory / (1024.0 * 1024 * 1024), System.getProperty("java.vm.name"), System.getProperty("java.version"),
        System.getProperty("os.name"), load, args.options().isEmpty() ? "defaults" : args.options());
  }
}
