package io.abmsequencer.starter.sequence;

import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.workflows.digest.DigestSchedule;
import io.abmsequencer.workflows.digest.Mondays;
import io.abmsequencer.workflows.digest.OwnerDigestWorkflow;
import io.abmsequencer.workflows.digest.WeeklyDigestWorkflow;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.CompleteTask;
import io.abmsequencer.workflows.sequence.Control;
import io.abmsequencer.workflows.sequence.DecideReview;
import io.abmsequencer.workflows.sequence.OptOut;
import io.abmsequencer.workflows.sequence.ReviewDecided;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceStatus;
import io.abmsequencer.workflows.sequence.Summaries;
import io.abmsequencer.workflows.sequence.TaskCompleted;
import io.abmsequencer.workflows.sequence.UpdateRejections;
import io.abmsequencer.workflows.sequence.WorkflowIds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one place the starter talks to Temporal: starts, signals, updates and queries sequences, and
 * keeps the Monday digest's schedules. Controllers and services call this, never {@link WorkflowClient}.
 */
@Service
public class SequenceClient {
  private static final Logger log = LoggerFactory.getLogger(SequenceClient.class);

  /** The sequence (workflow id) does not exist or has ended. */
  public static class SequenceGone extends RuntimeException {
    public SequenceGone(String workflowId) {
      super("Sequence " + workflowId + " is not running");
    }
  }

  /** An account already runs this motion: a second launch is refused, not duplicated. */
  public static class AlreadyRunning extends RuntimeException {
    public AlreadyRunning(String workflowId) {
      super("Account already runs this motion: " + workflowId);
    }
  }

  /**
   * Temporal is briefly unreachable or overloaded (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED):
   * nothing happened, and the same call is worth trying again after a pause.
   */
  public static class Unavailable extends RuntimeException {
    public Unavailable(String workflowId, Throwable cause) {
      super("Temporal did not answer for " + workflowId + " (" + statusCode(cause) + "): " + cause.getMessage(), cause);
    }
  }

  /** An Update's validator refused the request; nothing changed. */
  public static class Rejected extends RuntimeException {
    private final String type;

    public Rejected(String type, String message) {
      super(message);
      this.type = type;
    }

    public String type() {
      return type;
    }

    /**
     * The rejection as a 400 naming the request field it is about ({@code outcome}, {@code
     * decision}, {@code tier}), as every other invalid field is named.
     */
    public ApiException asProblem(String title) {
      String field = switch (type) {
        case "OutcomeRequired", "OutcomeNotAllowed" -> "outcome";
        case "DecisionRequired", "DecisionNotAllowed" -> "decision";
        case "TierRequired", "TierUnchanged" -> "tier";
        default -> null;
      };
      return ApiException.refused(title, field, getMessage());
    }
  }

  private final WorkflowClient client;
  private final ScheduleClient schedules;
  private final String taskQueue;

  public SequenceClient(WorkflowClient client, ScheduleClient schedules, TaskQueueSettings settings) {
    this.client = client;
    this.schedules = schedules;
    this.taskQueue = settings.taskQueue();
  }

  public static String workflowId(SequenceInput input) {
    return WorkflowIds.of(input.playbook().motion(), input.account().id());
  }

  /**
   * Starts the account's sequence, described for ops in the Temporal UI.
   *
   * @throws AlreadyRunning when the account runs this motion already
   * @throws Unavailable when Temporal is briefly unreachable or overloaded (nothing started; retry later)
   */
  public String start(SequenceInput input) {
    String workflowId = workflowId(input);
    Playbook playbook = input.playbook();
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(taskQueue)
        // Refused while one runs; an account whose sequence ended may be launched again.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setStaticSummary(Summaries.of(playbook, input.account(), input.tier()))
        .setStaticDetails("Playbook " + playbook.name() + " (" + playbook.ref() + "), owner " + input.owner()
            + (input.launchId() == null ? "" : ", launch " + input.launchId()))
        .setMemo(Summaries.memo(playbook, input.account()))
        .build();
    AccountSequenceWorkflow stub = client.newWorkflowStub(AccountSequenceWorkflow.class, options);
    try {
      WorkflowClient.start(stub::run, input);
      return workflowId;
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new AlreadyRunning(workflowId);
    } catch (RuntimeException e) {
      if (worthRetrying(e)) throw new Unavailable(workflowId, e);
      throw e;
    }
  }

  /** The gRPC status (however deep the SDK wrapped it) says Temporal is briefly unreachable or overloaded. */
  static boolean worthRetrying(Throwable e) {
    Status.Code code = statusCode(e);
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.RESOURCE_EXHAUSTED;
  }

