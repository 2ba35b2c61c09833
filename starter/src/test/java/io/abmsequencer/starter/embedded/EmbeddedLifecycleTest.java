package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.activities.testsupport.TestPorts;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Starting, stopping, restarting and failing to start, with what each leaves behind. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedLifecycleTest {

  // With the product's modules on the classpath Flyway would migrate the (unreachable) external
  // database at start-up.
  private static final String NO_MIGRATIONS = "--spring.flyway.enabled=false";

  @Test
  void stopsCleanlyAfterTheWorkerAndRestartsOnTheSamePortsWithTheSameData(
      @TempDir Path home, CapturedOutput output) {
    Set<Thread> threadsBefore = TestSupport.nonDaemonThreads();
    int temporalPort = TestPorts.free();
    int postgresPort = TestPorts.free();
    int smtpPort = TestPorts.free();
    int imapPort = TestPorts.free();
    String[] args = {
      "--abm.embedded.temporal.port=" + temporalPort,
      "--abm.embedded.postgres.port=" + postgresPort,
      "--abm.embedded.postgres.data-dir=" + home.resolve("postgres"),
      "--abm.embedded.smtp.port=" + smtpPort,
      "--abm.embedded.imap.port=" + imapPort,
      // A worker inside the context, as in the product: it must stop before the server does.
      "--spring.temporal.workers[0].task-queue=embedded-spring",
      "--spring.temporal.workers[0].workflow-classes=" + TestWorkflows.GreetingImpl.class.getName()
    };

    ConfigurableApplicationContext context = EmbeddedTestApplication.start(args);
    assertThat(greet(context)).isEqualTo("Hello worker");
    JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
    jdbc.sql("create table kept (note text)").update();
    jdbc.sql("insert into kept values ('survives a restart')").update();
    assertThat(output).contains("ABM Sequencer runs in embedded mode")
        .contains("data kept in " + home.resolve("postgres"));
    int shutdownStarts = output.getAll().length();
    context.close();
    String shutdown = output.getAll().substring(shutdownStarts);
    assertThat(shutdown).contains("shut down postmaster").doesNotContain("ERROR", "FATAL", "Exception", "\tat ");
    TestSupport.assertFree(temporalPort, postgresPort, smtpPort, imapPort);
    TestSupport.assertNoNewNonDaemonThreads(threadsBefore);

    try (ConfigurableApplicationContext again = EmbeddedTestApplication.start(args)) {
      assertThat(greet(again)).isEqualTo("Hello worker");
      assertThat(JdbcClient.create(again.getBean(DataSource.class)).sql("select note from kept").query(String.class).single())
          .isEqualTo("survives a restart");
    }
    TestSupport.assertNoNewNonDaemonThreads(threadsBefore);
  }

  private static String greet(ConfigurableApplicationContext context) {
    return context.getBean(WorkflowClient.class)
        .newWorkflowStub(
            TestWorkflows.Greeting.class,
            WorkflowOptions.newBuilder().setTaskQueue("embedded-spring").setWorkflowId("greet-" + System.nanoTime()).build())
        .greet("worker");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "abm.embedded.temporal.port", "abm.embedded.postgres.port", "abm.embedded.smtp.port", "abm.embedded.imap.port"
  })
  void aPortInUseFailsTheStartNamingTheProperty(String property) throws Exception {
    Set<Thread> threadsBefore = TestSupport.nonDaemonThreads();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(Ports.LOOPBACK, 0));
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> EmbeddedTestApplication.start("--" + property + "=" + port))
          .isInstanceOf(EmbeddedStartupException.class)
          .hasMessageContaining(property + " " + port + " is in use: another ABM Sequencer or")
          .hasMessageContaining("stop it or set " + property);
    }
    TestSupport.assertNoNewNonDaemonThreads(threadsBefore);
  }

  @Test
  void aFailureAfterTheInfrastructureStartedStopsItAgain() {
    Set<Thread> threadsBefore = TestSupport.nonDaemonThreads();
    int temporalPort = TestPorts.free();
    int postgresPort = TestPorts.free();
    int smtpPort = TestPorts.free();
    int imapPort = TestPorts.free();

    assertThatThrownBy(() -> EmbeddedTestApplication.start(
            "--" + EmbeddedTestApplication.FAIL_ON_START + "=true",
            "--abm.embedded.temporal.port=" + temporalPort,
            "--abm.embedded.postgres.port=" + postgresPort,
            "--abm.embedded.smtp.port=" + smtpPort,
            "--abm.embedded.imap.port=" + imapPort))
        .hasStackTraceContaining("a bean failed on purpose");

    TestSupport.assertFree(temporalPort, postgresPort, smtpPort, imapPort);
    TestSupport.assertNoNewNonDaemonThreads(threadsBefore);
  }

  @Test
  void aPostgresLeftRunningByAKilledRunIsStoppedAndTheStartGoesOn(@TempDir Path home) throws Exception {
    Path dataDir = home.resolve("postgres");
    int port = TestPorts.free();
    // What a kill -9 of the app leaves behind: a live postmaster owning the data directory and its
    // port, and nobody holding the directory's lock (the killed process's lock went with it).
    Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), PostgresHolder.class.getName(), Integer.toString(port), dataDir.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("READY")) {
        // initdb and start-up output
      }
      assertThat(line).isEqualTo("READY " + port);
    }
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/abm", "postgres", "")) {
      connection.createStatement().execute("create table kept (note text); insert into kept values ('from the killed run')");
    }
    killed.destroyForcibly().waitFor();
    long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the postmaster outlives its JVM").isPresent();

    try (ConfigurableApplicationContext context = EmbeddedTestApplication.start(
        "--abm.embedded.postgres.data-dir=" + dataDir, "--abm.embedded.postgres.port=" + port, NO_MIGRATIONS)) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(JdbcClient.create(context.getBean(DataSource.class)).sql("select note from kept").query(String.class).single())
          .isEqualTo("from the killed run");
    }
  }

  @Test
  void theServerRecognisesItsClientsSoCloseCanWaitForThem(@TempDir Path home) throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(0, home.resolve("postgres"))) {
      try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), "")) {
        assertThat(server.hasClients()).isTrue();
      }
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !server.hasClients());
    }
  }

  @Test
  void aSecondProductOnTheSameDataDirectoryIsRefused(@TempDir Path home) {
    String dataDir = "--abm.embedded.postgres.data-dir=" + home.resolve("postgres");
    try (ConfigurableApplicationContext first = EmbeddedTestApplication.start(dataDir)) {
      assertThatThrownBy(() -> EmbeddedTestApplication.start(dataDir))
          .isInstanceOf(EmbeddedStartupException.class)
          .hasMessageContaining("abm.embedded.postgres.data-dir " + home.resolve("postgres") + " is in use by another ABM Sequencer (PID "
              + ProcessHandle.current().pid() + ")")
          .hasMessageContaining("set abm.embedded.postgres.data-dir to another directory");
      assertThat(JdbcClient.create(first.getBean(DataSource.class)).sql("select 1").query(Integer.class).single()).isEqualTo(1);
    }
  }

  @Test
  void externalConfigurationReplacesOnlyThosePieces() {
    try (ConfigurableApplicationContext context = EmbeddedTestApplication.start(
        "--spring.mail.host=smtp.example.com",
        "--spring.datasource.url=jdbc:postgresql://db.example.com/abm",
        NO_MIGRATIONS)) {
      EmbeddedMode mode = context.getBean(EmbeddedMode.class);

      assertThat(context.getBeanNamesForType(EmbeddedMailServer.class)).isEmpty();
      assertThat(context.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
      assertThat(context.getEnvironment().getProperty("spring.mail.host")).isEqualTo("smtp.example.com");
      assertThat(context.getEnvironment().getProperty("spring.mail.port")).isNull();
      assertThat(context.getEnvironment().getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example.com/abm");
      assertThat(mode.smtpEmbedded()).isFalse();
      assertThat(mode.smtpAddress()).isNull();
      assertThat(mode.postgresEmbedded()).isFalse();
      assertThat(mode.temporalEmbedded()).isTrue();
      assertThat(mode.active()).isTrue();
      assertThat(context.getBean(EmbeddedTemporalServer.class).target()).isEqualTo(mode.temporalTarget());
    }
  }

  @Test
  void everythingExternalOrDisabledStartsNothing() {
    List<String[]> configurations = List.of(
        new String[] {
          "--spring.temporal.connection.target=temporal.example.com:7233",
          "--spring.datasource.url=jdbc:postgresql://db.example.com/abm",
          "--spring.mail.host=smtp.example.com",
          NO_MIGRATIONS
        },
        new String[] {
          "--abm.embedded.enabled=false", "--spring.datasource.url=jdbc:postgresql://db.example.com/abm", NO_MIGRATIONS
        });
    for (String[] args : configurations) {
      try (ConfigurableApplicationContext context = EmbeddedTestApplication.start(args)) {
        assertThat(context.getBean(EmbeddedMode.class)).isEqualTo(EmbeddedMode.OFF);
        assertThat(context.getBean(EmbeddedMode.class).active()).isFalse();
        assertThat(context.getBeanNamesForType(EmbeddedTemporalServer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(EmbeddedMailServer.class)).isEmpty();
        assertThat(context.getEnvironment().getPropertySources().contains(EmbeddedInfrastructure.PROPERTY_SOURCE)).isFalse();
      }
    }
  }
}
