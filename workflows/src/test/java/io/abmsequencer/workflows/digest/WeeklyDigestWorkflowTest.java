package io.abmsequencer.workflows.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.sequence.Payloads;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run a digest schedule starts: this week's digest, for the week as the owner's calendar has it, at most once. */
class WeeklyDigestWorkflowTest {
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  static final DigestSchedule JANE = new DigestSchedule("jane.doe@yourco.example", "jane.doe@yourco.example", "Asia/Tokyo");

  final List<DigestRequest> requests = Collections.synchronizedList(new ArrayList<>());
  /** What the activity has sent, by owner and week, as the digests table keeps it. */
  final Set<String> sentWeeks = Collections.synchronizedSet(new HashSet<>());
  TestWorkflowEnvironment env;

  @AfterEach
  void close() {
    if (env != null) env.close();
  }

  void startAt(String utc) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse(utc))
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build())
        .build());
    Worker worker = env.newWorker("digests");
    worker.registerWorkflowImplementationTypes(WeeklyDigestWorkflowImpl.class);
    worker.registerActivitiesImplementations((Digests) request -> {
      requests.add(request);
      return sentWeeks.add(request.owner() + "/" + request.week())
          ? new DigestResult(true, "1 review waiting")
          : new DigestResult(false, "1 review waiting (sent before)");
    });
    env.start();
  }

  /**
   * Started first, then waited on: the test server lets time jump ahead while a client waits, to the
   * next timer it holds — a finished run's execution timeout among them (10 years unless set: a
   * second run then started in 2037). An hour's timeout keeps such a jump inside the week.
   */
  DigestResult run(String workflowId) {
    WeeklyDigestWorkflow digest = env.getWorkflowClient().newWorkflowStub(WeeklyDigestWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue("digests").setWorkflowId(workflowId)
            .setWorkflowExecutionTimeout(Duration.ofHours(1)).build());
    WorkflowClient.start(digest::send, JANE);
    return WorkflowStub.fromTyped(digest).getResult(DigestResult.class);
  }

  /** Sunday 23:30 UTC is Monday 08:30 in Tokyo: the run is for Tokyo's Monday, not the UTC week before. */
  @Test
  void sendsTheWeekOfTheOwnersMondayOnceAndASecondRunThatWeekSendsNothing() {
    startAt("2027-01-10T23:30:00Z");
    DigestResult first = run("abm-digest-jane-2027-01-10T23:30:00Z");
    assertThat(first.sent()).isTrue();
    assertThat(requests).singleElement().isEqualTo(new DigestRequest(JANE.owner(), JANE.email(), "Asia/Tokyo", LocalDate.of(2027, 1, 11)));

    // Triggered again on Wednesday: the same week, and the activity's record says it went out.
    env.sleep(Duration.ofDays(2));
    DigestResult again = run("abm-digest-jane-2027-01-12T23:30:00Z");
    assertThat(again.sent()).as("%s", requests).isFalse();
    assertThat(again.summary()).endsWith("(sent before)");
    assertThat(requests).extracting(DigestRequest::week).containsExactly(LocalDate.of(2027, 1, 11), LocalDate.of(2027, 1, 11));
    DigestHistories.record(env.getWorkflowClient(), "abm-digest-jane-2027-01-10T23:30:00Z", null, "weekly-digest-sent");
  }

  @Test
  void aRunWhoseFirstTaskCameLateSendsTheWeekItWasStartedIn() {
    startAt("2027-01-17T23:59:00Z"); // Monday 18 January, 08:59 in Tokyo
    // Its first workflow task eight days later (as after a long worker outage): still that week's digest.
    WeeklyDigestWorkflow digest = env.getWorkflowClient().newWorkflowStub(WeeklyDigestWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue("digests").setWorkflowId("abm-digest-jane-late").setStartDelay(Duration.ofDays(8)).build());
    WorkflowClient.start(digest::send, JANE);
    assertThat(WorkflowStub.fromTyped(digest).getResult(DigestResult.class).sent()).isTrue();
    assertThat(Instant.ofEpochMilli(env.currentTimeMillis())).isAfter(Instant.parse("2027-01-25T23:59:00Z"));
    assertThat(requests).singleElement().extracting(DigestRequest::week).isEqualTo(LocalDate.of(2027, 1, 18));
  }

  @Test
  void weekOfIsTheMondayOnOrBeforeInTheZone() {
    ZoneId london = ZoneId.of("Europe/London");
    assertThat(Mondays.weekOf(ZonedDateTime.of(LocalDateTime.parse("2027-01-11T08:00"), london).toInstant(), london))
        .isEqualTo(LocalDate.of(2027, 1, 11));
    assertThat(Mondays.weekOf(ZonedDateTime.of(LocalDateTime.parse("2027-01-11T07:59"), london).toInstant(), london))
        .as("before 08:00 on Monday is still that Monday's week").isEqualTo(LocalDate.of(2027, 1, 11));
    assertThat(Mondays.weekOf(ZonedDateTime.of(LocalDateTime.parse("2027-01-17T23:59"), london).toInstant(), london))
        .isEqualTo(LocalDate.of(2027, 1, 11));
    assertThat(Mondays.weekOf(Instant.parse("2027-01-17T23:30:00Z"), TOKYO)).isEqualTo(LocalDate.of(2027, 1, 18));
    assertThat(Mondays.zone("Not/AZone")).isEqualTo(ZoneId.of("UTC"));
  }
}
