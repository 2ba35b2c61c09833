package io.abmsequencer.workflows.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.testing.DefaultLocale;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Monday digest's recorded histories replay against the current code, each against the
 * implementation of its workflow type; every digest workflow type, a run a real server's schedule
 * started, and the paths a running sleeping digest can be on (a week sent and continued as new, a
 * reschedule) have one.
 */
class DigestReplayTest {
  /** Workflow type → implementation: every workflow the worker registers for the digest. */
  static final Map<String, Class<?>> IMPLEMENTATIONS = Map.of(
      type(OwnerDigestWorkflow.class), OwnerDigestWorkflowImpl.class,
      type(WeeklyDigestWorkflow.class), WeeklyDigestWorkflowImpl.class);

  static String type(Class<?> workflowInterface) {
    return java.util.Arrays.stream(workflowInterface.getMethods()).map(m -> m.getAnnotation(WorkflowMethod.class))
        .filter(a -> a != null).findFirst().orElseThrow().name();
  }

  static WorkflowExecutionHistory load(Path file) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(file));
  }

  static String typeOf(WorkflowExecutionHistory history) {
    return history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
  }

  static void replay(WorkflowExecutionHistory history, Class<?> implementation) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build())
        .build())) {
      WorkflowReplayer.replayWorkflowExecution(history, env, implementation);
    }
  }

  static java.util.List<Path> histories() {
    return DigestHistories.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void recordedHistoryReplaysAgainstTheCurrentCode(Path file) throws Exception {
    WorkflowExecutionHistory history = load(file);
    Class<?> implementation = IMPLEMENTATIONS.get(typeOf(history));
    assertThat(implementation).as("the workflow type of %s", file).isNotNull();
    replay(history, implementation);
  }

  /** As the sequences' corpus: a worker in another locale replays every digest history. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("otherLocales")
  void theCorpusReplaysOnAWorkerInAnotherLocale(String languageTag) throws Exception {
    DefaultLocale.with(languageTag, () -> {
      assertThat(DefaultLocale.mondayByDefault()).as("the default locale took effect").isNotEqualTo("Mon");
      for (Path file : histories()) {
        WorkflowExecutionHistory history = load(file);
        replay(history, IMPLEMENTATIONS.get(typeOf(history)));
      }
    });
  }

  static java.util.stream.Stream<String> otherLocales() {
    return java.util.stream.Stream.of(DefaultLocale.OTHERS);
  }

  @Test
  void everyDigestWorkflowTypeAndTheSleepersPathsHaveAHistory() throws IOException {
    Set<String> covered = new TreeSet<>();
    for (Path file : histories()) {
      WorkflowExecutionHistory history = load(file);
      covered.add("type " + typeOf(history));
      if (history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getSearchAttributes().containsIndexedFields("TemporalScheduledById")) {
        covered.add("started by a schedule");
      }
      for (HistoryEvent e : history.getEvents()) {
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) covered.add("signal " + e.getWorkflowExecutionSignaledEventAttributes().getSignalName());
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) covered.add("continued as new");
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) covered.add("completed " + typeOf(history));
      }
    }
    Set<String> expected = IMPLEMENTATIONS.keySet().stream().map(t -> "type " + t).collect(Collectors.toCollection(TreeSet::new));
    // The schedule's run as a real server started it (recorded by the starter's DigestSchedulesDevServerTest).
    expected.addAll(Set.of("signal reschedule", "continued as new", "completed " + type(WeeklyDigestWorkflow.class), "started by a schedule"));
    assertThat(covered).containsAll(expected);
  }

  /** The corpus catches what it should: a timer before the send, unguarded, breaks a recorded weekly run. */
  @Test
  void anUnguardedChangeIsCaught() throws IOException {
    WorkflowExecutionHistory history = load(DigestHistories.DIR.resolve("weekly-digest-sent.json"));
    assertThatThrownBy(() -> replay(history, UnguardedChange.class)).hasMessageContaining("NonDeterministicException");
  }

  public static class UnguardedChange extends WeeklyDigestWorkflowImpl {
    @Override
    public DigestResult send(DigestSchedule schedule) {
      Workflow.sleep(Duration.ofMinutes(1));
      return super.send(schedule);
    }
  }
}
