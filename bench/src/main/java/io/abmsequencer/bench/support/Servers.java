package io.abmsequencer.bench.support;

import io.abmsequencer.worker.devserver.DevServer;
import io.abmsequencer.worker.devserver.TemporalCli;
import io.abmsequencer.workflows.sequence.SequenceSearchAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two Temporal servers a benchmark can run against: the real one (the Temporal CLI's dev server,
 * what embedded mode runs by default and what production mode's server is made of) and the in-memory
 * Java test server (embedded mode's fallback). {@code --server=dev|in-memory|both} (default both).
 */
public final class Servers {
  private Servers() {}

  public enum Kind {
    DEV("dev", "the real Temporal dev server"),
    IN_MEMORY("in-memory", "the in-memory Java test server");

    public final String option;
    public final String words;

    Kind(String option, String words) {
      this.option = option;
      this.words = words;
    }

    public static Kind of(String option) {
      for (Kind k : values()) if (k.option.equals(option.trim().toLowerCase(Locale.ROOT))) return k;
      throw new IllegalArgumentException("--server must be dev, in-memory or both, got '" + option + "'");
    }
  }

  /** The servers {@code --server} selects, real first. */
  public static List<Kind> selected(Args args) {
    String value = args.option("server", "both").trim().toLowerCase(Locale.ROOT);
    return value.equals("both") ? List.of(Kind.DEV, Kind.IN_MEMORY) : List.of(Kind.of(value));
  }

  /** The one server a benchmark's own JVM runs against ({@code --server}, which the harness always sets). */
  public static Kind one(Args args) {
    List<Kind> kinds = selected(args);
    if (kinds.size() != 1) throw new IllegalArgumentException("this benchmark runs against one server at a time: --server=dev or --server=in-memory");
    return kinds.get(0);
  }

  /**
   * The Temporal CLI as the product finds it (a configured path is not used here: {@code temporal} on
   * the PATH, the product's cache under {@code ~/.abm-sequencer/cli}, else the pinned release
   * downloaded and verified), or why none can be had.
   */
  public static TemporalCli.Found cli() throws TemporalCli.Unavailable {
    Path cache = Path.of(System.getProperty("user.home"), ".abm-sequencer", "cli");
    return TemporalCli.find(TemporalCli.Options.defaults(cache), line -> Results.progress("%s", line));
  }

  /** A one-line reason for a table: the dev-server half is skipped. */
  public static String skipped(TemporalCli.Unavailable e) {
    return "dev server skipped: no Temporal CLI could be had (" + e.getMessage() + ")";
  }

  /**
   * Starts the dev server headless on free loopback ports, the product's search attributes registered;
   * {@code databaseFile} null keeps its state in memory (SQLite in memory), else in that file.
   */
  public static DevServer startDev(TemporalCli.Found cli, Path databaseFile, Path logFile) throws IOException {
    Map<String, String> attributes = new LinkedHashMap<>();
    SequenceSearchAttributes.definitions().forEach((name, type) -> attributes.put(name, cliType(type)));
    return DevServer.start(new DevServer.Options(cli.executable(), "127.0.0.1", freePort(), -1, databaseFile, logFile,
        attributes, null, Duration.ofSeconds(90)));
  }

  static String cliType(io.temporal.api.enums.v1.IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> throw new IllegalArgumentException("no CLI name for " + type);
    };
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code --server=X} replaced by {@code --server=kind}, the other options kept. */
  public static List<String> withServer(List<String> options, Kind kind) {
    List<String> out = new ArrayList<>();
    for (String o : options) if (!o.startsWith("--server=")) out.add(o);
    out.add("--server=" + kind.option);
    return out;
  }
}
