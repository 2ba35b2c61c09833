package io.abmsequencer.starter.embedded;

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
  EmbeddedTemporalServer temporal;
  private final StringJoiner timings = new StringJoiner(", ");
  private long totalMillis;

  private EmbeddedPieces() {}

  static EmbeddedPieces start(EmbeddedSettings settings) {
    checkBeforeStart(settings);
    EmbeddedPieces pieces = new EmbeddedPieces();
    try {
      pieces.startAll(settings);
    } catch (RuntimeException | Error e) {
      pieces.close();
      throw e;
    }
    return pieces;
  }

  private static void checkBeforeStart(EmbeddedSettings settings) {
    if (settings.startTemporal()) {
      Ports.requireFree(settings.temporalPort(), EmbeddedSettings.TEMPORAL_PORT, "Temporal server");
    }
    if (settings.startPostgres()) {
      if (!settings.postgresTemporary()) {
        PostmasterPidFile.requireNoLivePostmaster(Path.of(settings.postgresDataDir()));
      }
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
      temporal = startTemporal(settings.temporalPort());
      log.info("Embedded Temporal server on {} started in {} ms", temporal.target(), took("Temporal", start));
      if (!settings.searchAttributes().isEmpty()) {
        start = System.nanoTime();
        registerSearchAttributes(settings);
        log.info("Registered search attributes {} in {} ms",
            settings.searchAttributes().keySet(), took("search attributes", start));
      }
    }
  }

  private void registerSearchAttributes(EmbeddedSettings settings) {
    try {
      temporal.registerSearchAttributes(settings.searchAttributes());
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
        temporal != null,
        temporal == null ? null : temporal.target(),
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
    if (temporal != null) {
      properties.put(EmbeddedSettings.TEMPORAL_TARGET, temporal.target());
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
    closeQuietly(postgres, "PostgreSQL");
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
