package io.abmsequencer.workflows.testing;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflowImpl;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.EngagementBatch;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.abmsequencer.workflows.sequence.SequenceSearchAttributes;
import io.abmsequencer.workflows.sequence.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Temporal's time-skipping test environment with the sequence workflow and {@link FakeChannels}:
 * months of a sequence run in a second. Starts on a Monday, 09:00 in New York, unless told otherwise.
 */
public final class SequenceTestKit implements AutoCloseable {

  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  public static final Instant MONDAY_9AM = at("2027-01-04T09:00", NEW_YORK);
  public static final String TASK_QUEUE = WorkflowIds.DEFAULT_TASK_QUEUE;
  /** How long the kit waits on real time (a server's brief "not found", a run catching up) before it gives up. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  public final TestWorkflowEnvironment env;
  public final FakeChannels channels;
  public final WorkflowClient client;

  public SequenceTestKit() {
    this(MONDAY_9AM);
  }

  public SequenceTestKit(Instant start) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder()
        .setInitialTime(start)
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build());
    // As on a real cluster: upserting an unregistered attribute would fail the workflow task forever.
    SequenceSearchAttributes.definitions().forEach(options::registerSearchAttribute);
    env = TestWorkflowEnvironment.newInstance(options.build());
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AccountSequenceWorkflowImpl.class);
    channels = new FakeChannels(env::currentTimeMillis);
    worker.registerActivitiesImplementations(channels);
    client = env.getWorkflowClient();
    env.start();
  }

  public static Instant at(String localDateTime, ZoneId zone) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
  }

  public static Playbook playbook(String yaml) {
    return PlaybookParser.parse(yaml).withVersion(1);
  }

  public static Playbook playbookResource(String name) {
    try (InputStream in = SequenceTestKit.class.getResourceAsStream("/test-playbooks/" + name)) {
      if (in == null) throw new IllegalArgumentException("no test playbook " + name);
      return playbook(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SequenceInput input(Playbook playbook, List<Contact> committee) {
    return new SequenceInput(Committees.ACME, committee, "jane.doe@yourco.example", playbook.tier(), playbook, null, null, null);
  }

  public AccountSequenceWorkflow start(SequenceInput input) {
    AccountSequenceWorkflow stub = client.newWorkflowStub(AccountSequenceWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.of(input.playbook().motion(), input.account().id()))
            .setTaskQueue(TASK_QUEUE)
            .build());
    WorkflowClient.start(stub::run, input);
    return stub;
  }

  public AccountSequenceWorkflow stub(String workflowId) {
    return client.newWorkflowStub(AccountSequenceWorkflow.class, workflowId);
  }

  /** Waits for the sequence to end; time skips meanwhile. */
  public SequenceResult result(AccountSequenceWorkflow stub) {
    return WorkflowStub.fromTyped(stub).getResult(SequenceResult.class);
  }

  /**
   * Sends an engagement batch to the sequence's latest run. Right after a continue-as-new the test
   * server can briefly answer "not found"; senders retry, for up to {@link #PATIENCE} (a safety net:
   * "briefly" is longer on a busy machine).
   */
  public void engagement(String workflowId, EngagementBatch batch) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      try {
        stub(workflowId).engagement(batch);
        return;
      } catch (WorkflowNotFoundException e) {
        if (System.nanoTime() > deadline) throw e;
        pause(20);
      }
    }
  }

  /**
   * Waits until the sequence's latest run has caught up with everything sent to it: every workflow
   * task the server scheduled has completed and no activity is pending. The gap a test needs between
   * bursts of signals (Temporal continues as new only between them) is this, not a fixed sleep that a
   * busy machine need not honour. Time does not skip meanwhile.
   */
  public void awaitIdle(String workflowId) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!idle(workflowId)) {
      if (System.nanoTime() > deadline) throw new IllegalStateException(workflowId + " still had work outstanding after " + PATIENCE);
      pause(10);
    }
  }

  private boolean idle(String workflowId) {
    DescribeWorkflowExecutionResponse described = client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build());
    if (described.getPendingActivitiesCount() > 0) return false;
    List<HistoryEvent> events = client.fetchHistory(workflowId, described.getWorkflowExecutionInfo().getExecution().getRunId()).getEvents();
    int scheduled = -1;
    int completed = -1;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) scheduled = i;
      if (events.get(i).getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) completed = i;
    }
    return completed > scheduled;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public void advance(Duration duration) {
    env.sleep(duration);
  }

  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  public WorkflowExecutionHistory history(String workflowId) {
    return client.fetchHistory(workflowId);
  }

  /**
   * Writes the history for the replay test when run with {@code -Dabm.recordHistories=true}
   * (from workflows/: {@code ../mvnw test -Dabm.recordHistories=true}). Recorded files are
   * committed; the replay test keeps every one of them replaying against the current code. An
   * existing file is never overwritten: it was recorded by older code, which is the point.
   */
  public void recordHistory(String workflowId, String name) {
    recordHistory(workflowId, null, name);
  }

  /** As {@link #recordHistory(String, String)}, for one run of the chain (e.g. one that continued as new). */
  public void recordHistory(String workflowId, String runId, String name) {
    if (!Boolean.getBoolean("abm.recordHistories")) return;
    try {
      Path dir = Path.of("src", "test", "resources", "histories");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".json");
      if (Files.exists(file)) return;
      WorkflowExecutionHistory history = runId == null ? history(workflowId) : client.fetchHistory(workflowId, runId);
      Files.writeString(file, history.toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
