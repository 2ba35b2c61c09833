package io.abmsequencer.workflows.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.abmsequencer.workflows.channels.AdAudiences;
import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.channels.EmailChannel;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.PlaybookCatalog;
import io.abmsequencer.workflows.channels.ReviewClose;
import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.channels.Reviews;
import io.abmsequencer.workflows.channels.SdrTasks;
import io.abmsequencer.workflows.channels.SmsChannel;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.EmailStep;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.ReviewStep;
import io.abmsequencer.workflows.playbook.SmsStep;
import io.abmsequencer.workflows.playbook.Step;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskStep;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.playbook.WaitStep;
import io.temporal.activity.ActivityMethod;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recorded histories together walk every path a running sequence can be on when a release
 * deploys: every exit reason, every step kind, every task type a playbook step can name, every
 * signal and update, and the paths that keep 18-month sequences alive (continue-as-new, pauses,
 * guards, tier changes). {@link ReplayTest} replays each of them against the current code; this
 * test makes sure there is something to replay. A new step kind, task type, exit reason, signal,
 * update, decision or outcome fails here until a history that walks it is recorded: add
 * {@code kit.recordHistory(...)} to a test that drives the path, run just that test with
 * {@code -Dabm.recordHistories=true} (from workflows/: {@code ../mvnw -o test
 * -Dabm.recordHistories=true -Dtest=Class#method}) and commit only the new file. Histories already
 * committed were recorded by older code and prove the current code still replays them: a run that
 * rewrote one must be undone ({@code git show HEAD:<path> > <path>}).
 *
 * <p>Everything is read from what the histories hold, decoded with the product's data converter:
 * the playbook snapshotted into the start event's input (and any playbook a tier change fetched),
 * the activities the sequence scheduled for its steps, the signals and updates it received, and the
 * result it returned. Names come from the annotations of the workflow and activity interfaces, so
 * renaming one changes nothing here.
 */
class HistoryCoverageTest {

  /**
   * Exit reasons no workflow history can hold. INTERRUPTED is written by the starter into the read
   * model ({@code starter/.../startup/EmbeddedRestart}) for sequences the embedded Temporal server
   * lost on a restart: the workflow never returns it, so no history of it exists.
   */
  static final Set<ExitReason> SET_OUTSIDE_TEMPORAL = EnumSet.of(ExitReason.INTERRUPTED);

  /** Paths worth having in history beyond the enumerations, as {@link Coverage} names them. */
  static final List<String> PATHS = List.of(
      "guarded step ran",
      "guarded step skipped",
      "per-role copy",
      "ads ADD",
      "ads REMOVE",
      "engagement threshold alert",
      "task EXPIRED",
      "task CANCELLED",
      "review EXPIRED",
      "review CANCELLED",
      "touch DEFERRED",
      "touch BOUNCED",
      "tier change to another playbook",
      "closed-won handover",
      "continued as new",
      "run resumed from continue-as-new",
      "paused across continue-as-new",
      "opted out at launch",
      "opt-out repeated",
      "text outside the SMS hours sent in the send window",
      "text outside the SMS hours skipped");

  /** The workflow's source, where its version decisions are written. */
  static final Path WORKFLOW_SOURCE =
      Path.of("src", "main", "java", "io", "abmsequencer", "workflows", "sequence", "AccountSequenceWorkflowImpl.java");

  static final DataConverter CONVERTER = Payloads.dataConverter();

  static final String SEND_EMAIL = activityName(EmailChannel.class, "send");
  static final String SEND_SMS = activityName(SmsChannel.class, "send");
  static final String SYNC_AUDIENCE = activityName(AdAudiences.class, "sync");
  static final String OPEN_TASK = activityName(SdrTasks.class, "open");
  static final String CLOSE_TASK = activityName(SdrTasks.class, "close");
  static final String OPEN_REVIEW = activityName(Reviews.class, "open");
  static final String CLOSE_REVIEW = activityName(Reviews.class, "close");
  static final String FIND_PLAYBOOK = activityName(PlaybookCatalog.class, "find");

  /** History file name → what it covers. */
  static Map<String, Set<String>> covered;

  @BeforeAll
  static void readEveryHistory() throws IOException {
    covered = new TreeMap<>();
    for (Path file : ReplayTest.histories().toList()) {
      covered.put(file.getFileName().toString(), new Coverage(ReplayTest.load(file)).items);
    }
    covered.forEach((file, items) -> System.out.println(file + ": " + items));
  }

  @Test
  void everyExitReasonEndsSomeRecordedHistory() {
    assertCovered(Arrays.stream(ExitReason.values()).filter(r -> !SET_OUTSIDE_TEMPORAL.contains(r)).map(r -> "exit " + r));
  }

  @Test
  void noHistoryEndsWithAReasonSetOutsideTemporal() {
    // One that did would prove the exclusion wrong: the workflow returns it, so it needs covering.
    assertThat(all()).doesNotContainAnyElementsOf(SET_OUTSIDE_TEMPORAL.stream().map(r -> "exit " + r).toList());
  }

  @Test
  void everyStepKindRunsInSomeRecordedHistory() {
    JsonSubTypes kinds = Step.class.getAnnotation(JsonSubTypes.class);
    assertThat(kinds.value()).as("every Step is named in @JsonSubTypes").hasSameSizeAs(Step.class.getPermittedSubclasses());
    assertCovered(Arrays.stream(kinds.value()).map(k -> "step " + k.name()));
  }

  @Test
  void everyTaskTypeIsOpenedByATaskStepInSomeRecordedHistory() {
    assertCovered(Arrays.stream(TaskType.values()).map(t -> "task step " + t));
  }

  @Test
  void everySignalAndUpdateReachesSomeRecordedHistory() {
    assertCovered(Arrays.stream(AccountSequenceWorkflow.class.getMethods()).flatMap(m -> {
      SignalMethod signal = m.getAnnotation(SignalMethod.class);
      UpdateMethod update = m.getAnnotation(UpdateMethod.class);
      if (signal != null) return Stream.of("signal " + (signal.name().isEmpty() ? m.getName() : signal.name()));
      if (update != null) return Stream.of("update " + (update.name().isEmpty() ? m.getName() : update.name()));
      return Stream.empty();
    }));
  }

  @Test
  void everyReviewDecisionAndTaskOutcomeIsRecorded() {
    assertCovered(Stream.concat(
        Arrays.stream(ReviewDecision.values()).map(d -> "decision " + d),
        Arrays.stream(TaskOutcome.values()).map(o -> "outcome " + o)));
  }

  @Test
  void thePathsThatKeepLongSequencesAliveAreRecorded() {
    assertCovered(PATHS.stream());
  }

  /**
   * Both branches of every version decision replay: some history took the new branch (it holds the
   * version's marker), some was recorded before it (it does not). A new {@code Workflow.getVersion}
   * fails here until a history recorded with it is committed.
   */
  @Test
  void everyVersionDecisionHasAHistoryOnEachSide() throws IOException {
    List<String> changeIds = java.util.regex.Pattern.compile("Workflow\\.getVersion\\(\"([^\"]+)\"")
        .matcher(java.nio.file.Files.readString(WORKFLOW_SOURCE)).results().map(m -> m.group(1)).toList();
    assertThat(changeIds).contains("search-attributes", "records-when-waiting", "kept-promises");
    assertCovered(changeIds.stream().map(id -> "version " + id));
    List<String> neverBefore = changeIds.stream()
        .filter(id -> covered.values().stream().allMatch(items -> items.contains("version " + id))).toList();
    assertThat(neverBefore).as("versions no history from before them replays").isEmpty();
  }

  private static Set<String> all() {
    return covered.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
  }

  private static void assertCovered(Stream<String> expected) {
    List<String> missing = expected.filter(item -> !all().contains(item)).toList();
    assertThat(missing)
        .as("no history in %s covers these: record one that does (see the class comment); what each history covers is in the test output", ReplayTest.HISTORIES)
        .isEmpty();
  }

  private static String activityName(Class<?> activityInterface, String method) {
    for (Method m : activityInterface.getMethods()) {
      ActivityMethod a = m.getAnnotation(ActivityMethod.class);
      if (m.getName().equals(method) && a != null && !a.name().isEmpty()) return a.name();
    }
    throw new IllegalArgumentException(activityInterface.getSimpleName() + "." + method + " has no named @ActivityMethod");
  }

  /** What one recorded run did, decoded from its events. */
  static final class Coverage {
    final Set<String> items = new TreeSet<>();

    /** Playbooks this run knew, by ref, in the order it followed them. */
    private final Map<String, Playbook> playbooks = new LinkedHashMap<>();
    /** Playbook ref → ids of the steps that acted (sent, synced, opened a task or review). */
    private final Map<String, Set<String>> acted = new HashMap<>();
    /** Playbook ref → the steps before this index were behind the sequence when the run ended. */
    private final Map<String, Integer> passedBefore = new HashMap<>();
    private final Map<Long, String> activityTypes = new HashMap<>();
    private final Map<String, TaskOpen> tasks = new HashMap<>();
    private final Set<String> optOuts = new java.util.HashSet<>();

    Coverage(WorkflowExecutionHistory history) {
      SequenceInput input = null;
      ExitReason exit = null;
      for (HistoryEvent e : history.getEvents()) {
        switch (e.getEventType()) {
          case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
            input = decode(e.getWorkflowExecutionStartedEventAttributes().getInput(), SequenceInput.class);
            follow(input.playbook());
            if (!input.optedOut().isEmpty()) items.add("opted out at launch");
            if (input.carried() != null) {
              items.add("run resumed from continue-as-new");
              if (input.carried().switchedPlaybook != null) follow(input.carried().switchedPlaybook);
            }
          }
          case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> signaled(e.getWorkflowExecutionSignaledEventAttributes());
          case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> update(e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput());
          case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> scheduled(e);
          case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> completed(e);
          case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> items.add("closed-won handover");
          case EVENT_TYPE_MARKER_RECORDED -> {
            var marker = e.getMarkerRecordedEventAttributes();
            if (marker.getMarkerName().equals("Version")) items.add("version " + decode(marker.getDetailsOrThrow("changeId"), String.class));
          }
          case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
            exit = decode(e.getWorkflowExecutionCompletedEventAttributes().getResult(), SequenceResult.class).reason();
            items.add("exit " + exit);
          }
          case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
            items.add("continued as new");
            SequenceState carried = decode(e.getWorkflowExecutionContinuedAsNewEventAttributes().getInput(), SequenceInput.class).carried();
            if (carried.paused) items.add("paused across continue-as-new");
            passedBefore.put(followedLast().ref(), carried.cursor);
          }
          default -> {}
        }
      }
      if (exit == ExitReason.COMPLETED) passedBefore.put(followedLast().ref(), followedLast().steps().size());
      steps();
    }

    private void signaled(io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes signal) {
      items.add("signal " + signal.getSignalName());
      if (signal.getSignalName().equals("optOut")) {
        OptOut out = decode(signal.getInput(), OptOut.class);
        if (!optOuts.add(out.contactId() + "/" + out.channel())) items.add("opt-out repeated");
      }
    }

    private void update(io.temporal.api.update.v1.Input update) {
      String name = update.getName();
      items.add("update " + name);
      if (name.equals("completeTask")) items.add("outcome " + decode(update.getArgs(), CompleteTask.class).outcome());
      if (name.equals("decideReview")) items.add("decision " + decode(update.getArgs(), DecideReview.class).decision());
    }

    private void scheduled(HistoryEvent e) {
      var a = e.getActivityTaskScheduledEventAttributes();
      String type = a.getActivityType().getName();
      activityTypes.put(e.getEventId(), type);
      if (type.equals(SEND_EMAIL)) {
        EmailTouch touch = decode(a.getInput(), EmailTouch.class);
        Step step = acted(touch.key());
        if (step instanceof EmailStep email && email.byRole().containsKey(touch.contact().role())) items.add("per-role copy");
      } else if (type.equals(SEND_SMS)) {
        acted(decode(a.getInput(), SmsTouch.class).key());
      } else if (type.equals(SYNC_AUDIENCE)) {
        AudienceSync sync = decode(a.getInput(), AudienceSync.class);
        acted(sync.key());
        items.add("ads " + sync.action());
      } else if (type.equals(OPEN_TASK)) {
        TaskOpen task = decode(a.getInput(), TaskOpen.class);
        tasks.put(task.taskId(), task);
        if (task.stepId().startsWith("threshold:")) {
          items.add("engagement threshold alert");
        } else if (acted(task.stepId(), TaskStep.class) != null) {
          items.add("task step " + task.type());
        }
      } else if (type.equals(CLOSE_TASK)) {
        items.add("task " + decode(a.getInput(), TaskClose.class).state());
      } else if (type.equals(OPEN_REVIEW)) {
        acted(decode(a.getInput(), ReviewOpen.class).stepId(), ReviewStep.class);
      } else if (type.equals(CLOSE_REVIEW)) {
        ReviewClose close = decode(a.getInput(), ReviewClose.class);
        if (close.state() != TaskState.DONE) items.add("review " + close.state());
      }
    }

    private void completed(HistoryEvent e) {
      var a = e.getActivityTaskCompletedEventAttributes();
      String type = activityTypes.get(a.getScheduledEventId());
      if (type.equals(SEND_EMAIL) || type.equals(SEND_SMS)) {
        TouchStatus status = decode(a.getResult(), TouchResult.class).status();
        if (status == TouchStatus.DEFERRED || status == TouchStatus.BOUNCED) items.add("touch " + status);
      } else if (type.equals(FIND_PLAYBOOK)) {
        Playbook found = decode(a.getResult(), Playbook.class);
        // A tier change fetches the tier's playbook; a closed-won handover fetches one for the child.
        if (found != null && found.motion() == playbooks.values().iterator().next().motion()) follow(found);
      }
    }

    /** The step a touch key names ({@code playbookId@version/stepId}, {@code #n} after a playbook switch). */
    private Step acted(TouchKey key) {
      String stepKey = key.stepKey();
      int slash = stepKey.indexOf('/');
      String ref = stepKey.substring(0, slash);
      String stepId = stepKey.substring(slash + 1).replaceFirst("#\\d+$", "");
      Playbook playbook = playbooks.get(ref);
      if (playbook == null || playbook.step(stepId) == null) return null;
      acted.computeIfAbsent(ref, r -> new TreeSet<>()).add(stepId);
      return playbook.step(stepId);
    }

    /** The step of that kind with the id in the playbooks this run followed, latest first. */
    private Step acted(String stepId, Class<? extends Step> kind) {
      List<Playbook> latestFirst = new ArrayList<>(playbooks.values());
      java.util.Collections.reverse(latestFirst);
      for (Playbook playbook : latestFirst) {
        Step step = playbook.step(stepId);
        if (kind.isInstance(step)) {
          acted.computeIfAbsent(playbook.ref(), r -> new TreeSet<>()).add(stepId);
          return step;
        }
      }
      return null;
    }

    private void follow(Playbook playbook) {
      if (!playbooks.isEmpty() && !playbooks.containsKey(playbook.ref())) items.add("tier change to another playbook");
      playbooks.putIfAbsent(playbook.ref(), playbook);
    }

    private Playbook followedLast() {
      Playbook last = null;
      for (Playbook p : playbooks.values()) last = p;
      return last;
    }

    /**
     * A step ran when it acted; a wait step has nothing to act on, so it ran when the sequence got
     * past it (a later step acted, the run continued as new beyond it, or the playbook completed).
     * A guarded step the sequence got past without acting was skipped by its guard.
     */
    private void steps() {
      playbooks.forEach((ref, playbook) -> {
        Set<String> done = acted.getOrDefault(ref, Set.of());
        int passed = passedBefore.getOrDefault(ref, 0);
        List<Step> steps = playbook.steps();
        for (int i = 0; i < steps.size(); i++) if (done.contains(steps.get(i).id())) passed = Math.max(passed, i + 1);
        for (int i = 0; i < steps.size(); i++) {
          Step step = steps.get(i);
          boolean ran = done.contains(step.id()) || (step instanceof WaitStep && step.when() == null && i < passed);
          if (ran) items.add("step " + step.kind());
          if (step instanceof SmsStep && Timeline.textsNeverGoOut(playbook.calendar()) != null && (ran || i < passed)) {
            items.add(ran ? "text outside the SMS hours sent in the send window" : "text outside the SMS hours skipped");
          }
          if (step.when() != null && !(step instanceof WaitStep)) {
            if (ran) items.add("guarded step ran");
            else if (i < passed) items.add("guarded step skipped");
          }
        }
      });
    }

    private static <T> T decode(io.temporal.api.common.v1.Payloads payloads, Class<T> type) {
      return CONVERTER.fromPayloads(0, Optional.of(payloads), type, type);
    }
  }
}