  /**
   * What telling a set of running sequences did: who has the signal, who had ended meanwhile (or was
   * between two runs of a continue-as-new), and who could not be reached (the error, logged).
   */
  public record Told(List<String> told, List<String> gone, Map<String, RuntimeException> failed) {
    /** Every sequence has the signal (or there was none to tell). */
    public boolean all() {
      return gone.isEmpty() && failed.isEmpty();
    }

    /** For callers that answer an error when a sequence could not be reached: the first such error, rethrown. */
    public Told orThrow() {
      if (!failed.isEmpty()) throw failed.values().iterator().next();
      return this;
    }
  }

  /**
   * Signals each running sequence in {@code running} (the read model's rows of an account, an address
   * or a phone number). A sequence that ended meanwhile is not an error: the read model lags Temporal,
   * and whatever the signal says is kept elsewhere too (the suppression list, the engagement table).
   * Any other failure is logged and the rest are still told; {@link Told} says which were.
   *
   * @param what the signal, for the log ("opt-out", "engagement batch b-...")
   */
  public <S> Told signalEach(String what, Collection<S> running, Function<S, String> workflowId, BiConsumer<AccountSequenceWorkflow, S> signal) {
    List<String> told = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    Map<String, RuntimeException> failed = new LinkedHashMap<>();
    for (S sequence : running) {
      String id = workflowId.apply(sequence);
      try {
        signal(id, stub -> signal.accept(stub, sequence));
        told.add(id);
      } catch (SequenceGone e) {
        log.info("Sequence {} ended before the {} reached it", id, what);
        gone.add(id);
      } catch (RuntimeException e) {
        log.warn("Could not tell {} of the {}: {}", id, what, e.getMessage());
        failed.put(id, e);
      }
    }
    return new Told(List.copyOf(told), List.copyOf(gone), failed);
  }

  public void optOut(String workflowId, OptOut optOut) {
    signal(workflowId, s -> s.optOut(optOut));
  }

  /** People joining or leaving the account's buying committee (a refreshed target account list). */
  public void committeeChanged(String workflowId, io.abmsequencer.workflows.sequence.CommitteeChange change) {
    signal(workflowId, s -> s.committeeChanged(change));
  }

  /** The account left the target account list: the sequence ends with REMOVED_FROM_LIST. */
  public void removeFromList(String workflowId, Control control) {
    signal(workflowId, s -> s.removeFromList(control));
  }

  public void pause(String workflowId, Control control) {
    signal(workflowId, s -> s.pause(control));
  }

  public void resume(String workflowId, Control control) {
    signal(workflowId, s -> s.resume(control));
  }

  public void cancel(String workflowId, Control control) {
    signal(workflowId, s -> s.cancel(control));
  }

  public TaskCompleted completeTask(String workflowId, CompleteTask request) {
    try {
      return stub(workflowId).completeTask(request);
    } catch (WorkflowUpdateException e) {
      throw rejected(e);
    } catch (WorkflowNotFoundException e) {
      throw new SequenceGone(workflowId);
    }
  }

  public ReviewDecided decideReview(String workflowId, DecideReview request) {
    try {
      return stub(workflowId).decideReview(request);
    } catch (WorkflowUpdateException e) {
      throw rejected(e);
    } catch (WorkflowNotFoundException e) {
      throw new SequenceGone(workflowId);
    }
  }

