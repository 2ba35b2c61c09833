package io.abmsequencer.activities.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL 17 for tests: one embedded server per test JVM (started on first use, stopped
 * by its shutdown hook), and a fresh, empty database per test class. Flyway (run by Spring Boot)
 * creates the schema.
 *
 * <pre>
 * &#64;SpringBootTest
 * &#64;DirtiesContext  // closes the pool when the class is done; the next class gets its own database
 * class MyTest {
 *   &#64;DynamicPropertySource
 *   static void database(DynamicPropertyRegistry registry) {
 *     TestDatabase.register(registry);
 *   }
 * }
 * </pre>
 *
 * Without Spring: {@code DriverManager.getConnection(TestDatabase.newDatabaseUrl())}.
 */
public final class TestDatabase {
  public static final String USER = "postgres";

  private static final AtomicInteger databases = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabase() {}

  /** The server, started on first call (~2.5 s cold, ~0.5 s once the binaries are unpacked). */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            // Test data need not survive a crash: skip the disk flushes.
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            // Each cached Spring context keeps a pool open.
            .setServerConfig("max_connections", "300")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /** Creates an empty database {@code t_<n>} and returns its JDBC URL (user {@value #USER}, no password). */
  public static String newDatabaseUrl() {
    String name = "t_" + databases.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return server().getJdbcUrl(USER, name);
  }

  /**
   * Points {@code spring.datasource.*} at a new database. Call it from a {@code @DynamicPropertySource}
   * method: the database is created once, when the context is built.
   */
  public static void register(DynamicPropertyRegistry registry) {
    String url = newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> "");
  }
}
