package io.abmsequencer.starter.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.starter.StarterApplication;
import io.abmsequencer.starter.embedded.EmbeddedMailServer;
import io.abmsequencer.starter.embedded.EmbeddedMode;
import io.abmsequencer.worker.testsupport.TestCli;
import io.abmsequencer.workflows.digest.DigestResult;
import io.abmsequencer.workflows.digest.DigestSchedule;
import io.abmsequencer.workflows.digest.Mondays;
import io.abmsequencer.workflows.digest.OwnerDigestWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.common.converter.DataConverter;
import org.springframework.beans.factory.annotation.Qualifier;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Monday digest on the real Temporal (the CLI's dev server, which embedded mode runs by default):
 * one Temporal Schedule per owner, as ops see it in the UI's Schedules page and {@code temporal
 * schedule list}. Checked with an independent Temporal client and the CLI, not the app's own client.
 */
@SpringBootTest(
    classes = StarterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "abm.embedded.temporal.server=dev-server",
      "abm.embedded.temporal.port=0",
      "abm.embedded.temporal.ui-port=0",
      "abm.embedded.temporal.data-dir=temp",
      "abm.embedded.postgres.port=0",
      "abm.embedded.postgres.data-dir=temp",
      "abm.embedded.smtp.port=0",
      "abm.embedded.imap.port=0",
      "abm.mail.from-domain=yourco.example",
      "abm.public-url=https://abm.yourco.example",
      "abm.mail.inbound.poll-interval=1h"
    })
class DigestSchedulesDevServerTest {
  static final Duration PATIENCE = Duration.ofSeconds(60);
  /** The embedded demo users: owner (also their address), zone. */
  static final Map<String, String> OWNERS = Map.of(
      "marketer@yourco.example", "America/New_York", "sam.lee@yourco.example", "America/New_York",
      "jane.doe@yourco.example", "Europe/London", "reviewer@yourco.example", "America/New_York",
      "ops@yourco.example", "UTC", "admin@yourco.example", "UTC");

  @BeforeAll
  static void cli() {
    TestCli.required();
  }

  @Autowired EmbeddedMode mode;
  @Autowired EmbeddedMailServer mail;
  @Autowired DigestWorkflows digests;
  @Autowired JdbcClient jdbc;
  @Autowired @Qualifier("mainDataConverter") DataConverter converter;

  WorkflowServiceStubs stubs;
  WorkflowClient workflows;
  ScheduleClient schedules;

