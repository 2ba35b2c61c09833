package io.abmsequencer.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.worker.faults.FaultRig.WorkerProcess;
import io.abmsequencer.workflows.sequence.ExitReason;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Several worker processes on one task queue share the load, and every sequence is still processed
 * once: two worker JVMs started from the executable jar (as in production), one Temporal server,
 * one PostgreSQL, one SMTP server; 40 one-e-mail sequences. Nothing is broken here: it uses the
 * {@link FaultRig} only for those pieces (worker logs in {@code target/faults/two-workers/}). Runs in
 * {@code ./mvnw verify} (Failsafe), after the jar is built.
 */
class TwoWorkersIT {
  static final int SEQUENCES = 40;

  @Test
  void twoWorkerProcessesShareTheSequencesAndEachIsProcessedOnce() throws Exception {
    try (FaultRig rig = FaultRig.start("two-workers")) {
      List<WorkerProcess> workers = List.of(rig.startWorker(1), rig.startWorker(2));
      for (WorkerProcess worker : workers) worker.awaitReady(Duration.ofSeconds(180));

      List<String> ids = rig.startSequences("two-workers", SEQUENCES);
      for (String id : ids) {
        SequenceResult result = rig.client.newUntypedWorkflowStub(id).getResult(120, TimeUnit.SECONDS, SequenceResult.class);
        assertThat(result.reason()).as(id).isEqualTo(ExitReason.COMPLETED);
      }

      // One message per sequence, each its own: no sequence mailed twice, none skipped.
      MimeMessage[] messages = rig.smtp.getReceivedMessages();
      assertThat(messages).hasSize(SEQUENCES);
      Set<String> messageIds = new HashSet<>();
      Set<String> recipients = new HashSet<>();
      for (MimeMessage message : messages) {
        messageIds.add(message.getMessageID());
        recipients.add(((InternetAddress) message.getAllRecipients()[0]).getAddress());
      }
      assertThat(messageIds).hasSize(SEQUENCES);
      assertThat(recipients).hasSize(SEQUENCES);

      // The ledger has exactly one row per touch, SENT.
      assertThat(rig.query("select workflow_id, status, count(*) from touches group by workflow_id, status"))
          .hasSize(SEQUENCES)
          .allSatisfy(row -> assertThat(row.subList(1, 3)).containsExactly("SENT", "1"))
          .extracting(row -> row.get(0)).containsExactlyInAnyOrderElementsOf(ids);

      // Both processes did work: activity and workflow tasks carry the identity of the worker
      // (pid@host) that ran them.
      Map<String, Integer> activitiesByIdentity = new HashMap<>();
      Map<String, Integer> workflowTasksByIdentity = new HashMap<>();
      for (String id : ids) {
        for (HistoryEvent event : rig.client.fetchHistory(id).getEvents()) {
          if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
            activitiesByIdentity.merge(event.getActivityTaskStartedEventAttributes().getIdentity(), 1, Integer::sum);
          } else if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
            workflowTasksByIdentity.merge(event.getWorkflowTaskStartedEventAttributes().getIdentity(), 1, Integer::sum);
          }
        }
      }
      System.out.printf("activity tasks by worker: %s, workflow tasks by worker: %s%n", activitiesByIdentity, workflowTasksByIdentity);
      Set<String> workerIdentities = workers.stream().map(WorkerProcess::identityPrefix).collect(Collectors.toSet());
      assertThat(activitiesByIdentity.keySet()).as("activity executions by worker %s", activitiesByIdentity)
          .allSatisfy(identity -> assertThat(workerIdentities).anyMatch(identity::startsWith));
      for (WorkerProcess worker : workers) {
        assertThat(activitiesByIdentity.keySet()).as("worker %d ran activities: %s", worker.number(), activitiesByIdentity)
            .anyMatch(identity -> identity.startsWith(worker.identityPrefix()));
        assertThat(workflowTasksByIdentity.keySet()).as("worker %d ran workflow tasks: %s", worker.number(), workflowTasksByIdentity)
            .anyMatch(identity -> identity.startsWith(worker.identityPrefix()));
      }
    }
  }
}
