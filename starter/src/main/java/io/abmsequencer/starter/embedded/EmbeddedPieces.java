package io.abmsequencer.starter.embedded;

import io.abmsequencer.worker.devserver.TemporalCli;
import io.abmsequencer.workflows.sequence.SequenceSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the pieces the settings ask for, all or nothing: every port and data directory is checked
 * before the first piece starts, and whatever did start is closed again when a later one fails, so a
 * failed start leaves no thread or process behind and the JVM can exit.
 */
final class EmbeddedPieces implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPieces.class);

  EmbeddedMailServer mail;
  EmbeddedPostgresServer postgres;
  DataDirectoryLock postgresLock;
  /** The in-memory Temporal, or null. */
  EmbeddedTemporalServer temporal;
  /** The real Temporal dev server, or null. */
  EmbeddedDevServer devServer;
  /** Why {@code auto} runs the in-memory server: no CLI could be had. Null otherwise. */
  String temporalFallback;
  private final StringJoiner timings = new StringJoiner(", ");
  private long totalMillis;

  private EmbeddedPieces() {}

  static EmbeddedPieces start(EmbeddedSettings settings) {
    EmbeddedPieces pieces = new EmbeddedPieces();
    try {
      pieces.claimPostgresDataDirectory(settings);
      checkBeforeStart(settings);
      pieces.startAll(settings);
    } catch (RuntimeException | Error e) {
      pieces.close();
      throw e;
    }
    return pieces;
  }

  /**
   * One ABM Sequencer per PostgreSQL data directory. With the lock ours, a postmaster still running
   * there was left behind by one that was killed: it is stopped, also freeing its port.
   */
  private void claimPostgresDataDirectory(EmbeddedSettings settings) {
    if (settings.startPostgres() && !settings.postgresTemporary()) {
      Path directory = Path.of(settings.postgresDataDir());
      postgresLock = DataDirectoryLock.acquire(directory, EmbeddedSettings.POSTGRES_DATA_DIR);
      PostmasterPidFile.stopLeftBehindPostmaster(directory);
    }
  }

  private static void checkBeforeStart(EmbeddedSettings settings) {
    if (settings.startTemporal()) {
      Ports.requireFree(settings.temporalPort(), EmbeddedSettings.TEMPORAL_PORT, "Temporal server");
      if (!settings.temporalInMemoryOnly()) {
        Ports.requireFree(settings.temporalUiPort(), EmbeddedSettings.TEMPORAL_UI_PORT, "Temporal UI");
      }
    }
    if (settings.startPostgres()) {
      Ports.requireFree(settings.postgresPort(), EmbeddedSettings.POSTGRES_PORT, "PostgreSQL");
    }
    if (settings.startSmtp()) {
      Ports.requireFree(settings.smtpPort(), EmbeddedSettings.SMTP_PORT, "mail server");
      Ports.requireFree(settings.imapPort(), EmbeddedSettings.IMAP_PORT, "mail server");
    }
  }

  private void startAll(EmbeddedSettings settings) {
    if (settings.startSmtp()) {
      long start = System.nanoTime();
      mail = startMail(settings);
      log.info("Embedded SMTP server on {}:{} (IMAP {}) started in {} ms",
          mail.host(), mail.smtpPort(), mail.imapPort(), took("SMTP", start));
    }
    if (settings.startPostgres()) {
      long start = System.nanoTime();
      postgres = startPostgres(settings);
      log.info("Embedded PostgreSQL on port {} ({}) started in {} ms",
          postgres.port(), postgres.dataDirectory(), took("PostgreSQL", start));
    }
    if (settings.startTemporal()) {
      long start = System.nanoTime();
      TemporalCli.Found cli = settings.temporalInMemoryOnly() ? null : findCli(settings);
      if (cli != null) {
        devServer = EmbeddedDevServer.start(settings, cli, devServerAttributes(settings));
        log.info("Temporal dev server {} ({}) on {}, UI {}, state in {}, started in {} ms", cli.version(),
            cli.executable(), devServer.target(), devServer.uiUrl(), devServer.dataDirectory(), took("Temporal", start));
        start = System.nanoTime();
        registerSearchAttributes(settings, devServer.target());
        took("search attributes", start);
        return;
      }
      temporal = startTemporal(settings.temporalPort());
      log.info("Embedded Temporal server on {} started in {} ms", temporal.target(), took("Temporal", start));
      if (!settings.searchAttributes().isEmpty()) {
        start = System.nanoTime();
        registerSearchAttributes(settings, temporal.target());
        log.info("Registered search attributes {} in {} ms",
            settings.searchAttributes().keySet(), took("search attributes", start));
      }
    }
  }

  /**
   * The CLI for the dev server, or null to run the in-memory server: {@code auto} falls back to it
   * (saying why, in the banner) where no CLI can be had; {@code dev-server} fails the start instead.
   */
  private TemporalCli.Found findCli(EmbeddedSettings settings) {
    try {
      return EmbeddedDevServer.findCli(settings);
    } catch (TemporalCli.Unavailable e) {
      if (settings.temporalServer() == EmbeddedSettings.TemporalServerKind.DEV_SERVER) {
        throw new EmbeddedStartupException(
            EmbeddedSettings.TEMPORAL_SERVER + "=dev-server, but " + e.getMessage(),
            "install the Temporal CLI (https://docs.temporal.io/cli), or set " + EmbeddedSettings.TEMPORAL_CLI_PATH, e);
      }
      temporalFallback = e.getMessage();
      log.warn("No Temporal dev server ({}): running the in-memory Temporal server, which keeps no state across a restart",
          e.getMessage());
      return null;
    }
  }

  /** The sequences' attributes and any configured ones, registered by the dev server itself on a new file. */
  private static Map<String, IndexedValueType> devServerAttributes(EmbeddedSettings settings) {
    Map<String, IndexedValueType> attributes = new LinkedHashMap<>(SequenceSearchAttributes.definitions());
    attributes.putAll(settings.searchAttributes());
    return attributes;
  }

  private void registerSearchAttributes(EmbeddedSettings settings, String target) {
    try {
      SearchAttributeRegistration.register(target, settings.searchAttributes());
    } catch (RuntimeException e) {
      throw new EmbeddedStartupException(
          EmbeddedSettings.SEARCH_ATTRIBUTES + " " + settings.searchAttributes() + " could not be registered: "
              + e.getMessage(),
          "fix the names or types in " + EmbeddedSettings.SEARCH_ATTRIBUTES, e);
    }
  }

  private static EmbeddedMailServer startMail(EmbeddedSettings settings) {
    try {
      return EmbeddedMailServer.start(settings.smtpPort(), settings.imapPort());
    } catch (IllegalStateException e) {
      // Only a port taken between the check and the start gets here.
      throw new EmbeddedStartupException(
          "the embedded mail server could not open " + EmbeddedSettings.SMTP_PORT + " " + settings.smtpPort()
              + " or " + EmbeddedSettings.IMAP_PORT + " " + settings.imapPort() + ": " + e.getMessage(),
          "free the ports or set " + EmbeddedSettings.SMTP_PORT + " and " + EmbeddedSettings.IMAP_PORT, e);
    }
  }

  private static EmbeddedPostgresServer startPostgres(EmbeddedSettings settings) {
    Path directory = settings.postgresTemporary() ? null : Path.of(settings.postgresDataDir());
    try {
      return EmbeddedPostgresServer.start(settings.postgresPort(), directory);
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedStartupException(
          "the embedded PostgreSQL did not start on " + EmbeddedSettings.POSTGRES_PORT + " "
              + settings.postgresPort() + " with " + EmbeddedSettings.POSTGRES_DATA_DIR + " "
              + settings.postgresDataDir() + ": " + e.getMessage(),
          "see the PostgreSQL output above; set " + EmbeddedSettings.POSTGRES_DATA_DIR + " to an empty or"
              + " earlier-used directory you can write to, or spring.datasource.url to use your own PostgreSQL",
          e);
    }
  }

  private static EmbeddedTemporalServer startTemporal(int port) {
    try {
      return EmbeddedTemporalServer.start(port);
    } catch (IOException e) {
      // Taken between the check and the bind (the epoll transport's error is no BindException).
      if (port != 0 && !Ports.isFree(port)) {
        throw Ports.inUse(port, EmbeddedSettings.TEMPORAL_PORT, "Temporal server", e);
      }
      throw new EmbeddedStartupException(
          "the embedded Temporal server did not start on " + EmbeddedSettings.TEMPORAL_PORT + " " + port
              + ": " + e.getMessage(),
          "set " + EmbeddedSettings.TEMPORAL_PORT + " to another port, or "
              + EmbeddedSettings.TEMPORAL_TARGET + " to use your own Temporal", e);
    }
  }

  private long took(String piece, long startNanos) {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    timings.add(piece + " " + millis + " ms");
    totalMillis += millis;
    return millis;
  }

  String timings() {
    return totalMillis + " ms (" + timings + ")";
  }

  EmbeddedMode mode() {
    return new EmbeddedMode(
        temporal != null || devServer != null,
        temporal != null ? temporal.target() : devServer != null ? devServer.target() : null,
        devServer != null,
        devServer == null ? null : devServer.uiUrl(),
        devServer == null ? null : devServer.dataDirectory().toString(),
        temporalFallback,
        postgres != null,
        postgres == null ? null : postgres.jdbcUrl(),
        postgres == null ? null : postgres.dataDirectory().toString(),
        postgres != null && postgres.temporary(),
        mail != null,
        mail == null ? null : mail.host() + ":" + mail.smtpPort(),
        mail == null ? null : mail.host() + ":" + mail.imapPort());
  }

  /** The Spring properties that point the app at the running pieces. */
  Map<String, Object> properties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    String temporalTarget = temporal != null ? temporal.target() : devServer != null ? devServer.target() : null;
    if (temporalTarget != null) {
      properties.put(EmbeddedSettings.TEMPORAL_TARGET, temporalTarget);
      properties.put("spring.temporal.namespace", "default");
    }
    if (postgres != null) {
      properties.put(EmbeddedSettings.DATASOURCE_URL, postgres.jdbcUrl());
      properties.put("spring.datasource.username", postgres.username());
      properties.put("spring.datasource.password", "");
    }
    if (mail != null) {
      properties.put(EmbeddedSettings.MAIL_HOST, mail.host());
      properties.put("spring.mail.port", mail.smtpPort());
    }
    return properties;
  }

  /** Closes what runs, Temporal first (its workers are gone by now), each independently. */
  @Override
  public void close() {
    closeQuietly(temporal, "Temporal server");
    closeQuietly(devServer, "Temporal dev server");
    closeQuietly(postgres, "PostgreSQL");
    closeQuietly(postgresLock, "PostgreSQL data directory lock");
    closeQuietly(mail, "mail server");
  }

  static void closeQuietly(AutoCloseable piece, String name) {
    if (piece == null) {
      return;
    }
    try {
      piece.close();
    } catch (Exception e) {
      log.warn("Could not stop the embedded {}: {}", name, e.toString());
    }
  }
}