  @BeforeEach
  void independentClient() {
    stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(mode.temporalTarget()).validateAndBuildWithDefaults());
    // Independent of the product's clients, but with its payload key (embedded mode encrypts, with a
    // key of its own), as ops would read payloads.
    workflows = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setDataConverter(converter).build());
    schedules = ScheduleClient.newInstance(stubs, ScheduleClientOptions.newBuilder().setDataConverter(converter).build());
  }

  @AfterEach
  void close() {
    stubs.shutdownNow();
  }

  ScheduleHandle schedule(String owner) {
    return schedules.getHandle("abm-digest-" + owner);
  }

  Set<String> listed() {
    try (Stream<ScheduleListDescription> all = schedules.listSchedules()) {
      return all.map(ScheduleListDescription::getScheduleId).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void everyOwnerHasAScheduleForMondayAtEightInTheirZoneThatOpsCanList() throws Exception {
    Set<String> ids = OWNERS.keySet().stream().map(o -> "abm-digest-" + o).collect(Collectors.toCollection(TreeSet::new));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(listed()).containsAll(ids));
    assertThat(digests.usesSchedules()).isTrue();

    Instant now = Instant.now();
    OWNERS.forEach((owner, zone) -> {
      ScheduleDescription d = schedule(owner).describe();
      DigestSchedule digest = new DigestSchedule(owner, owner, zone);
      String words = "Monday digest for " + owner + " at 08:00 " + zone;
      ScheduleCalendarSpec calendar = d.getSchedule().getSpec().getCalendars().get(0);
      assertThat(d.getSchedule().getSpec().getCalendars()).hasSize(1);
      assertThat(values(calendar.getDayOfWeek())).as("Mondays").containsExactly(1);
      assertThat(values(calendar.getHour())).containsExactly(8);
      assertThat(values(calendar.getMinutes())).containsExactly(0);
      assertThat(calendar.getComment()).isEqualTo(words);
      assertThat(d.getSchedule().getSpec().getTimeZoneName()).isEqualTo(zone);
      assertThat(d.getSchedule().getState().getNote()).isEqualTo(words);
      assertThat(d.getSchedule().getState().isPaused()).isFalse();
      assertThat(d.getSchedule().getPolicy().getOverlap()).isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
      assertThat(d.getSchedule().getPolicy().getCatchupWindow()).isEqualTo(Duration.ofHours(4));
      ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) d.getSchedule().getAction();
      assertThat(action.getWorkflowType()).isEqualTo("WeeklyDigest");
      assertThat(action.getOptions().getTaskQueue()).isEqualTo("abm-sequences");
      assertThat(action.getOptions().getWorkflowId()).isEqualTo("abm-digest-" + owner);
      assertThat(action.getOptions().getStaticSummary()).isEqualTo(words);
      assertThat(action.getArguments().get(0, DigestSchedule.class)).isEqualTo(digest);
      assertThat(d.getInfo().getNextActionTimes().get(0)).as("next Monday 08:00 in %s", zone)
          .isEqualTo(Mondays.next(now, ZoneId.of(zone)).toInstant());
    });

    // What the README tells ops to type.
    Process cli = new ProcessBuilder(TestCli.required().toString(), "schedule", "list", "--address", mode.temporalTarget())
        .redirectErrorStream(true).start();
    assertThat(cli.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("abm-digest-jane.doe@yourco.example", "WeeklyDigest");
  }

  @Test
  void aTriggerSendsTheWeeksDigestOnceAndASecondTriggerThatWeekSendsNothing() throws Exception {
    String jane = "jane.doe@yourco.example";
    // Something to report: a review waits for her decision (an empty week sends no e-mail).
    jdbc.sql("""
            insert into reviews (review_id, workflow_id, account_id, account_name, owner, step_id, question, decisions, tier, state, due_at, created_at)
            values ('digest-r1', 'abm-new-logo-digest-acme', 'digest-acme', 'Digest Acme', :owner, 'checkpoint', 'Go on with Digest Acme?',
                    'CONTINUE,STOP', 'ONE_TO_ONE', 'OPEN', now() + interval '3 days', now())
            """).param("owner", jane).update();
    ScheduleHandle handle = schedule(jane);

    handle.trigger();
    ScheduleActionExecutionStartWorkflow first = awaitAction(handle, 1);
    DigestResult sent = result(first);
    assertThat(sent.sent()).as(sent.summary()).isTrue();
    assertThat(mailTo(jane)).singleElement().satisfies(m ->
        assertThat(m.getSubject()).startsWith("Your weekly account review, week of ").endsWith(": 1 review waiting"));
    LocalDate week = Mondays.weekOf(Instant.now(), ZoneId.of("Europe/London"));
    assertThat(jdbc.sql("select status from digests where owner = :o and week = :w").param("o", jane).param("w", week)
        .query(String.class).single()).isEqualTo("SENT");
    record(first, "weekly-digest-from-schedule");

    handle.trigger();
    DigestResult again = result(awaitAction(handle, 2));
    assertThat(again.sent()).isFalse();
    assertThat(again.summary()).isEqualTo("1 review waiting (sent before)");
    assertThat(mailTo(jane)).hasSize(1);
  }

  @Test
  void aChangedZoneUpdatesTheScheduleAndAPausedOneStaysPaused() {
    String ops = "ops@yourco.example";
    DigestSchedule utc = new DigestSchedule(ops, ops, "UTC");
    DigestSchedule tokyo = new DigestSchedule(ops, ops, "Asia/Tokyo");
    try {
      assertThat(digests.ensure(utc)).isEqualTo(DigestWorkflows.Outcome.KEPT);
      assertThat(digests.ensure(tokyo)).isEqualTo(DigestWorkflows.Outcome.UPDATED);
      ScheduleDescription d = schedule(ops).describe();
      assertThat(d.getSchedule().getSpec().getTimeZoneName()).isEqualTo("Asia/Tokyo");
      assertThat(d.getSchedule().getState().getNote()).isEqualTo("Monday digest for ops@yourco.example at 08:00 Asia/Tokyo");
      assertThat(((ScheduleActionStartWorkflow) d.getSchedule().getAction()).getArguments().get(0, DigestSchedule.class)).isEqualTo(tokyo);
      assertThat(d.getInfo().getNextActionTimes().get(0)).isEqualTo(Mondays.next(Instant.now(), ZoneId.of("Asia/Tokyo")).toInstant());
      assertThat(digests.ensure(tokyo)).isEqualTo(DigestWorkflows.Outcome.KEPT);

      // Ops paused it (a holiday): the next change of zone keeps it paused, with their note.
      schedule(ops).pause("paused for the holidays (ops)");
      assertThat(digests.ensure(utc)).isEqualTo(DigestWorkflows.Outcome.UPDATED);
      assertThat(schedule(ops).describe().getSchedule().getState().isPaused()).isTrue();
      assertThat(schedule(ops).describe().getSchedule().getState().getNote()).isEqualTo("paused for the holidays (ops)");
      assertThat(schedule(ops).describe().getSchedule().getSpec().getTimeZoneName()).isEqualTo("UTC");
    } finally {
      schedule(ops).unpause();
      digests.ensure(utc);
    }
  }

  @Test
  void theScheduleOfAnOwnerNoLongerConfiguredIsDeleted() {
    DigestSchedule left = new DigestSchedule("left@yourco.example", "left@yourco.example", "Europe/Paris");
    assertThat(digests.ensure(left)).isEqualTo(DigestWorkflows.Outcome.CREATED);
    // The next start: she is not among the configured users. (Listing schedules is eventually consistent.)
    await().atMost(PATIENCE).untilAsserted(() -> {
      digests.ensureAll();
      assertThatThrownBy(() -> schedule(left.owner()).describe()).hasStackTraceContaining("NOT_FOUND");
    });
    assertThat(schedule("jane.doe@yourco.example").describe().getId()).isEqualTo("abm-digest-jane.doe@yourco.example");
  }

  @Test
  void aSleepingDigestWorkflowFromBeforeIsTerminatedWhenItsScheduleTakesOver() {
    DigestSchedule before = new DigestSchedule("moving@yourco.example", "moving@yourco.example", "Europe/Berlin");
    OwnerDigestWorkflow sleeping = workflows.newWorkflowStub(OwnerDigestWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("abm-digest-moving@yourco.example").setTaskQueue("abm-sequences").build());
    WorkflowClient.start(sleeping::run, before);
    try {
      assertThat(status("abm-digest-moving@yourco.example")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

      assertThat(digests.ensure(before)).isEqualTo(DigestWorkflows.Outcome.CREATED);
      assertThat(status("abm-digest-moving@yourco.example")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
      assertThat(digests.ensure(before)).isEqualTo(DigestWorkflows.Outcome.KEPT);
    } finally {
      schedule(before.owner()).delete();
    }
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return workflows.newUntypedWorkflowStub(workflowId).describe().getStatus();
  }

  /** The {@code n}th run the schedule started (its recent actions, oldest first). */
  private ScheduleActionExecutionStartWorkflow awaitAction(ScheduleHandle handle, int n) {
    List<ScheduleActionResult> actions = await().atMost(PATIENCE).until(() -> handle.describe().getInfo().getRecentActions(), a -> a.size() >= n);
    return (ScheduleActionExecutionStartWorkflow) actions.get(n - 1).getAction();
  }

  private DigestResult result(ScheduleActionExecutionStartWorkflow run) throws Exception {
    return workflows.newUntypedWorkflowStub(run.getWorkflowId()).getResult(PATIENCE.toSeconds(), TimeUnit.SECONDS, DigestResult.class);
  }

  private List<MimeMessage> mailTo(String address) {
    return mail.received().stream().filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(address);
      } catch (MessagingException e) {
        return false;
      }
    }).toList();
  }

  /** Every value a calendar field's ranges hold. */
  private static List<Integer> values(List<ScheduleRange> ranges) {
    return ranges.stream().flatMap(r -> Stream.iterate(r.getStart(), v -> v <= Math.max(r.getEnd(), r.getStart()), v -> v + Math.max(r.getStep(), 1)))
        .toList();
  }

  /**
   * A run the real server's schedule started, for the workflows' replay corpus (with {@code
   * -Dabm.recordHistories=true}; an existing file is never overwritten).
   */
  private void record(ScheduleActionExecutionStartWorkflow run, String name) throws IOException {
    if (!Boolean.getBoolean("abm.recordHistories")) return;
    Path file = Path.of("..", "workflows", "src", "test", "resources", "histories", "digest", name + ".json");
    if (Files.exists(file)) return;
    Files.writeString(file, workflows.fetchHistory(run.getWorkflowId(), run.getFirstExecutionRunId()).toJson(true));
  }
}
