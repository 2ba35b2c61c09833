package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * One context with all three pieces on free ports, driven from outside the context the way the rest
 * of the app and an operator would use them.
 */
class EmbeddedInfrastructureTest {

  private static final String QUEUE = "embedded-test";

  private static ConfigurableApplicationContext context;
  private static EmbeddedTemporalServer temporal;
  private static WorkflowServiceStubs service;
  private static WorkflowClient client;
  private static WorkerFactory workers;

  @BeforeAll
  static void start() {
    context = EmbeddedTestApplication.start("--abm.embedded.temporal.search-attributes.AbmTestKeyword=Keyword");
    temporal = context.getBean(EmbeddedTemporalServer.class);
    // A client and worker of our own, outside Spring: what another process would see.
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    workers = WorkerFactory.newInstance(client);
    workers
        .newWorker(QUEUE)
        .registerWorkflowImplementationTypes(
            TestWorkflows.GreetingImpl.class, TestWorkflows.SleeperImpl.class, TestWorkflows.UpserterImpl.class);
    workers.start();
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.shutdownNow();
      workers.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (service != null) {
      service.shutdownNow();
      service.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (context != null) {
      context.close();
    }
  }

  @Test
  void pointsTheAppAtTheEmbeddedPieces() {
    Environment env = context.getEnvironment();
    EmbeddedMode mode = context.getBean(EmbeddedMode.class);
    EmbeddedMailServer mail = context.getBean(EmbeddedMailServer.class);
    EmbeddedPostgresServer postgres = context.getBean(EmbeddedPostgresServer.class);

    assertThat(temporal.target()).isEqualTo("127.0.0.1:" + temporal.port());
    assertThat(temporal.port()).isPositive();
    assertThat(env.getProperty("spring.temporal.connection.target")).isEqualTo(temporal.target());
    assertThat(env.getProperty("spring.temporal.namespace")).isEqualTo("default");
    assertThat(env.getProperty("spring.datasource.url")).isEqualTo(postgres.jdbcUrl()).contains("127.0.0.1");
    assertThat(env.getProperty("spring.mail.host")).isEqualTo("127.0.0.1");
    assertThat(env.getProperty("spring.mail.port", Integer.class)).isEqualTo(mail.smtpPort());

    assertThat(mode.active()).isTrue();
    assertThat(mode.temporalEmbedded()).isTrue();
    assertThat(mode.temporalTarget()).isEqualTo(temporal.target());
    assertThat(mode.postgresEmbedded()).isTrue();
    assertThat(mode.postgresTemporary()).isTrue();
    assertThat(mode.jdbcUrl()).isEqualTo(postgres.jdbcUrl());
    assertThat(mode.smtpEmbedded()).isTrue();
    assertThat(mode.smtpAddress()).isEqualTo("127.0.0.1:" + mail.smtpPort());
    assertThat(mode.imapAddress()).isEqualTo("127.0.0.1:" + mail.imapPort());
  }

  @Test
  void aClientOutsideTheContextRunsAWorkflow() {
    TestWorkflows.Greeting greeting =
        client.newWorkflowStub(TestWorkflows.Greeting.class, options("greet"));

    assertThat(greeting.greet("embedded")).isEqualTo("Hello embedded");
  }

  @Test
  void listensOnLoopbackOnly() {
    Optional<InetAddress> external = nonLoopbackAddress();
    assumeTrue(external.isPresent(), "this machine has no non-loopback address");
    EmbeddedMailServer mail = context.getBean(EmbeddedMailServer.class);
    EmbeddedPostgresServer postgres = context.getBean(EmbeddedPostgresServer.class);

    for (int port : List.of(temporal.port(), postgres.port(), mail.smtpPort(), mail.imapPort())) {
      assertThat(reachable(Ports.LOOPBACK, port)).as("port %d on loopback", port).isTrue();
      assertThat(reachable(external.get(), port)).as("port %d on %s", port, external.get()).isFalse();
    }
  }

  @Test
  void springDataSourceReachesPostgres() {
    JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));

