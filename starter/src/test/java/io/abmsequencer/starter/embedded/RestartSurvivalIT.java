package io.abmsequencer.starter.embedded;

import static io.abmsequencer.starter.testsupport.ApiTestBase.ALWAYS_OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.testsupport.TestPorts;
import io.abmsequencer.activities.testsupport.TestSmtp;
import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.worker.testsupport.TestCli;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.SequenceStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.abmsequencer.worker.codec.EncryptingCodec;
import io.abmsequencer.workflows.sequence.Payloads;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The promise of embedded mode on the real Temporal: launch, let sequences park on a timer, an SDR
 * task and a review, SIGKILL the product, start it again, and every sequence is still running at the
 * same step with the same score, its task and review still open in the inbox, and the touch that
 * was due later goes out once, at its planned time. The product runs as a JVM of its own (killed
 * for real); an independent Temporal client and an SMTP server in this JVM watch from outside.
 */
class RestartSurvivalIT {

  private static final String OWNER = "sam.lee@yourco.example";
  /** Its own SMTP server makes the product an installation, not the all-embedded demo: users are configured. */
  private static final String PASSWORD = "restart-test-password";

  @BeforeAll
  static void cli() {
    TestCli.required();
  }

  @TempDir Path home;
  private final TestSmtp smtp = TestSmtp.onFreePort();
  private final int httpPort = TestPorts.free();
  private final int temporalPort = TestPorts.free();
  private final int uiPort = TestPorts.free();
  private final int postgresPort = TestPorts.free();
  private Process product;

  @AfterEach
  void stop() {
    if (product != null) product.destroyForcibly();
    smtp.stop();
  }

