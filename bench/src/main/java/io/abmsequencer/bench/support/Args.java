package io.abmsequencer.bench.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code name name --key=value ...}: benchmark names and options. */
public final class Args {
  private final List<String> names = new ArrayList<>();
  private final Map<String, String> options = new LinkedHashMap<>();

  public Args(String... args) {
    for (String arg : args) {
      if (arg == null || arg.isBlank()) continue;
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        if (eq < 0) options.put(arg.substring(2), "true");
        else options.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else {
        names.add(arg);
      }
    }
  }

  public List<String> names() {
    return names;
  }

  public Map<String, String> options() {
    return options;
  }

  public int intOption(String key, int defaultValue) {
    String value = options.get(key);
    if (value == null) return defaultValue;
    try {
      return Integer.parseInt(value.replace(",", "").replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + value + "'");
    }
  }

  public String option(String key, String defaultValue) {
    return options.getOrDefault(key, defaultValue);
  }

  /** The project's root directory: {@code --root}, else {@code -Dabm.bench.root}, else the parent of the working directory's bench/. */
  public Path root() {
    String root = options.getOrDefault("root", System.getProperty("abm.bench.root"));
    if (root != null) return Path.of(root).toAbsolutePath().normalize();
    Path here = Path.of("").toAbsolutePath();
    return here.getFileName() != null && here.getFileName().toString().equals("bench") ? here.getParent() : here;
  }

  /** Where the benchmark writes its table ({@code --out}), or null to print only. */
  public Path out() {
    String out = options.get("out");
    return out == null ? null : Path.of(out);
  }
}