    assertThat(jdbc.sql("select 1").query(Integer.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select current_database()").query(String.class).single()).isEqualTo("abm");
    assertThat(jdbc.sql("show server_version").query(String.class).single()).startsWith("17.");
  }

  @Test
  void mailSentWithSpringArrivesInTheEmbeddedServer() throws Exception {
    EmbeddedMailServer mail = context.getBean(EmbeddedMailServer.class);
    String subject = "Embedded " + UUID.randomUUID();
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom("marketing@abm.example");
    message.setTo("cfo@prospect.example");
    message.setSubject(subject);
    message.setText("Hello over SMTP");

    context.getBean(JavaMailSender.class).send(message);

    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> subjects(mail.received()).contains(subject));
    assertThat(mail.receivedCount()).isPositive();
  }

  @Test
  void skipTimeFastForwardsADaysLongSleep() throws Exception {
    TestWorkflows.Sleeper sleeper = client.newWorkflowStub(TestWorkflows.Sleeper.class, options("sleep"));
    WorkflowStub stub = WorkflowStub.fromTyped(sleeper);
    WorkflowClient.start(sleeper::sleepDays, 3);
    // Wait for the timer to exist, else the skip could end before the sleep starts.
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> client.fetchHistory(stub.getExecution().getWorkflowId()).getEvents().stream()
            .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED));
    Instant serverTimeBefore = temporal.currentTime();

    temporal.skipTime(Duration.ofDays(3).plusMinutes(1));
    // A safety net, not a measure: three days slept in real time would never get here.
    long hoursSlept = stub.getResult(60, TimeUnit.SECONDS, Long.class);

    assertThat(hoursSlept).isEqualTo(72);
    assertThat(Duration.between(serverTimeBefore, temporal.currentTime())).isGreaterThanOrEqualTo(Duration.ofDays(3));
  }

  @Test
  void aWorkflowUpsertsARegisteredSearchAttribute() throws Exception {
    TestWorkflows.Upserter upserter = client.newWorkflowStub(TestWorkflows.Upserter.class, options("upsert"));

    WorkflowClient.start(upserter::upsert, "tier-1");
    WorkflowStub stub = WorkflowStub.fromTyped(upserter);

    // Unregistered, the workflow task would fail and retry forever: the timeout makes that a failure.
    assertThat(stub.getResult(60, TimeUnit.SECONDS, String.class)).isEqualTo("tier-1");
    assertThat(stub.describe().getTypedSearchAttributes().get(TestWorkflows.TEST_KEYWORD)).isEqualTo("tier-1");
  }

  @Test
  void registeringSearchAttributesAgainIsHarmless() {
    Map<String, IndexedValueType> attributes =
        Map.of("AbmTestKeyword", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            "AbmTestScore", IndexedValueType.INDEXED_VALUE_TYPE_INT);

    temporal.registerSearchAttributes(attributes);
    temporal.registerSearchAttributes(attributes);
  }

  @Test
  void skipTimeRefusesANonPositiveDuration() {
    assertThatThrownBy(() -> temporal.skipTime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  private static WorkflowOptions options(String prefix) {
    return WorkflowOptions.newBuilder()
        .setTaskQueue(QUEUE)
        .setWorkflowId(prefix + "-" + UUID.randomUUID())
        .setWorkflowRunTimeout(Duration.ofDays(30))
        .setWorkflowExecutionTimeout(Duration.ofDays(30))
        .build();
  }

  private static List<String> subjects(List<MimeMessage> messages) throws Exception {
    List<String> subjects = new java.util.ArrayList<>();
    for (MimeMessage message : messages) {
      subjects.add(message.getSubject());
    }
    return subjects;
  }

  static Optional<InetAddress> nonLoopbackAddress() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .filter(EmbeddedInfrastructureTest::isUp)
          .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
          .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
          .sorted((a, b) -> Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address))
          .findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  private static boolean isUp(NetworkInterface nic) {
    try {
      return nic.isUp() && !nic.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  static boolean reachable(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