  /** The live status, also of an ended sequence; empty when Temporal no longer has it. */
  public Optional<SequenceStatus> status(String workflowId) {
    try {
      return Optional.of(stub(workflowId).status());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * What the sequence waits on that its status query cannot see: its pending activities as Temporal
   * describes them (a touch being retried while its provider is down: attempt, last error, next try),
   * each named from its input in the history. Empty when nothing is pending or Temporal no longer
   * knows the sequence.
   */
  public List<Waiting> waitingOn(String workflowId) {
    DescribeWorkflowExecutionResponse description;
    try {
      description = client.newUntypedWorkflowStub(workflowId).describe().getRawDescription();
    } catch (WorkflowNotFoundException e) {
      return List.of();
    }
    if (description.getPendingActivitiesCount() == 0) return List.of();
    Set<String> pending = description.getPendingActivitiesList().stream()
        .map(PendingActivityInfo::getActivityId).collect(Collectors.toSet());
    Map<String, HistoryEvent> scheduled = new HashMap<>();
    String runId = description.getWorkflowExecutionInfo().getExecution().getRunId();
    try (Stream<HistoryEvent> events = client.streamHistory(workflowId, runId)) {
      events.filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
          .filter(e -> pending.contains(e.getActivityTaskScheduledEventAttributes().getActivityId()))
          .forEach(e -> scheduled.put(e.getActivityTaskScheduledEventAttributes().getActivityId(), e));
    } catch (WorkflowNotFoundException e) {
      return List.of();
    }
    return PendingWork.describe(description.getPendingActivitiesList(), scheduled, client.getOptions().getDataConverter());
  }

  // The Monday digest: one Temporal Schedule per owner, or, where the server has no Schedules, one
  // sleeping workflow per owner. Both are named abm-digest-<owner> (schedule ids and workflow ids
  // are apart; a schedule's runs are abm-digest-<owner>-<time>).

  /**
   * A digest workflow as Temporal describes it. {@code schedule} and {@code summary} are those of the
   * start (memo, static summary); a later weekly run, after continue-as-new, may have neither.
   */
  public record DigestWorkflow(String workflowId, String status, String taskQueue, DigestSchedule schedule, String summary) {}

  /** What {@link #ensureDigestSchedule} did. */
  public enum ScheduleChange { CREATED, KEPT, UPDATED }

  /** How late after Monday 08:00 a digest the schedule missed (server or worker down) is still sent. */
  public static final Duration DIGEST_CATCH_UP = Duration.ofHours(4);

  private static final String DIGEST_MEMO = "digest";
  private static final String DIGEST_PREFIX = "abm-digest-";

  /** {@code abm-digest-<owner>}: the owner's digest schedule, or sleeping digest workflow. */
  public static String digestWorkflowId(String owner) {
    return DIGEST_PREFIX + owner;
  }

  /** "Monday digest for jane.doe@yourco.example at 08:00 Europe/Dublin": what ops read on the schedule. */
  public static String digestSummary(DigestSchedule schedule) {
    return "Monday digest for " + schedule.owner() + " at " + Mondays.AT + " " + schedule.timeZone();
  }

  /**
   * Whether this Temporal server has Schedules. The in-process Java test server (embedded mode's
   * fallback) answers every schedule call with UNIMPLEMENTED; a real server says the probe's
   * schedule does not exist.
   */
  public boolean schedulesAvailable() {
    try {
      schedules.getHandle(DIGEST_PREFIX + "probe").describe();
      return true;
    } catch (ScheduleException e) {
      Status.Code code = statusCode(e);
      if (code == Status.Code.NOT_FOUND) return true;
      if (code == Status.Code.UNIMPLEMENTED) return false;
      throw e;
    }
  }

  /**
   * The owner's schedule as it should be: created when missing, kept when it says the same, updated
   * (spec, action, note; paused stays paused) when the address, zone or task queue changed.
   */
  public ScheduleChange ensureDigestSchedule(DigestSchedule digest) {
    String id = digestWorkflowId(digest.owner());
    try {
      schedules.createSchedule(id, digestSchedule(digest, null), ScheduleOptions.newBuilder().build());
      return ScheduleChange.CREATED;
    } catch (ScheduleAlreadyRunningException e) {
      ScheduleHandle handle = schedules.getHandle(id);
      if (sameDigest(handle.describe().getSchedule(), digest)) return ScheduleChange.KEPT;
      handle.update(input -> new ScheduleUpdate(digestSchedule(digest, input.getDescription().getSchedule().getState())));
      return ScheduleChange.UPDATED;
    }
  }

  /** The owners that have a digest schedule (Temporal's list of schedules is eventually consistent). */
  public Set<String> digestScheduleOwners() {
    try (Stream<ScheduleListDescription> all = schedules.listSchedules()) {
      return all.map(ScheduleListDescription::getScheduleId).filter(id -> id.startsWith(DIGEST_PREFIX))
          .map(id -> id.substring(DIGEST_PREFIX.length())).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Deletes the owner's schedule; its past runs stay in Temporal's history. */
  public void deleteDigestSchedule(String owner) {
    try {
      schedules.getHandle(digestWorkflowId(owner)).delete();
    } catch (ScheduleException e) {
      if (statusCode(e) != Status.Code.NOT_FOUND) throw e;
    }
  }

  /**
   * Terminates the owner's sleeping digest workflow, if one runs: where the schedule sends the digest
   * it would be a second sender (the digests table would still keep the week to one e-mail).
   *
   * @return false when none was running
   */
  public boolean endDigestWorkflow(String owner) {
    try {
      client.newUntypedWorkflowStub(digestWorkflowId(owner))
          .terminate("Replaced by the Temporal Schedule " + digestWorkflowId(owner) + ", which sends the Monday digest from now on");
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private Schedule digestSchedule(DigestSchedule digest, ScheduleState current) {
    String words = digestSummary(digest);
    boolean paused = current != null && current.isPaused();
    return Schedule.newBuilder()
        .setAction(ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(WeeklyDigestWorkflow.class)
            .setArguments(digest)
            .setOptions(WorkflowOptions.newBuilder()
                .setWorkflowId(digestWorkflowId(digest.owner()))
                .setTaskQueue(taskQueue)
                .setStaticSummary(words)
                // Details too, not only a summary: the SDK (1.38, and upstream still) cannot describe a
                // schedule whose action has a summary without details (it decodes the empty payload).
                .setStaticDetails("The weekly account review of " + digest.owner() + " to " + digest.email()
                    + ", once per week: a week already sent, or with nothing to report, sends nothing")
                .setMemo(Map.of(DIGEST_MEMO, digest))
                .build())
            .build())
        .setSpec(ScheduleSpec.newBuilder()
            .setCalendars(List.of(ScheduleCalendarSpec.newBuilder()
                .setDayOfWeek(List.of(new ScheduleRange(DayOfWeek.MONDAY.getValue())))
                .setHour(List.of(new ScheduleRange(Mondays.AT.getHour())))
                .setMinutes(List.of(new ScheduleRange(Mondays.AT.getMinute())))
                .setComment(words)
                .build()))
            .setTimeZoneName(digest.timeZone())
            .build())
        // A Monday missed by more than the catch-up window is not sent late; a run still going when the
        // next is due (it never should be) is not doubled.
        .setPolicy(SchedulePolicy.newBuilder()
            .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
            .setCatchupWindow(DIGEST_CATCH_UP)
            .build())
        // Ops who paused it keep it paused, with their note.
        .setState(ScheduleState.newBuilder().setPaused(paused).setNote(paused ? current.getNote() : words).build())
        .build();
  }

  /** The schedule says what {@link #digestSchedule} would (an unpaused one with its plain words as note). */
  private boolean sameDigest(Schedule schedule, DigestSchedule digest) {
    return schedule.getAction() instanceof ScheduleActionStartWorkflow action
        && action.getWorkflowType().equals(WeeklyDigestWorkflow.TYPE)
        && taskQueue.equals(action.getOptions().getTaskQueue())
        && digest.timeZone().equals(schedule.getSpec().getTimeZoneName())
        && (schedule.getState().isPaused() || digestSummary(digest).equals(schedule.getState().getNote()))
        && digest.equals(action.getArguments().get(0, DigestSchedule.class));
  }

  private static Status.Code statusCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) return status.getStatus().getCode();
    }
    return null;
  }

  /**
   * Starts the owner's sleeping Monday digest workflow (servers without Schedules) unless it runs already.
   *
   * @return false when it was running (it keeps its schedule: see {@link #rescheduleDigest})
   */
  public boolean startDigest(DigestSchedule schedule) {
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(digestWorkflowId(schedule.owner()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setStaticSummary("Weekly account review for " + schedule.owner() + ", Mondays 08:00 " + schedule.timeZone())
        .setMemo(Map.of(DIGEST_MEMO, schedule))
        .build();
    try {
      WorkflowClient.start(client.newWorkflowStub(OwnerDigestWorkflow.class, options)::run, schedule);
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  /** A new address or zone for a running digest workflow, from its next Monday on. */
  public void rescheduleDigest(DigestSchedule schedule) {
    try {
      client.newWorkflowStub(OwnerDigestWorkflow.class, digestWorkflowId(schedule.owner())).reschedule(schedule);
    } catch (WorkflowNotFoundException e) {
      throw new SequenceGone(digestWorkflowId(schedule.owner()));
    }
  }

  /** The owner's digest workflow (latest run), or empty when Temporal has none. */
  public Optional<DigestWorkflow> describeDigest(String owner) {
    String workflowId = digestWorkflowId(owner);
    try {
      WorkflowExecutionDescription d = client.newUntypedWorkflowStub(workflowId).describe();
      DigestSchedule schedule = d.getMemo(DIGEST_MEMO, DigestSchedule.class, DigestSchedule.class);
      return Optional.of(new DigestWorkflow(workflowId, d.getStatus().name(), d.getTaskQueue(), schedule, d.getStaticSummary()));
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  private void signal(String workflowId, Consumer<AccountSequenceWorkflow> send) {
    try {
      send.accept(stub(workflowId));
    } catch (WorkflowNotFoundException e) {
      throw new SequenceGone(workflowId);
    }
  }

  private AccountSequenceWorkflow stub(String workflowId) {
    return client.newWorkflowStub(AccountSequenceWorkflow.class, workflowId);
  }

  private static RuntimeException rejected(WorkflowUpdateException e) {
    String type = UpdateRejections.type(e);
    if ("SequenceEnded".equals(type)) return new SequenceGone(e.getExecution().getWorkflowId());
    return new Rejected(type == null ? "Rejected" : type, UpdateRejections.message(e));
  }
}
