package io.abmsequencer.starter.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky's binaries, unpacked once to {@code ${java.io.tmpdir}/embedded-pg}) on
 * 127.0.0.1, with a database {@value #DATABASE} owned by the superuser {@value #USERNAME}, trust
 * authentication (loopback only). The data directory survives restarts unless it is temporary.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  public static final String DATABASE = "abm";
  public static final String USERNAME = "postgres";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final boolean temporary;
  private boolean closed;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean temporary) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.temporary = temporary;
  }

  /**
   * Starts PostgreSQL on {@code port} (0 = a free port) with its data in {@code dataDirectory}, or
   * in a fresh directory deleted on close when {@code dataDirectory} is null.
   */
  static EmbeddedPostgresServer start(int port, Path dataDirectory) throws IOException {
    boolean temporary = dataDirectory == null;
    Path directory = temporary ? Files.createTempDirectory("abm-postgres-") : dataDirectory;
    Files.createDirectories(directory);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(directory)
            // zonky runs initdb when postgresql.conf is missing; "clean" would wipe a real directory.
            .setCleanDataDirectory(temporary)
            // Its own JVM hook races Spring's shutdown and kills connections before the web server
            // drains; the Spring context closes it instead.
            .setRegisterShutdownHook(false)
            .setServerConfig("listen_addresses", Ports.LOOPBACK.getHostAddress());
    if (temporary) {
      // Thrown away on close anyway: durability only costs test time.
      builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
    }
    EmbeddedPostgres postgres = builder.start();
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, directory, temporary);
    try {
      server.createDatabase();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  // The product's own database rather than the maintenance database "postgres", as on a real
  // server, so scripts and psql sessions written against embedded mode carry over.
  private void createDatabase() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
        if (rows.next()) {
          return;
        }
      }
      statement.execute("create database " + DATABASE);
      log.info("Created database {} in {}", DATABASE, dataDirectory);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + Ports.LOOPBACK.getHostAddress() + ":" + port() + "/" + DATABASE;
  }

  public String username() {
    return USERNAME;
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** True when the data directory is deleted on close ({@code abm.embedded.postgres.data-dir=temp}). */
  public boolean temporary() {
    return temporary;
  }

  // The pool closes its connections just before this runs, but their server processes exit a few
  // milliseconds later; a fast shutdown in that window logs "FATAL: terminating connection due to
  // administrator command" for each, which reads like an error on a normal stop. Client backends
  // are the children whose process title reads "postgres: user db 127.0.0.1(port) state" (Linux,
  // the only platform whose binaries we ship; elsewhere this does not wait).
  private void awaitClientsGone(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (hasClients() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  boolean hasClients() {
    return postmaster()
        .map(postmaster -> postmaster.children().anyMatch(EmbeddedPostgresServer::isClientBackend))
        .orElse(false);
  }

  private static boolean isClientBackend(ProcessHandle process) {
    try {
      String title = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
      return title.matches("(?s)postgres: .*\\(\\d+\\).*");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private Optional<ProcessHandle> postmaster() {
    try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
      return lines.findFirst().map(String::trim).map(Long::parseLong).flatMap(ProcessHandle::of);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Stops PostgreSQL (fast shutdown: open connections are closed, committed data is kept). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    awaitClientsGone(Duration.ofSeconds(1));
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
