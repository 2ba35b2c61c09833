package io.abmsequencer.starter.embedded;

import io.abmsequencer.worker.devserver.DevServer;
import io.abmsequencer.worker.devserver.TemporalCli;
import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Temporal of embedded mode: the official CLI's development server as a managed child
 * process, its state in a SQLite file under {@code abm.embedded.temporal.data-dir}, so sequences
 * survive a restart, and its Web UI beside it. Holds the data directory's lock for as long as it runs.
 */
public final class EmbeddedDevServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDevServer.class);
  static final String DATABASE_FILE = "temporal.db";
  static final String LOG_FILE = "temporal-server.log";

  private final DevServer server;
  private final DataDirectoryLock lock;
  private final TemporalCli.Found cli;
  private final Path dataDirectory;
  private final boolean temporary;

  private EmbeddedDevServer(DevServer server, DataDirectoryLock lock, TemporalCli.Found cli, Path dataDirectory, boolean temporary) {
    this.server = server;
    this.lock = lock;
    this.cli = cli;
    this.dataDirectory = dataDirectory;
    this.temporary = temporary;
  }

  /** Finds the CLI as {@link TemporalCli#find} does, with the settings' paths and download address. */
  static TemporalCli.Found findCli(EmbeddedSettings settings) throws TemporalCli.Unavailable {
    TemporalCli.Options options = new TemporalCli.Options(
        settings.temporalCliPath() == null ? null : Path.of(settings.temporalCliPath()),
        true,
        Path.of(settings.temporalCliCache()),
        settings.temporalCliDownload(),
        settings.temporalCliDownloadUrl(),
        settings.temporalCliSha256());
    return TemporalCli.find(options, line -> log.info(line));
  }

  /** Starts the dev server with {@code cli}; the ports were checked by the caller. */
  static EmbeddedDevServer start(EmbeddedSettings settings, TemporalCli.Found cli, Map<String, IndexedValueType> searchAttributes) {
    boolean temporary = settings.temporalTemporary();
    Path dataDirectory;
    try {
      dataDirectory = temporary ? Files.createTempDirectory("abm-temporal-") : Path.of(settings.temporalDataDir());
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new EmbeddedStartupException(
          "could not create " + EmbeddedSettings.TEMPORAL_DATA_DIR + " " + settings.temporalDataDir() + ": " + e.getMessage(),
          "set " + EmbeddedSettings.TEMPORAL_DATA_DIR + " to a directory you can write to", e);
    }
    DataDirectoryLock lock = temporary ? null : DataDirectoryLock.acquire(dataDirectory, EmbeddedSettings.TEMPORAL_DATA_DIR);
    int port = settings.temporalPort() == 0 ? Ports.free() : settings.temporalPort();
    int uiPort = settings.temporalUiPort() == 0 ? Ports.free() : settings.temporalUiPort();
    Map<String, String> attributes = new LinkedHashMap<>();
    searchAttributes.forEach((name, type) -> attributes.put(name, cliType(type)));
    DevServer.Options options = new DevServer.Options(
        cli.executable(),
        Ports.LOOPBACK.getHostAddress(),
        port,
        uiPort,
        dataDirectory.resolve(DATABASE_FILE),
        dataDirectory.resolve(LOG_FILE),
        attributes,
        settings.temporalUiCodecEndpoint(),
        Duration.ofSeconds(60));
    try {
      return new EmbeddedDevServer(DevServer.start(options), lock, cli, dataDirectory, temporary);
    } catch (IOException | RuntimeException e) {
      if (lock != null) lock.close();
      if (temporary) deleteTree(dataDirectory);
      if (!Ports.isFree(port)) {
        throw Ports.inUse(port, EmbeddedSettings.TEMPORAL_PORT, "Temporal server", e);
      }
      throw new EmbeddedStartupException(
          "the Temporal dev server (" + cli.executable() + ") did not start on " + EmbeddedSettings.TEMPORAL_PORT + " " + port
              + " with " + EmbeddedSettings.TEMPORAL_DATA_DIR + " " + dataDirectory + ": " + e.getMessage(),
          "see " + options.logFile() + "; set " + EmbeddedSettings.TEMPORAL_SERVER + "=in-memory to run without it, or "
              + EmbeddedSettings.TEMPORAL_TARGET + " to use your own Temporal",
          e);
    }
  }

  /** The CLI's names for the types of {@code --search-attribute}. */
  static String cliType(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> throw new IllegalArgumentException("no CLI name for " + type);
    };
  }

  public String target() {
    return server.target();
  }

  public int port() {
    return server.port();
  }

  /** The Web UI, {@code http://localhost:8233} by default (it listens on loopback only). */
  public String uiUrl() {
    return server.uiUrl() == null ? null : server.uiUrl().replace("://" + Ports.LOOPBACK.getHostAddress() + ":", "://localhost:");
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  public boolean temporary() {
    return temporary;
  }

  public Path logFile() {
    return server.logFile();
  }

  /** Where the CLI came from and its version, for the banner. */
  public TemporalCli.Found cli() {
    return cli;
  }

  /** Stops the server (its state stays in the data directory, unless that is temporary). */
  @Override
  public void close() {
    server.close();
    if (lock != null) lock.close();
    if (temporary) deleteTree(dataDirectory);
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.debug("Could not delete {}: {}", directory, e.getMessage());
    }
  }
}
