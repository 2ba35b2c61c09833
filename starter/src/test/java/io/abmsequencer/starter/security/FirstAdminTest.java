package io.abmsequencer.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.activities.testsupport.TestDatabase;
import io.abmsequencer.starter.testsupport.CommandLine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The way into a fresh production installation (what {@code docker compose up} starts): no
 * embedded piece, an empty PostgreSQL, nobody configured. The users' part of the starter runs as
 * it does there (its security chains, users and {@code /api/users} over real HTTP, Flyway on a
 * real PostgreSQL), started and stopped like the container, twice on one database where a second
 * start matters.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {
  static final Pattern GENERATED = Pattern.compile("created the first admin:\\s+username: (\\S+)\\s+password: (\\S+)");

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({SecurityConfiguration.class, UserController.class})
  static class UsersApp {}

  @Test
  void withNobodyConfiguredTheFirstStartPrintsAGeneratedAdminOnceAndItSignsIn(CapturedOutput output) throws Exception {
    String database = TestDatabase.newDatabaseUrl();
    String password;
    try (ConfigurableApplicationContext app = start(database)) {
      List<String[]> printed = generated(output.getAll());
      assertThat(printed).as("the generated admin, printed once").hasSize(1);
      assertThat(printed.get(0)[0]).isEqualTo("admin");
      password = printed.get(0)[1];
      assertThat(password).hasSizeGreaterThanOrEqualTo(AppUsers.MIN_PASSWORD_LENGTH);

      assertThat(get(app, "/api/users", "admin", password).statusCode()).isEqualTo(200);
      assertThat(get(app, "/api/users", "admin", password + "x").statusCode()).isEqualTo(401);
      assertThat(get(app, "/api/users", null, null).statusCode()).isEqualTo(401);
      // Admins add the real users with it.
      HttpResponse<String> added = post(app, "/api/users", "admin", password,
          "{\"username\": \"kim\", \"password\": \"a-long-enough-secret\", \"roles\": [\"MARKETER\"]}");
      assertThat(added.statusCode()).isEqualTo(201);
    }
    // Kept only as a hash.
    String hash = single(database, "select password_hash from app_users where username = 'admin'");
    assertThat(hash).startsWith("{bcrypt}").doesNotContain(password);

    int before = output.getAll().length();
    try (ConfigurableApplicationContext app = start(database)) {
      String secondStart = output.getAll().substring(before);
      assertThat(secondStart).as("a second start prints no password").doesNotContain("first admin").doesNotContain(password);
      assertThat(get(app, "/api/users", "admin", password).statusCode()).as("the first password still works").isEqualTo(200);
    }
    assertThat(generated(output.getAll())).as("in all, printed once").hasSize(1);
  }

  @Test
  void aConfiguredFirstAdminSignsInAndNoneIsGenerated(CapturedOutput output) throws Exception {
    String database = TestDatabase.newDatabaseUrl();
    try (ConfigurableApplicationContext app =
        start(database, "--abm.admin.username=ops-lead", "--abm.admin.password=correct-horse-battery")) {
      assertThat(get(app, "/api/users", "ops-lead", "correct-horse-battery").statusCode()).isEqualTo(200);
      assertThat(get(app, "/api/users", "admin", "admin-demo").statusCode()).isEqualTo(401);
    }
    assertThat(output.getAll()).doesNotContain("first admin").doesNotContain("correct-horse-battery");
    assertThat(single(database, "select count(*) from app_users")).as("no row: it is configuration").isEqualTo("0");

    // Set afterwards (the generated one exists), it works too: it is configuration, read at each start.
    try (ConfigurableApplicationContext app = start(database)) {
      assertThat(generated(output.getAll())).hasSize(1);
    }
    try (ConfigurableApplicationContext app =
        start(database, "--abm.admin.username=ops-lead", "--abm.admin.password=correct-horse-battery")) {
      assertThat(get(app, "/api/users", "ops-lead", "correct-horse-battery").statusCode()).isEqualTo(200);
    }
    // docker compose passes an empty value for an empty .env entry: that is "not set".
    try (ConfigurableApplicationContext app = start(database, "--abm.admin.username=", "--abm.admin.password=")) {
      assertThat(generated(output.getAll())).as("still printed only once").hasSize(1);
    }
  }

  @Test
  void productionRefusesADemoOrShortOrHalfSetFirstAdminWithAClearMessage() {
    String database = TestDatabase.newDatabaseUrl();
    assertThatThrownBy(() -> start(database, "--abm.admin.username=admin", "--abm.admin.password=admin-demo"))
        .rootCause().hasMessageContaining("abm.admin.password (ABM_ADMIN_PASSWORD) has a demo password")
        .hasMessageContaining("production");
    assertThatThrownBy(() -> start(database, "--abm.admin.username=admin", "--abm.admin.password=secret123"))
        .rootCause().hasMessageContaining("ABM_ADMIN_PASSWORD").hasMessageContaining("9 characters")
        .hasMessageContaining("fewer than 12");
    assertThatThrownBy(() -> start(database, "--abm.admin.username=admin"))
        .rootCause().hasMessageContaining("ABM_ADMIN_USERNAME and ABM_ADMIN_PASSWORD").hasMessageContaining("go together");
    // The same rule for the users of abm.security.users.
    assertThatThrownBy(() -> start(database, "--abm.security.users[0].username=sam", "--abm.security.users[0].password=sdr-demo",
        "--abm.security.users[0].roles=SDR"))
        .rootCause().hasMessageContaining("user 'sam' has a demo password");
  }

  // --- plumbing ---

  /** The users' part of the starter in production shape (nothing embedded) on this database. */
  static ConfigurableApplicationContext start(String database, String... extra) {
    return start(UsersApp.class, database, extra);
  }

  static ConfigurableApplicationContext start(Class<?> app, String database, String... extra) {
    String[] args = CommandLine.overriding(List.of(
        // Only these arguments configure it: not the product's application.yaml.
        "--spring.config.name=abm-first-admin-test",
        "--abm.embedded.enabled=false",
        "--server.port=0",
        "--spring.datasource.url=" + database,
        "--spring.datasource.username=" + TestDatabase.USER,
        "--spring.datasource.password=",
        "--spring.datasource.hikari.maximum-pool-size=2"), extra);
    return new SpringApplicationBuilder(app).run(args);
  }

  static List<String[]> generated(String log) {
    List<String[]> found = new ArrayList<>();
    Matcher m = GENERATED.matcher(log);
    while (m.find()) found.add(new String[] {m.group(1), m.group(2)});
    return found;
  }

  static HttpResponse<String> get(ConfigurableApplicationContext app, String path, String user, String password) throws Exception {
    return send(request(app, path, user, password).GET());
  }

  static HttpResponse<String> post(ConfigurableApplicationContext app, String path, String user, String password, String json)
      throws Exception {
    return send(request(app, path, user, password).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  static HttpRequest.Builder request(ConfigurableApplicationContext app, String path, String user, String password) {
    String port = app.getEnvironment().getProperty("local.server.port");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String single(String database, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database, TestDatabase.USER, "");
        ResultSet rs = connection.createStatement().executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