  @Test
  void sequencesParkedOnATimerATaskAndAReviewSurviveASigkill() throws Exception {
    product = startProduct("first");
    Api api = new Api(httpPort, "admin", PASSWORD);

    // A touch planned 90 to 150 s from now, when the send window of its contact opens: after the
    // restart (about 30 s on a loaded 2-core machine), before a test would be tempted to give up.
    ZoneId zone = zoneWhereItIsDaytime();
    ZonedDateTime opens = ZonedDateTime.now(zone).plusSeconds(90).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    String window = opens.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm")) + "-23:59";
    upload(api, "restart-task", "ALWAYS", """
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call {{firstName}}", due: 5 business days}
        - id: after-call
          email: {to: [CHAMPION], subject: "After our call", body: "Hi {{firstName}}"}
        """);
    upload(api, "restart-review", "ALWAYS", """
        - id: checkpoint
          review: {question: "Go on with this account?", decisions: [CONTINUE, STOP]}
        - id: after-review
          email: {to: [CHAMPION], subject: "After the review", body: "Hi {{firstName}}"}
        """);
    upload(api, "restart-timed", "calendar: {timeZone: " + zone.getId() + ", workDays: [MON, TUE, WED, THU, FRI, SAT, SUN], sendWindow: \""
        + window + "\"}", """
        - id: timed
          email: {to: [CHAMPION], subject: "Planned for later", body: "Hi {{firstName}}"}
        """);
    String task = launch(api, "restart-task", "acme", "zoe@acme.example", zone);
    String review = launch(api, "restart-review", "globex", "ana@globex.example", zone);
    String timed = launch(api, "restart-timed", "initech", "raj@initech.example", zone);
    assertThat(api.postJson("/api/engagement", """
        {"eventId": "restart-1", "accountId": "acme", "type": "PRICING_PAGE_VISIT", "occurredAt": "%s"}
        """.formatted(Instant.now())).status()).isEqualTo(202);

    Map<String, JsonNode> before = new LinkedHashMap<>();
    before.put(task, awaitLive(api, task, s -> s.get("status").asText().equals("AWAITING_TASK") && s.get("score").asInt() == 15));
    before.put(review, awaitLive(api, review, s -> s.get("status").asText().equals("AWAITING_REVIEW")));
    before.put(timed, awaitLive(api, timed, s -> s.get("status").asText().equals("WAITING") && !s.path("nextTouchAt").isMissingNode()));
    Instant planned = Instant.parse(before.get(timed).get("nextTouchAt").asText());
    assertThat(planned).isEqualTo(opens.toInstant());
    String taskId = openTaskOf(api, task);
    String reviewId = openReviewOf(api, review);
    assertThat(smtp.getReceivedMessages()).isEmpty();

    long killedAt = System.nanoTime();
    product.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, nothing flushed
    await().atMost(Duration.ofSeconds(60)).until(() -> Ports.isFree(temporalPort) && Ports.isFree(uiPort));
    product = startProduct("second");
    System.out.printf("Killed and started again in %d ms; the planned touch is due in %d s%n",
        (System.nanoTime() - killedAt) / 1_000_000, Duration.between(Instant.now(), planned).toSeconds());
    assertThat(Instant.now()).as("the restart took longer than the touch's delay").isBefore(planned);

    WorkflowServiceStubs independent = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).validateAndBuildWithDefaults());
    try {
      // Nobody set abm.codec.key: embedded mode encrypts with a key of its own, kept beside the
      // state. Ops read the payloads with that key; without it they are ciphertext.
      String key = Files.readString(home.resolve("temporal").resolve("codec.key")).strip();
      WorkflowClient client = WorkflowClient.newInstance(independent, WorkflowClientOptions.newBuilder()
          .setDataConverter(new CodecDataConverter(Payloads.dataConverter(), List.of(new EncryptingCodec(key, List.of())), true))
          .build());
      for (var entry : before.entrySet()) {
        var input = WorkflowClient.newInstance(independent).fetchHistory(entry.getKey()).getEvents().get(0)
            .getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
        assertThat(input.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
        assertThat(input.getData().toStringUtf8()).doesNotContain("Pat", "@acme.example", "@globex.example", "@initech.example");
        assertThat(independent.blockingStub().describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                    .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(entry.getKey())).build())
            .getWorkflowExecutionInfo().getStatus())
            .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        // The restarted worker answers: the workflow was polled again, its state rebuilt from history.
        SequenceStatus status = client.newWorkflowStub(AccountSequenceWorkflow.class, entry.getKey()).status();
        assertThat(status.status().name()).isEqualTo(entry.getValue().get("status").asText());
        assertThat(status.currentStep()).isEqualTo(entry.getValue().get("currentStep").asText());
        assertThat(status.score()).isEqualTo(entry.getValue().get("score").asInt());
      }
    } finally {
      independent.shutdownNow();
    }
    assertThat(openTaskOf(api, task)).isEqualTo(taskId);
    assertThat(openReviewOf(api, review)).isEqualTo(reviewId);
    assertThat(api.get("/api/sequences/" + timed).json().get("sequence").get("status").asText()).isNotEqualTo("EXITED");

    // The human steps work after the restart, and the planned touch goes out once, on time.
    assertThat(api.as("sdr", PASSWORD).postJson("/api/tasks/" + taskId + "/complete", """
        {"outcome": "COMPLETED", "note": "Spoke after the restart"}""").status()).isEqualTo(200);
    assertThat(api.as("reviewer", PASSWORD).postJson("/api/reviews/" + reviewId + "/decision", """
        {"decision": "CONTINUE", "note": "Go on"}""").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(300)).until(() -> smtp.getReceivedMessages().length >= 3);
    Map<String, List<MimeMessage>> byRecipient = Arrays.stream(smtp.getReceivedMessages())
        .collect(Collectors.groupingBy(RestartSurvivalIT::recipient));
    assertThat(byRecipient.keySet()).containsExactlyInAnyOrder("zoe@acme.example", "ana@globex.example", "raj@initech.example");
    assertThat(byRecipient.get("raj@initech.example")).hasSize(1);
    MimeMessage plannedTouch = byRecipient.get("raj@initech.example").get(0);
    assertThat(plannedTouch.getSubject()).isEqualTo("Planned for later");
    assertThat(plannedTouch.getReceivedDate().toInstant()).isAfterOrEqualTo(planned.minusSeconds(1));
    Thread.sleep(5_000); // let a duplicate, if any, arrive
    assertThat(smtp.getReceivedMessages()).hasSize(3);
    assertThat(Arrays.stream(smtp.getReceivedMessages()).map(RestartSurvivalIT::messageId).distinct()).hasSize(3);
  }

  private Process startProduct(String run) throws Exception {
    Path log = home.resolve("product-" + run + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-cp", productClasspath(), "io.abmsequencer.starter.StarterApplication",
        "--server.port=" + httpPort,
        "--abm.embedded.temporal.server=dev-server",
        "--abm.embedded.temporal.port=" + temporalPort,
        "--abm.embedded.temporal.ui-port=" + uiPort,
        "--abm.embedded.temporal.data-dir=" + home.resolve("temporal"),
        "--abm.embedded.postgres.port=" + postgresPort,
        "--abm.embedded.postgres.data-dir=" + home.resolve("postgres"),
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + smtp.port(),
        "--abm.mail.from-domain=yourco.example",
        "--abm.public-url=http://127.0.0.1:" + httpPort,
        "--abm.engagement.flush-interval=1s",
        "--abm.examples.load=false",
        "--abm.digest.enabled=false",
        "--abm.codec.endpoint.port=0",
        "--abm.security.users[0].username=admin", "--abm.security.users[0].password=" + PASSWORD, "--abm.security.users[0].roles=ADMIN",
        "--abm.security.users[1].username=sdr", "--abm.security.users[1].password=" + PASSWORD, "--abm.security.users[1].roles=SDR",
        "--abm.security.users[1].owner=" + OWNER,
        "--abm.security.users[2].username=reviewer", "--abm.security.users[2].password=" + PASSWORD,
        "--abm.security.users[2].roles=REVIEWER"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
        if (!process.isAlive()) throw new AssertionError("the product exited:\n" + Files.readString(log));
        return Files.readString(log).contains("Started StarterApplication");
      });
    } catch (RuntimeException | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
    return process;
  }

  /** This JVM's classpath without test classes: the product as it ships, plus libraries. */
  private static String productClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** A fixed-offset zone where it is between 08:00 and 16:00 now, so the window stays in one day. */
  private static ZoneId zoneWhereItIsDaytime() {
    int utcHour = ZonedDateTime.now(ZoneId.of("UTC")).getHour();
    int offset = Math.floorMod(12 - utcHour + 12, 24) - 12; // -12..+11
    ZoneId zone = ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
    LocalTime local = LocalTime.now(zone);
    assertThat(local.getHour()).isBetween(8, 16);
    return zone;
  }

  private static void upload(Api api, String id, String calendar, String steps) {
    String calendarLine = calendar.equals("ALWAYS") ? ALWAYS_OPEN : calendar;
    String yaml = "id: " + id + "\nname: " + id + "\nmotion: NEW_LOGO\ntier: ONE_TO_FEW\n" + calendarLine + "\nsteps:\n"
        + steps.indent(2);
    Api.Response response = api.post("/api/playbooks", "application/yaml", yaml);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
  }

  private static String launch(Api api, String playbook, String account, String email, ZoneId zone) {
    Api.Response response = api.postJson("/api/sequences", """
        {"account": {"id": "%s", "name": "%s Inc", "domain": "%s.example", "industry": "Fintech"},
         "owner": "%s", "playbook": "%s",
         "contacts": [{"email": "%s", "firstName": "Pat", "lastName": "Lee", "title": "VP", "role": "CHAMPION", "timeZone": "%s"}]}
        """.formatted(account, account, account, OWNER, playbook, email, zone.getId()));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.get("workflowId").asText();
  }

  /** The sequence's live status (its status query through the API) once it satisfies {@code condition}. */
  private static JsonNode awaitLive(Api api, String workflowId, java.util.function.Predicate<JsonNode> condition) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
      Api.Response response = api.get("/api/sequences/" + workflowId);
      return response.status() == 200 ? response.json().get("live") : null;
    }, live -> live != null && !live.isNull() && condition.test(live));
  }

  private static String openTaskOf(Api api, String workflowId) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> {
      for (JsonNode task : api.get("/api/tasks?assignee=" + OWNER).json()) {
        if (task.get("workflowId").asText().equals(workflowId)) return task.get("taskId").asText();
      }
      return null;
    }, id -> id != null);
  }

  private static String openReviewOf(Api api, String workflowId) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> {
      for (JsonNode item : api.get("/api/reviews").json()) {
        if (item.get("workflowId").asText().equals(workflowId)) return item.get("reviewId").asText();
      }
      return null;
    }, id -> id != null);
  }

  private static String recipient(MimeMessage message) {
    try {
      return ((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0]).getAddress();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
