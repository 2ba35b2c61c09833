package io.abmsequencer.workflows.testing;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflowImpl;
import io.abmsequencer.workflows.sequence.Contact;
import io.abmsequencer.workflows.sequence.EngagementBatch;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.abmsequencer.workflows.sequence.SequenceSearchAttributes;
import io.abmsequencer.workflows.sequence.WorkflowIds;
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
   * server can briefly answer "not found"; senders retry.
   */
  public void engagement(String workflowId, EngagementBatch batch) {
    for (int attempt = 0; ; attempt++) {
      try {
        stub(workflowId).engagement(batch);
        return;
      } catch (WorkflowNotFoundException e) {
        if (attempt > 50) throw e;
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
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
