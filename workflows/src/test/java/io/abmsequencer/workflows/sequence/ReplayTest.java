package io.abmsequencer.workflows.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded history in {@code src/test/resources/histories/} must replay against the current
 * workflow code: a change that would break running 18-month sequences fails the build here. Record
 * new histories with {@code ./mvnw -pl workflows test -Dabm.recordHistories=true} and commit them.
 */
class ReplayTest {

  static final Path HISTORIES = Path.of("src", "test", "resources", "histories");

  /** Replays with the product's data converter, in an environment of its own. */
  static void replay(WorkflowExecutionHistory history, Class<?> workflowClass) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build())
        .build())) {
      WorkflowReplayer.replayWorkflowExecution(history, env, workflowClass);
    }
  }

  static Stream<Path> histories() throws IOException {
    return Files.list(HISTORIES).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  static WorkflowExecutionHistory load(Path file) throws IOException {
    return WorkflowExecutionHistory.fromJson(Files.readString(file));
  }

  @Test
  void historiesCoverTheLongRunAndPauseReviewAndExitPaths() throws IOException {
    assertThat(histories().map(p -> p.getFileName().toString()).toList())
        .contains("tier1-18-months-completed.json", "pause-resume-completed.json", "task-then-review-stop.json",
            "closed-won-handover.json", "review-changes-tier.json",
            // Recorded from the real Temporal dev server by starter/.../production/ProductionModeIT.
            "real-server-pause-task-review-completed.json", "real-server-continued-as-new.json",
            "real-server-resumed-after-continue-as-new.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void recordedHistoryReplaysAgainstTheCurrentCode(Path file) throws Exception {
    replay(load(file), AccountSequenceWorkflowImpl.class);
  }

  /** Proof the replay test catches what it should: an unguarded change to the command order fails. */
  @Test
  void anUnguardedChangeIsCaught() throws IOException {
    WorkflowExecutionHistory history = load(HISTORIES.resolve("pause-resume-completed.json"));
    assertThatThrownBy(() -> replay(history, UnguardedChange.class))
        .hasMessageContaining("NonDeterministicException");
  }

  /** ...and the same change behind Workflow.getVersion replays cleanly. */
  @Test
  void theSameChangeBehindGetVersionReplays() throws Exception {
    for (Path file : List.of(HISTORIES.resolve("pause-resume-completed.json"), HISTORIES.resolve("tier1-18-months-completed.json"))) {
      replay(load(file), GuardedChange.class);
    }
  }

  /** A new timer before the first step, as a careless edit might add. */
  public static class UnguardedChange extends AccountSequenceWorkflowImpl {
    @WorkflowInit
    public UnguardedChange(SequenceInput input) {
      super(input);
    }

    @Override
    public SequenceResult run(SequenceInput input) {
      Workflow.sleep(Duration.ofMinutes(1));
      return super.run(input);
    }
  }

  public static class GuardedChange extends AccountSequenceWorkflowImpl {
    @WorkflowInit
    public GuardedChange(SequenceInput input) {
      super(input);
    }

    @Override
    public SequenceResult run(SequenceInput input) {
      if (Workflow.getVersion("warm-up-pause", Workflow.DEFAULT_VERSION, 1) == 1) Workflow.sleep(Duration.ofMinutes(1));
      return super.run(input);
    }
  }

}
