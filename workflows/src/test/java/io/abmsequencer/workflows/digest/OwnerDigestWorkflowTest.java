package io.abmsequencer.workflows.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.abmsequencer.workflows.sequence.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OwnerDigestWorkflowTest {
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  record Sent(DigestRequest request, Instant at) {}

  final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
      .setInitialTime(ZonedDateTime.of(LocalDateTime.parse("2027-01-05T10:00"), LONDON).toInstant())
      .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build())
      .build());

  @AfterEach
  void close() {
    env.close();
  }

  /**
   * Sent that Monday once its 08:00 timer fired. Not "within the minute": the activity reads the
   * test server's clock when it runs, a moment after the timer fired in real time (08:00:01 was seen),
   * and how long that moment is depends on the machine's load. The exact 08:00 is {@link #timerDue}.
   */
  static void sentThatMorning(LocalDateTime at, String monday) {
    LocalDateTime eight = LocalDateTime.parse(monday);
    assertThat(at).isAfterOrEqualTo(eight);
    assertThat(at.toLocalDate()).isEqualTo(eight.toLocalDate());
  }

  /**
   * When the timer that released the run's digest was due, in {@code zone}: the workflow's time when
   * it started the timer (the start of that workflow task) plus the timer's length. Exact to the
   * millisecond whatever the machine's load.
   */
  LocalDateTime timerDue(String runId, ZoneId zone) {
    List<HistoryEvent> events = env.getWorkflowClient().fetchHistory("abm-digest-jane", runId).getEvents();
    HistoryEvent fired = events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED).reduce((a, b) -> b).orElseThrow();
    String timerId = fired.getTimerFiredEventAttributes().getTimerId();
    int started = -1;
    for (int i = 0; i < events.size() && started < 0; i++) {
      HistoryEvent e = events.get(i);
      if (e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED && e.getTimerStartedEventAttributes().getTimerId().equals(timerId)) started = i;
    }
    // The workflow task that started the timer: the last one started before it.
    int task = started;
    while (events.get(task).getEventType() != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) task--;
    long due = Timestamps.toMillis(events.get(task).getEventTime())
        + Durations.toMillis(events.get(started).getTimerStartedEventAttributes().getStartToFireTimeout());
    return Instant.ofEpochMilli(due).atZone(zone).toLocalDateTime();
  }

  @Test
  void sendsEveryMondayAtEightInTheOwnersZoneOneRunPerWeek() {
    Worker worker = env.newWorker("digests");
    worker.registerWorkflowImplementationTypes(OwnerDigestWorkflowImpl.class);
    worker.registerActivitiesImplementations((Digests) request -> {
      sent.add(new Sent(request, Instant.ofEpochMilli(env.currentTimeMillis())));
      return new DigestResult(true, "2 advanced, 1 stalled");
    });
    env.start();
    OwnerDigestWorkflow digest = env.getWorkflowClient().newWorkflowStub(OwnerDigestWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue("digests").setWorkflowId("abm-digest-jane").build());
    WorkflowClient.start(digest::run, new DigestSchedule("jane.doe@yourco.example", "jane.doe@yourco.example", "Europe/London"));

    env.sleep(Duration.ofDays(7));
    assertThat(sent).singleElement().satisfies(s -> {
      assertThat(s.request().week()).isEqualTo(LocalDate.of(2027, 1, 11));
      assertThat(s.at().atZone(LONDON).toLocalDateTime()).satisfies(at -> sentThatMorning(at, "2027-01-11T08:00"));
    });
    String firstRun = WorkflowStub.fromTyped(digest).getExecution().getRunId();
    String nowRun = env.getWorkflowClient().newUntypedWorkflowStub("abm-digest-jane").describe().getWorkflowExecutionInfo().getExecution().getRunId();
    assertThat(nowRun).isNotEqualTo(firstRun);
    assertThat(timerDue(firstRun, LONDON)).isEqualTo(LocalDateTime.parse("2027-01-11T08:00"));

    // She moves to Tokyo: next Monday 08:00 Tokyo time.
    env.getWorkflowClient().newWorkflowStub(OwnerDigestWorkflow.class, "abm-digest-jane")
        .reschedule(new DigestSchedule("jane.doe@yourco.example", "jane.doe@yourco.example", "Asia/Tokyo"));
    env.sleep(Duration.ofDays(7));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).at().atZone(TOKYO).toLocalDateTime()).satisfies(at -> sentThatMorning(at, "2027-01-18T08:00"));
    assertThat(timerDue(nowRun, TOKYO)).isEqualTo(LocalDateTime.parse("2027-01-18T08:00"));
    assertThat(sent.get(1).request().timeZone()).isEqualTo("Asia/Tokyo");
    // A week sent and continued as new; then a week whose timer a reschedule cancelled.
    DigestHistories.record(env.getWorkflowClient(), "abm-digest-jane", firstRun, "owner-digest-sent-continued-as-new");
    DigestHistories.record(env.getWorkflowClient(), "abm-digest-jane", nowRun, "owner-digest-rescheduled");
  }

  @Test
  void mondaysAcrossDaylightSaving() {
    // UK clocks go forward on Sunday 2027-03-28: Monday 08:00 is then 07:00 UTC.
    ZonedDateTime next = Mondays.next(ZonedDateTime.of(LocalDateTime.parse("2027-03-26T12:00"), LONDON).toInstant(), LONDON);
    assertThat(next.toInstant()).isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));
    // Monday 08:00 itself is "this week's" only strictly before it.
    assertThat(Mondays.next(ZonedDateTime.of(LocalDateTime.parse("2027-01-11T08:00"), LONDON).toInstant(), LONDON).toLocalDate())
        .isEqualTo(LocalDate.of(2027, 1, 18));
  }
}
