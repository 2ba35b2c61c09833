package io.abmsequencer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.abmsequencer.activities.testsupport.TestDatabase;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.sequence.Account;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import io.abmsequencer.workflows.sequence.ExitReason;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Several worker processes on one task queue share the load, and every sequence is still processed
 * once: two worker JVMs started from the executable jar (as in production), one Temporal server,
 * one PostgreSQL, one SMTP server; 40 one-e-mail sequences. Runs in {@code ./mvnw verify}
 * (Failsafe), after the jar is built.
 */
class TwoWorkersIT {
  static final int SEQUENCES = 40;
  static final Path LOGS = Path.of("target", "two-workers");

  static final Playbook PLAYBOOK = PlaybookParser.parse("""
      id: two-workers
      name: Two workers
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      calendar: {timeZone: UTC, workDays: [MON, TUE, WED, THU, FRI, SAT, SUN], sendWindow: "00:00-24:00"}
      steps:
        - id: hello
          email:
            to: [CHAMPION]
            subject: "A note for {{accountName}}"
            body: "Hi {{firstName}},\\n\\nA short read for your team.\\n\\n{{ownerName}}"
      """).withVersion(1);

  @Test
  void twoWorkerProcessesShareTheSequencesAndEachIsProcessedOnce() throws Exception {
    Files.createDirectories(LOGS);
    int temporalPort = freePort();
    String databaseUrl = TestDatabase.newDatabaseUrl();
    GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    List<Worker> workers = new ArrayList<>();
    TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(temporalPort, true);
    WorkflowServiceStubs stubs = null;
    try {
      smtp.start();
      String linksSecret = Base64.getEncoder().encodeToString(new byte[32]);
      for (int n = 1; n <= 2; n++) {
        workers.add(Worker.start(n, List.of(
            "--spring.temporal.connection.target=127.0.0.1:" + temporalPort,
            "--spring.datasource.url=" + databaseUrl,
            "--spring.datasource.username=" + TestDatabase.USER,
            "--spring.datasource.password=",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + smtp.getSmtp().getPort(),
            "--abm.embedded.enabled=false",
            "--abm.mail.postal-address=Yourco Inc., 1 Main Street, Springfield, IL 62701, USA",
            "--abm.mail.from-domain=yourco.example",
            "--abm.links.secret=" + linksSecret,
            // Readiness turns UP after ApplicationReadyEvent, i.e. once the worker factory has started polling.
            "--management.endpoint.health.probes.enabled=true")));
      }
      for (Worker worker : workers) worker.awaitReady(Duration.ofSeconds(60));

      stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs,
          WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build());

      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= SEQUENCES; i++) {
        String accountId = "acct-" + i;
        String email = "champion@" + accountId + ".example";
        Contact contact = new Contact(ContactIds.of(email), email, "Pat", "Lee " + i, "Head of Ops", Role.CHAMPION, null, "UTC", false);
        Account account = new Account(accountId, "Account " + i, accountId + ".example", "Logistics");
        String workflowId = "abm-new-logo-" + accountId;
        AccountSequenceWorkflow sequence = client.newWorkflowStub(AccountSequenceWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue("abm-sequences").build());
        WorkflowClient.start(sequence::run, new SequenceInput(account, List.of(contact), "owner" + (i % 4), null, PLAYBOOK, null, null, null));
        ids.add(workflowId);
      }

      for (String id : ids) {
        SequenceResult result = client.newUntypedWorkflowStub(id).getResult(30, TimeUnit.SECONDS, SequenceResult.class);
        assertThat(result.reason()).as(id).isEqualTo(ExitReason.COMPLETED);
      }

      // One message per sequence, each its own: no sequence mailed twice, none skipped.
      MimeMessage[] messages = smtp.getReceivedMessages();
      assertThat(messages).hasSize(SEQUENCES);
      Set<String> messageIds = new HashSet<>();
      Set<String> recipients = new HashSet<>();
      for (MimeMessage message : messages) {
        messageIds.add(message.getMessageID());
        recipients.add(((InternetAddress) message.getAllRecipients()[0]).getAddress());
      }
      assertThat(messageIds).hasSize(SEQUENCES);
      assertThat(recipients).hasSize(SEQUENCES);

