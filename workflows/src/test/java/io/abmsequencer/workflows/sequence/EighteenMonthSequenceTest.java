package io.abmsequencer.workflows.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.FakeChannels.Sent;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.client.WorkflowStub;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A whole tier-1 new-logo sequence, launch to exit, 18 months of calendar in seconds: the SDR
 * works each task half a day after it opens, the reviewers continue at every checkpoint, and the
 * account warms up in month three.
 */
class EighteenMonthSequenceTest {

  final SequenceTestKit kit = new SequenceTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void runsEighteenMonthsFromLaunchToCompletion() {
    long wallStart = System.nanoTime();
    Playbook playbook = SequenceTestKit.playbookResource("tier1-18-months.yaml");
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(playbook, Committees.acmeCommittee()));
    String workflowId = WorkflowStub.fromTyped(sequence).getExecution().getWorkflowId();

    boolean warmedUp = false;
    for (int halfDays = 0; halfDays < 2 * 600 && isRunning(sequence); halfDays++) {
      kit.advance(Duration.ofHours(12));
      if (!isRunning(sequence)) break;
      for (TaskOpen task : kit.channels.openTasks()) {
        sequence.completeTask(new CompleteTask(task.taskId(), TaskOutcome.COMPLETED, "done", "sam.lee"));
      }
      for (ReviewOpen review : kit.channels.openReviews()) {
        sequence.decideReview(new DecideReview(review.reviewId(), ReviewDecision.CONTINUE, null, "keep going", "jane.doe"));
      }
      if (!warmedUp && kit.now().isAfter(SequenceTestKit.MONDAY_9AM.plus(Duration.ofDays(75)))) {
        // Month three: the pricing page twice, a download and a couple of site visits.
        sequence.engagement(new EngagementBatch("b-1", Map.of(EngagementType.PRICING_PAGE_VISIT, 2, EngagementType.CONTENT_DOWNLOAD, 1,
            EngagementType.WEBSITE_VISIT, 2), kit.now()));
        warmedUp = true;
      }
    }
    SequenceResult result = kit.result(sequence);
    double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
    System.out.printf("18-month tier-1 sequence: %.1f s wall time, %d history events%n", wallSeconds, kit.history(workflowId).getEvents().size());

    assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(result.score()).isEqualTo(2 * 15 + 10 + 2 * 5);
    long months = ChronoUnit.MONTHS.between(SequenceTestKit.MONDAY_9AM.atZone(SequenceTestKit.NEW_YORK),
        kit.channels.lastSnapshot().updatedAt().atZone(SequenceTestKit.NEW_YORK));
    assertThat(months).isBetween(17L, 19L);

    // Every e-mail once, each to the right people, inside each recipient's own send window.
    assertThat(kit.channels.duplicates).isEmpty();
    assertThat(kit.channels.emails).extracting(Sent::role).containsExactlyInAnyOrder(
        "ECONOMIC_BUYER", "EXECUTIVE_SPONSOR", // exec-intro
        "CHAMPION", "TECHNICAL_EVALUATOR", "BLOCKER", // committee-note
        "BLOCKER", // security
        "ECONOMIC_BUYER"); // breakup
    for (Sent email : kit.channels.emails) {
      ZonedDateTime local = email.at().atZone(ZoneId.of(email.timeZone()));
      assertThat(local.getDayOfWeek()).as(email.toString()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(local.toLocalTime()).as(email.toString()).isBetween(LocalTime.of(9, 0), LocalTime.of(16, 59, 59));
    }
    Sent toTokyo = kit.channels.emails.stream().filter(e -> e.role().equals("TECHNICAL_EVALUATOR")).findFirst().orElseThrow();
    Sent toNewYork = kit.channels.emails.stream().filter(e -> e.role().equals("CHAMPION")).findFirst().orElseThrow();
    assertThat(toTokyo.at()).isNotEqualTo(toNewYork.at());

    assertThat(kit.channels.texts).singleElement().satisfies(t -> assertThat(t.role()).isEqualTo("CHAMPION"));
    assertThat(kit.channels.audiences).hasSize(2);

    // The SDR's work: two playbook tasks, the hot-account alert at 40, the guarded call it unlocked, the year-end call.
    assertThat(kit.channels.tasks.values()).extracting(TaskOpen::type).containsExactly(
        TaskType.MANUAL_EMAIL, TaskType.DIRECT_MAIL, TaskType.HOT_ACCOUNT, TaskType.CALL, TaskType.CALL);
    assertThat(kit.channels.taskCloses).allSatisfy(c -> assertThat(c.state()).isEqualTo(TaskState.DONE));
    assertThat(kit.channels.reviews).hasSize(3);
    assertThat(kit.channels.reviewCloses).extracting(c -> c.decision()).containsOnly(ReviewDecision.CONTINUE);

    SequenceSnapshot last = kit.channels.lastSnapshot();
    assertThat(last.status()).isEqualTo(SequenceStatusCode.EXITED);
    assertThat(last.exitReason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(last.touches()).isEqualTo(7 + 1 + 2);
    assertThat(kit.channels.snapshots.get(0).contacts()).hasSize(6);

    // Ended: the committee leaves the ad audiences it joined (version "leave-audiences-on-exit").
    assertThat(kit.channels.audiencesLeft).containsExactly(workflowId);

    // Histories recorded before a getVersion change stay, so both the old and the new path replay.
    kit.recordHistory(workflowId, "tier1-18-months-completed-v4");
  }

  private static boolean isRunning(AccountSequenceWorkflow sequence) {
    return sequence.status().status() != SequenceStatusCode.EXITED
        && WorkflowStub.fromTyped(sequence).describe().getWorkflowExecutionInfo().getStatus()
            == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }
}
