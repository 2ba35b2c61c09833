package io.abmsequencer.starter.production;

import static io.abmsequencer.starter.production.Accounts.ACME;
import static io.abmsequencer.starter.production.Accounts.BRIGHTLOOP;
import static io.abmsequencer.starter.production.Accounts.GLOBEX;
import static io.abmsequencer.starter.production.Accounts.HOOLI;
import static io.abmsequencer.starter.production.Accounts.INITECH;
import static io.abmsequencer.starter.production.Accounts.JANE;
import static io.abmsequencer.starter.production.Accounts.KLINIK;
import static io.abmsequencer.starter.production.Accounts.LEDGERLINE;
import static io.abmsequencer.starter.production.Accounts.MERIDIAN;
import static io.abmsequencer.starter.production.Accounts.NORTHWIND;
import static io.abmsequencer.starter.production.Accounts.SAKURA;
import static io.abmsequencer.starter.production.Accounts.TIDEWATER;
import static io.abmsequencer.starter.production.Accounts.VANDELAY;
import static io.abmsequencer.starter.production.Accounts.WONKA;
import static io.abmsequencer.starter.production.Drive.PATIENCE;
import static io.abmsequencer.starter.production.Drive.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.playbook.StoredPlaybook;
import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.embedded.EmbeddedMailServer;
import io.abmsequencer.starter.playbook.PlaybookService;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.worker.codec.EncryptingCodec;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import io.abmsequencer.workflows.sequence.ExitReason;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.WorkflowExecutionHistory;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import io.abmsequencer.starter.production.Accounts.Account;
import io.abmsequencer.worker.testsupport.TestCli;
import io.abmsequencer.workflows.sequence.SequenceSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Production mode on the real Temporal: the CLI's dev server on free ports, the product pointed at
 * it with {@code spring.temporal.connection.target} and a codec key. Target account lists are
 * launched through the API and driven into the states the README's "Operating" queries name; every
 * one of those queries is then asked of the server itself, as ops would with the CLI.
 *
 * <p>One server and one product for the class. The tests that only read run first; the ones that
 * start and drive sequences of their own come after the queries, so the expected answers stay exact,
 * and the history check comes last, over everything the suite stored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionModeIT {
  static ProductionRig rig;
  static Drive drive;
  static final Map<String, JsonNode> launches = new LinkedHashMap<>();
  /** The README's example date, moved to four weeks from now: one week's wait falls before it, ten weeks' after. */
  static Instant cutoff;

  @BeforeAll
  static void startAndLaunch(@TempDir Path dir) throws IOException {
    rig = ProductionRig.start(TestCli.required(), dir);
    drive = new Drive(rig.api);
    Playbooks.all().forEach(drive::upload);
    launches.put("A", drive.launch("playbook.ONE_TO_ONE=prod-strategic&playbook.ONE_TO_FEW=prod-fintech@1&playbook.ONE_TO_MANY=prod-nurture",
        Accounts.LAUNCH_A));
    launches.put("B", drive.launch("playbook.ONE_TO_FEW=prod-fintech&playbook.ONE_TO_MANY=prod-slow", Accounts.LAUNCH_B));
    launches.put("C", drive.launch("playbook=prod-expansion", Accounts.LAUNCH_C));
    cutoff = Instant.now().plus(28, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    // Each sequence parks where its playbook says: a review, or a wait of a week, ten weeks, 60 days.
    Stream.of(NORTHWIND, MERIDIAN, WONKA, LEDGERLINE, KLINIK, SAKURA, BRIGHTLOOP).forEach(a -> drive.awaitStatus(a.newLogo(), "AWAITING_REVIEW"));
    Stream.of(TIDEWATER, ACME, GLOBEX).forEach(a -> drive.awaitStatus(a.newLogo(), "WAITING"));
    drive.awaitStatus(INITECH.expansion(), "WAITING");

    // Then what happens to accounts: a demo request (+65 on these playbooks), a site visit (+5), a
    // won deal, a pause, two cancellations.
    drive.event(NORTHWIND, "DEMO_REQUEST");
    drive.event(LEDGERLINE, "DEMO_REQUEST");
    drive.event(MERIDIAN, "WEBSITE_VISIT");
    drive.stage(WONKA, "CLOSED_WON");
    drive.control(ACME.newLogo(), "pause");
    drive.control(BRIGHTLOOP.newLogo(), "cancel");
    drive.control(INITECH.expansion(), "cancel");
    drive.awaitSequence(NORTHWIND.newLogo(), s -> s.get("sequence").get("score").asInt() == 65);
    drive.awaitSequence(LEDGERLINE.newLogo(), s -> s.get("sequence").get("score").asInt() == 65);
    drive.awaitSequence(MERIDIAN.newLogo(), s -> s.get("sequence").get("score").asInt() == 5);
    Stream.of(WONKA.newLogo(), BRIGHTLOOP.newLogo(), INITECH.expansion()).forEach(id -> drive.awaitStatus(id, "EXITED"));
    drive.awaitStatus(WONKA.expansion(), "WAITING");
    drive.awaitStatus(ACME.newLogo(), "PAUSED");
  }

  @AfterAll
  static void stop() {
    if (rig != null) rig.close();
  }

  @Test
  @Order(1)
  void theWorkerRegistersTheSearchAttributesThroughTheOperatorService() {
    Map<String, IndexedValueType> ours = SequenceSearchAttributes.definitions();
    assertThat(rig.attributesBefore).as("before the product started").doesNotContainKeys(ours.keySet().toArray(String[]::new));
    assertThat(rig.ops.customSearchAttributes()).as("after").containsAllEntriesOf(ours);
  }

  @Test
  @Order(2)
  void aTargetAccountListStartsOneSequencePerAccountWithItsAttributes() {
    assertThat(launches.get("A").get("started").asInt()).isEqualTo(Accounts.LAUNCH_A.size());
    assertThat(launches.get("B").get("started").asInt()).isEqualTo(Accounts.LAUNCH_B.size());
    assertThat(launches.get("C").get("started").asInt()).isEqualTo(Accounts.LAUNCH_C.size());
    Stream.of("A", "B", "C").forEach(l -> assertThat(launches.get(l).get("failed").asInt()).isZero());

    List<String> expected = Stream.concat(Stream.concat(Accounts.LAUNCH_A.stream(), Accounts.LAUNCH_B.stream()).map(Account::newLogo),
        Stream.of(INITECH.expansion(), WONKA.expansion())).sorted().toList();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(rig.ops.listIds("WorkflowType = 'AccountSequence'")).isEqualTo(expected));
    for (Account a : Accounts.LAUNCH_B) {
      WorkflowExecutionInfo info = rig.ops.list("WorkflowId = '" + a.newLogo() + "'").get(0);
      SearchAttributes indexed = new WorkflowExecutionMetadata(info, DefaultDataConverter.STANDARD_INSTANCE).getTypedSearchAttributes();
      assertThat(indexed.get(SequenceSearchAttributes.ACCOUNT_ID)).isEqualTo(a.id());
      assertThat(indexed.get(SequenceSearchAttributes.MOTION)).isEqualTo("NEW_LOGO");
      assertThat(indexed.get(SequenceSearchAttributes.TIER)).isEqualTo(a.tier());
      assertThat(indexed.get(SequenceSearchAttributes.OWNER)).isEqualTo(a.owner());
      assertThat(info.getTaskQueue()).isEqualTo("abm-sequences");
    }
  }

  @Test
  @Order(3)
  void everyListAndCountQueryOfTheReadmeAnswersExactlyTheExpectedWorkflows() throws IOException {
    // README example values → this run's: the playbook edition it launched, a date four weeks out.
    Map<String, String> values = Map.of(
        "'fintech-new-logo-1tofew@3'", "'prod-fintech@2'",
        "'2027-01-15T00:00:00Z'", "'" + cutoff + "'");
    Map<String, List<String>> expected = Map.of(
        // Not Meridian, Klinikverbund (Sam's), Tidewater (waiting), BrightLoop (cancelled).
        "AbmStatus = 'AWAITING_REVIEW' and AbmOwner = 'jane.doe@yourco.example'", ids(NORTHWIND, LEDGERLINE, SAKURA),
        // Not Meridian (5), Ledgerline (65, but 1:few), Wonka (ended with 0).
        "AbmTier = 'ONE_TO_ONE' and AbmScore >= 60", ids(NORTHWIND),
        // Not Ledgerline (edition 1), BrightLoop (edition 2, cancelled).
        "AbmPlaybook = 'fintech-new-logo-1tofew@3' and ExecutionStatus = 'Running'", ids(KLINIK, SAKURA),
        // Not Globex (10 weeks), Acme (a week, but paused), Wonka's expansion (60 days), the reviews.
        "AbmNextTouchAt < '2027-01-15T00:00:00Z' and AbmStatus = 'WAITING'", ids(TIDEWATER),
        // Not Initech's (cancelled).
        "AbmMotion = 'EXPANSION' and ExecutionStatus = 'Running'", List.of(WONKA.expansion()));

    List<String> readme = ReadmeQueries.operating();
    assertThat(readme).as("the README's Operating queries this test knows the answers to").containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (String query : readme) {
      String asked = query;
      for (Map.Entry<String, String> v : values.entrySet()) asked = asked.replace(v.getKey(), v.getValue());
      String q = asked;
      List<String> answer = expected.get(query);
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
        assertThat(rig.ops.listIds(q)).as("list --query \"%s\"", q).isEqualTo(answer);
        assertThat(rig.ops.count(q)).as("count --query \"%s\"", q).isEqualTo(answer.size());
      });
    }
  }

  @Test
  @Order(4)
  void describeShowsTheSummaryAndTheCurrentDetailsInPlainWords() {
    WorkflowExecutionDescription northwind = rig.productClient().newUntypedWorkflowStub(NORTHWIND.newLogo()).describe();
    assertThat(northwind.getStaticSummary()).startsWith("New-logo 1:1 for Northwind Pay — 3 steps over ").endsWith("(prod-strategic@1)");
    assertThat(northwind.getStaticDetails()).isEqualTo("Playbook Production strategic (prod-strategic@1), owner " + JANE
        + ", launch " + launches.get("A").get("launchId").asText());
    assertThat(northwind.getMemo("account", String.class)).isEqualTo("Northwind Pay");
    assertThat(northwind.getTypedSearchAttributes().get(SequenceSearchAttributes.STATUS)).isEqualTo("AWAITING_REVIEW");
    assertThat(currentDetails(NORTHWIND.newLogo())).startsWith("Waiting for a review decision: Worth a 1:1 program?, due ");
    assertThat(currentDetails(TIDEWATER.newLogo())).startsWith("Waiting 1 week until ").contains("; next: email to CHAMPION: Following up");
    assertThat(currentDetails(ACME.newLogo())).startsWith("Paused since ").endsWith("waits stop counting until resumed");

    // What the CLI shows without the codec: the search attributes in clear, the summary encrypted
    // like every payload (ops pass --codec-endpoint to read it, as the Temporal UI does).
    DescribeWorkflowExecutionResponse raw = rig.ops.describe(NORTHWIND.newLogo());
    SearchAttributes indexed = new WorkflowExecutionMetadata(raw.getWorkflowExecutionInfo(), DefaultDataConverter.STANDARD_INSTANCE)
        .getTypedSearchAttributes();
    assertThat(indexed.get(SequenceSearchAttributes.STATUS)).isEqualTo("AWAITING_REVIEW");
    assertThat(indexed.get(SequenceSearchAttributes.PLAYBOOK)).isEqualTo("prod-strategic@1");
    assertThat(raw.getExecutionConfig().getUserMetadata().getSummary().getMetadataOrThrow("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
  }

  /** The current details the Temporal UI shows, which it reads with this query. */
  private static String currentDetails(String workflowId) {
    return rig.productClient().newUntypedWorkflowStub(workflowId)
        .query(WorkflowClient.QUERY_TYPE_WORKFLOW_METADATA, WorkflowMetadata.class).getCurrentDetails();
  }

  @Test
  @Order(5)
  void aWonDealHandsTheAccountOverToItsExpansionSequence() {
    SequenceResult won = rig.productClient().newUntypedWorkflowStub(WONKA.newLogo()).getResult(SequenceResult.class);
    assertThat(won.reason()).isEqualTo(ExitReason.CLOSED_WON);
    assertThat(won.handedOverTo()).isEqualTo(WONKA.expansion());

    WorkflowExecutionInfo expansion = rig.ops.describe(WONKA.expansion()).getWorkflowExecutionInfo();
    assertThat(expansion.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(expansion.getParentExecution().getWorkflowId()).isEqualTo(WONKA.newLogo());
    JsonNode handedOver = drive.awaitStatus(WONKA.expansion(), "WAITING");
    assertThat(handedOver.get("sequence").get("playbookId").asText()).isEqualTo("prod-expansion");
    assertThat(handedOver.get("contacts").findValuesAsString("email"))
        .containsExactlyInAnyOrderElementsOf(WONKA.people().stream().map(p -> p.email(WONKA)).toList());
  }

  @Test
  @Order(6)
  void signalsAndValidatedUpdatesCarryASequenceToItsEnd() {
    String id = drive.launchOne(VANDELAY, "prod-lifecycle");
    String taskId = drive.awaitOpenTask(id).get("taskId").asText();

    drive.control(id, "pause");
    drive.awaitStatus(id, "PAUSED");
    awaitIndexed(id, "PAUSED");
    drive.control(id, "resume");
    drive.awaitStatus(id, "AWAITING_TASK");
    awaitIndexed(id, "AWAITING_TASK");

    Api.Response wrong = drive.completeTask(taskId, "{\"outcome\": \"NOT_AN_OUTCOME\"}");
    assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
    assertThat(wrong.get("errors").get(0).get("field").asText()).isEqualTo("outcome");
    Api.Response done = expect(200, drive.completeTask(taskId, "{\"outcome\": \"COMPLETED\", \"note\": \"spoke with the champion\"}"));
    assertThat(done.get("endsSequence").asBoolean()).isFalse();
    Api.Response twice = drive.completeTask(taskId, "{\"outcome\": \"COMPLETED\"}");
    assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
    assertThat(twice.get("detail").asText()).contains("Task " + taskId + " is already closed (DONE, COMPLETED");

    String reviewId = drive.awaitOpenReview(id).get("reviewId").asText();
    // The workflow's validator refuses a decision this checkpoint does not offer, and nothing changes.
    Api.Response refused = drive.decideReview(reviewId, "{\"decision\": \"CHANGE_TIER\", \"tier\": \"ONE_TO_ONE\"}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.get("errors").get(0).get("field").asText()).isEqualTo("decision");
    assertThat(refused.get("detail").asText()).contains("not allowed at this review", "[CONTINUE, STOP]");
    expect(200, drive.decideReview(reviewId, "{\"decision\": \"CONTINUE\", \"note\": \"worth a follow-up\"}"));

    JsonNode ended = drive.awaitStatus(id, "EXITED");
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("sequence").get("touches").asInt()).isEqualTo(2);
    assertThat(ended.get("reviews").get(0).get("decision").asText()).isEqualTo("CONTINUE");
    assertThat(mailsTo(VANDELAY.people().get(0).email(VANDELAY))).isEqualTo(2);
    await().atMost(PATIENCE).until(() -> rig.ops.count("WorkflowId = '" + id + "' and ExecutionStatus = 'Completed'") == 1);
    record("pause-task-review-completed", id, runId(id));
  }

  @Test
  @Order(7)
  void continueAsNewCarriesTheTaskTheScoreAndTheTouchesOver() {
    // The history budget is the workflow tests' hook: a small one makes continue-as-new due after a few signals.
    StoredPlaybook playbook = rig.bean(PlaybookService.class).get("prod-lifecycle", null);
    String id = rig.bean(SequenceClient.class).start(new SequenceInput(
        new io.abmsequencer.workflows.account.Account(HOOLI.id(), HOOLI.name(), HOOLI.domain(), "Fintech"),
        HOOLI.people().stream().map(p -> contact(HOOLI, p)).toList(), HOOLI.owner(), Tier.ONE_TO_FEW, playbook.playbook(), null, null, 100));
    String firstRun = runId(id);
    String taskId = drive.awaitOpenTask(id).get("taskId").asText();
    drive.event(HOOLI, "DEMO_REQUEST");
    drive.awaitSequence(id, s -> s.get("sequence").get("score").asInt() == 50);

    for (int i = 0; i < 20 && runId(id).equals(firstRun); i++) {
      drive.control(id, "pause");
      drive.awaitStatus(id, "PAUSED");
      drive.control(id, "resume");
      drive.awaitStatus(id, "AWAITING_TASK");
    }
    String laterRun = runId(id);
    assertThat(laterRun).as("a later run").isNotEqualTo(firstRun);
    JsonNode live = drive.awaitSequence(id, s -> !s.get("live").get("paused").asBoolean()).get("live");
    assertThat(live.get("score").asInt()).isEqualTo(50);
    assertThat(live.get("openTasks").findValuesAsString("id")).containsExactly(taskId);
    assertThat(live.get("touches").asInt()).isEqualTo(1);

    expect(200, drive.completeTask(taskId, "{\"outcome\": \"COMPLETED\"}"));
    expect(200, drive.decideReview(drive.awaitOpenReview(id).get("reviewId").asText(), "{\"decision\": \"CONTINUE\"}"));
    JsonNode ended = drive.awaitStatus(id, "EXITED");
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("sequence").get("score").asInt()).isEqualTo(50);
    // The hello e-mail went out once, in the first run: the later run knew it was done.
    assertThat(mailsTo(HOOLI.people().get(0).email(HOOLI))).isEqualTo(2);
    record("continued-as-new", id, firstRun);
    record("resumed-after-continue-as-new", id, runId(id));
  }

  @Test
  @Order(8)
  void noContactEMailNameOrPhoneIsInAnyStoredHistoryYetTheProductReadsThem() {
    Map<String, byte[]> pii = new LinkedHashMap<>();
    for (Account a : Accounts.all()) {
      for (Accounts.Person p : a.people()) {
        Stream.of(p.email(a), p.first(), p.last(), p.phone(), p.phone().substring(2)).forEach(v -> pii.put(v, v.getBytes(StandardCharsets.UTF_8)));
      }
    }
    List<WorkflowExecutionInfo> executions = rig.ops.list("");
    assertThat(executions).hasSizeGreaterThanOrEqualTo(Accounts.all().size() + 2);
    for (WorkflowExecutionInfo execution : executions) {
      byte[] stored = rig.ops.history(execution.getExecution()).toByteArray();
      for (Map.Entry<String, byte[]> value : pii.entrySet()) {
        assertThat(indexOf(stored, value.getValue())).as("'%s' in the stored history of %s", value.getKey(), execution.getExecution()).isEqualTo(-1);
      }
    }

    // The search above finds what is there: decrypted with the key, the same history holds them.
    Accounts.Person priyanka = NORTHWIND.people().get(0);
    WorkflowExecutionInfo northwind = rig.ops.list("WorkflowId = '" + NORTHWIND.newLogo() + "'").get(0);
    byte[] decrypted = RecordedHistories.decode(rig.ops.history(northwind.getExecution()), codec()).toByteArray();
    for (String value : List.of(priyanka.email(NORTHWIND), priyanka.first(), priyanka.last(), priyanka.phone())) {
      assertThat(indexOf(decrypted, value.getBytes(StandardCharsets.UTF_8))).as(value).isNotEqualTo(-1);
    }
    // And the product, which has the key, reads every committee back from Temporal.
    for (Account a : Stream.concat(Accounts.LAUNCH_A.stream(), Accounts.LAUNCH_B.stream()).toList()) {
      WorkflowExecutionHistory history = rig.productClient().fetchHistory(a.newLogo());
      SequenceInput input = rig.productClient().getOptions().getDataConverter().fromPayloads(0,
          Optional.of(history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getInput()), SequenceInput.class, SequenceInput.class);
      assertThat(input.contacts()).extracting(Contact::email, Contact::firstName, Contact::lastName, Contact::phone)
          .containsExactlyElementsOf(a.people().stream().map(p -> tuple(p.email(a), p.first(), p.last(), p.phone())).toList());
    }
  }

  private static Contact contact(Account account, Accounts.Person p) {
    String email = p.email(account);
    return new Contact(ContactIds.of(email), email, p.first(), p.last(), "Director", Role.valueOf(p.role()), p.phone(), "Europe/Dublin", true);
  }

  private static void awaitIndexed(String workflowId, String status) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
        .until(() -> rig.ops.count("WorkflowId = '" + workflowId + "' and AbmStatus = '" + status + "'") == 1);
  }

  private static String runId(String workflowId) {
    return rig.ops.describe(workflowId).getWorkflowExecutionInfo().getExecution().getRunId();
  }

  private static long mailsTo(String email) {
    return rig.bean(EmbeddedMailServer.class).received().stream().filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().contains(email);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).count();
  }

  private static EncryptingCodec codec() {
    return new EncryptingCodec(ProductionRig.CODEC_KEY, List.of());
  }

  private static void record(String name, String workflowId, String runId) {
    WorkflowExecution run = WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
    RecordedHistories.record(name, workflowId, rig.ops.history(run), codec());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  private static List<String> ids(Account... accounts) {
    return Stream.of(accounts).map(Account::newLogo).sorted().toList();
  }
}
