package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.net.InetSocketAddress;
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
    int temporalPort = TestSupport.freePort();
    int postgresPort = TestSupport.freePort();
    int smtpPort = TestSupport.freePort();
    int imapPort = TestSupport.freePort();
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
    int temporalPort = TestSupport.freePort();
    int postgresPort = TestSupport.freePort();
    int smtpPort = TestSupport.freePort();
    int imapPort = TestSupport.freePort();

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
  void aPostgresLeftRunningInTheDataDirectoryIsReportedWithItsPid(@TempDir Path home) throws Exception {
    Path dataDir = home.resolve("postgres");
    // What a kill -9 of the app leaves behind: a live postmaster owning the data directory.
    try (EmbeddedPostgresServer orphan = EmbeddedPostgresServer.start(0, dataDir)) {
      String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();

      assertThatThrownBy(() -> EmbeddedTestApplication.start(
              "--abm.embedded.postgres.data-dir=" + dataDir, "--abm.embedded.postgres.port=" + orphan.port()))
          .isInstanceOf(EmbeddedStartupException.class)
          .hasMessageContaining("abm.embedded.postgres.data-dir " + dataDir + " is in use by a running PostgreSQL (PID "
              + pid + ", port " + orphan.port() + ")")
          .hasMessageContaining("stop it with 'kill " + pid + "'");

      // While here: the server recognises its client connections, so close() can wait for them.
      assertThat(orphan.hasClients()).isFalse();
      try (Connection connection = DriverManager.getConnection(orphan.jdbcUrl(), orphan.username(), "")) {
        assertThat(orphan.hasClients()).isTrue();
      }
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !orphan.hasClients());
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
