package io.abmsequencer.workflows.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.workflows.testing.DefaultLocale;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.ReplayResults;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
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

  /**
   * A worker whose machine runs in another locale replays every recorded history: workflow code
   * formats dates and numbers in a pinned locale, and since "kept-promises" words decide no command.
   * (Before the locale was pinned, the runs resumed from continue-as-new failed here: the details
   * they carried were English, the ones replay wrote were German, and a difference in words meant a
   * record.) One worker replays the whole corpus per locale.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("otherLocales")
  void theCorpusReplaysOnAWorkerInAnotherLocale(String languageTag) throws Exception {
    List<WorkflowExecutionHistory> corpus = new java.util.ArrayList<>();
    for (Path file : histories().toList()) corpus.add(load(file));
    DefaultLocale.with(languageTag, () -> {
      assertThat(DefaultLocale.mondayByDefault()).as("the default locale took effect").isNotEqualTo("Mon");
      try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
          .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build())
          .build())) {
        Worker worker = env.newWorker("replay-" + languageTag);
        worker.registerWorkflowImplementationTypes(AccountSequenceWorkflowImpl.class);
        ReplayResults results = WorkflowReplayer.replayWorkflowExecutions(corpus, false, worker);
        assertThat(results.allErrors()).as("histories that failed to replay under %s", languageTag)
            .extracting(e -> e.workflowId + ": " + String.valueOf(e.exception.getMessage()).lines().findFirst().orElse(""))
            .isEmpty();
      }
    });
  }

  static Stream<String> otherLocales() {
    return Stream.of(DefaultLocale.OTHERS);
  }

  /**
   * A copy edit to a status message between releases (or a worker in another locale) changes the
   * words a run carries over continue-as-new, never what the next run does: since "kept-promises" a
   * record is due when state changed. Before, the same edit made the resumed run record where the
   * recorded run had not, and its replay failed.
   */
  @Test
  void statusWordsCarriedAcrossContinueAsNewDecideNoCommand() throws Exception {
    String reworded = "Paused (reworded by a later release)";
    replay(withCarriedDetails(load(HISTORIES.resolve("resumed-after-continue-as-new-v3.json")), reworded), AccountSequenceWorkflowImpl.class);
    WorkflowExecutionHistory before = withCarriedDetails(load(HISTORIES.resolve("resumed-after-continue-as-new-v2.json")), reworded);
    assertThatThrownBy(() -> replay(before, AccountSequenceWorkflowImpl.class)).hasMessageContaining("NonDeterministicException");
  }

  /** The history with the status details its run was handed by continue-as-new replaced. */
  static WorkflowExecutionHistory withCarriedDetails(WorkflowExecutionHistory history, String details) {
    var converter = Payloads.dataConverter();
    var start = history.getEvents().get(0);
    var attributes = start.getWorkflowExecutionStartedEventAttributes();
    SequenceInput input = converter.fromPayloads(0, java.util.Optional.of(attributes.getInput()), SequenceInput.class, SequenceInput.class);
    assertThat(input.carried()).as("a run resumed from continue-as-new").isNotNull();
    assertThat(input.carried().details).isNotEqualTo(details);
    input.carried().details = details;
    var edited = start.toBuilder()
        .setWorkflowExecutionStartedEventAttributes(attributes.toBuilder().setInput(converter.toPayloads(input).orElseThrow()))
        .build();
    return new WorkflowExecutionHistory(history.getHistory().toBuilder().setEvents(0, edited).build(), history.getWorkflowExecution().getWorkflowId());
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