      // The ledger has exactly one row per touch, SENT.
      assertThat(query(databaseUrl, "select workflow_id, status, count(*) from touches group by workflow_id, status"))
          .hasSize(SEQUENCES)
          .allSatisfy(row -> assertThat(row.subList(1, 3)).containsExactly("SENT", "1"))
          .extracting(row -> row.get(0)).containsExactlyInAnyOrderElementsOf(ids);

      // Both processes did work: activity and workflow tasks carry the identity of the worker
      // (pid@host) that ran them.
      Map<String, Integer> activitiesByIdentity = new HashMap<>();
      Map<String, Integer> workflowTasksByIdentity = new HashMap<>();
      for (String id : ids) {
        for (HistoryEvent event : client.fetchHistory(id).getEvents()) {
          if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
            activitiesByIdentity.merge(event.getActivityTaskStartedEventAttributes().getIdentity(), 1, Integer::sum);
          } else if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
            workflowTasksByIdentity.merge(event.getWorkflowTaskStartedEventAttributes().getIdentity(), 1, Integer::sum);
          }
        }
      }
      System.out.printf("activity tasks by worker: %s, workflow tasks by worker: %s%n", activitiesByIdentity, workflowTasksByIdentity);
      Set<String> workerIdentities = workers.stream().map(Worker::identityPrefix).collect(Collectors.toSet());
      assertThat(activitiesByIdentity.keySet()).as("activity executions by worker %s", activitiesByIdentity)
          .allSatisfy(identity -> assertThat(workerIdentities).anyMatch(identity::startsWith));
      for (Worker worker : workers) {
        assertThat(activitiesByIdentity.keySet()).as("worker %d ran activities: %s", worker.number, activitiesByIdentity)
            .anyMatch(identity -> identity.startsWith(worker.identityPrefix()));
        assertThat(workflowTasksByIdentity.keySet()).as("worker %d ran workflow tasks: %s", worker.number, workflowTasksByIdentity)
            .anyMatch(identity -> identity.startsWith(worker.identityPrefix()));
      }
    } finally {
      for (Worker worker : workers) worker.stop();
      if (stubs != null) stubs.shutdownNow();
      temporal.close();
      smtp.stop();
    }
  }

  /** A worker JVM started from the executable jar, its output in target/two-workers/worker-N.log. */
  record Worker(int number, Process process, int httpPort, Path log) {
    static Worker start(int number, List<String> arguments) throws IOException {
      int httpPort = freePort();
      Path log = LOGS.resolve("worker-" + number + ".log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // A short-lived test JVM: quick start over peak speed.
          "-XX:TieredStopAtLevel=1", "-Xmx384m",
          "-jar", executableJar().toString(),
          "--server.port=" + httpPort));
      command.addAll(arguments);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new Worker(number, process, httpPort, log);
    }

    /** Temporal's default worker identity is {@code <pid>@<host>}. */
    String identityPrefix() {
      return process.pid() + "@";
    }

    void awaitReady(Duration timeout) throws Exception {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(2)).build();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          fail("worker %d exited with %d before it was ready:%n%s", number, process.exitValue(), tail());
        }
        try {
          HttpResponse<String> response = http.send(readiness, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().contains("\"UP\"")) return;
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(250);
      }
      fail("worker %d not ready after %s:%n%s", number, timeout, tail());
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }

    String tail() throws IOException {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
  }

  static Path executableJar() throws IOException {
    String configured = System.getProperty("abm.worker.jar");
    if (configured != null && Files.exists(Path.of(configured))) return Path.of(configured);
    try (var jars = Files.newDirectoryStream(Path.of("target"), "abm-worker-*-exec.jar")) {
      for (Path jar : jars) return jar.toAbsolutePath();
    }
    throw new IllegalStateException("no target/abm-worker-*-exec.jar: run ./mvnw -pl worker verify (it builds the jar first)");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  static List<List<String>> query(String url, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= columns; c++) row.add(result.getString(c));
        rows.add(row);
      }
    }
    return rows;
  }
}
