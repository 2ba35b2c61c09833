package io.abmsequencer.workflows.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SDR tasks and reviews: updates and their validators, due dates and timeout rules, thresholds, tier changes. */
class HumanStepsTest {

  final SequenceTestKit kit = new SequenceTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  static Playbook humanSteps(String taskTimeout, String reviewTimeout) {
    return SequenceTestKit.playbook("""
        id: human
        name: Human steps
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        calendar: {timeZone: America/New_York}
        scoring:
          thresholds: [{score: 40, task: HOT_ACCOUNT, to: CHAMPION}, {score: 80, task: CALL, to: ECONOMIC_BUYER, title: "Call the CFO"}]
        steps:
          - id: call
            task: {type: CALL, to: CHAMPION, title: "Call the champion", due: 2 business days, onTimeout: %s}
          - id: check
            review: {question: "Go on?", decisions: [CONTINUE, STOP, CHANGE_TIER], due: 3 business days, onTimeout: %s}
          - id: after
            email: {to: CHAMPION, subject: "After", body: "Hi"}
        """.formatted(taskTimeout, reviewTimeout));
  }

  @Test
  void anExpiredTaskIsClosedAndTheSequenceGoesOn() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(humanSteps("CONTINUE", "CONTINUE"), Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    TaskOpen task = kit.channels.openTasks().get(0);
    assertThat(task.contact().role().name()).isEqualTo("CHAMPION");
    assertThat(task.dueAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).isEqualTo(SequenceTestKit.at("2027-01-06T09:00", SequenceTestKit.NEW_YORK));
    assertThat(sequence.status().status()).isEqualTo(SequenceStatusCode.AWAITING_TASK);
    assertThat(sequence.status().details()).contains("Waiting for the SDR: Call the champion");

    kit.advance(Duration.ofDays(3));
    assertThat(kit.channels.taskCloses).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(TaskState.EXPIRED));
    assertThat(sequence.status().status()).isEqualTo(SequenceStatusCode.AWAITING_REVIEW);
    kit.advance(Duration.ofDays(5));
    SequenceResult result = kit.result(sequence);
    assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(kit.channels.reviewCloses).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(TaskState.EXPIRED));
    assertThat(kit.channels.emails).hasSize(1);
    kit.recordHistory("abm-new-logo-acme", "task-and-review-expire");
  }

  @Test
  void anExpiredTaskStopsTheSequenceWhenThePlaybookSaysSo() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(humanSteps("STOP", "CONTINUE"), Committees.acmeCommittee()));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.TASK_EXPIRED);
    assertThat(kit.channels.reviews).isEmpty();
    kit.recordHistory("abm-new-logo-acme", "task-expired-exit");
  }

  @Test
  void anExpiredReviewStopsTheSequenceWhenThePlaybookSaysSo() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(humanSteps("CONTINUE", "STOP"), Committees.acmeCommittee()));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.REVIEW_EXPIRED);
    assertThat(kit.channels.emails).isEmpty();
    kit.recordHistory("abm-new-logo-acme", "review-expired-exit");
  }

  @Test
  void validatorsRejectWrongTasksClosedTasksAndDisallowedDecisionsWithoutChangingAnything() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(humanSteps("CONTINUE", "CONTINUE"), Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    String taskId = kit.channels.openTasks().get(0).taskId();

    assertThat(rejection(() -> sequence.completeTask(new CompleteTask("no-such-task", TaskOutcome.COMPLETED, null, "sam"))))
        .isEqualTo("TaskNotOpen");
    assertThat(rejection(() -> sequence.completeTask(new CompleteTask(taskId, null, null, "sam")))).isEqualTo("OutcomeRequired");
    assertThat(rejection(() -> sequence.decideReview(new DecideReview("nope", ReviewDecision.CONTINUE, null, null, "lead"))))
        .isEqualTo("ReviewNotOpen");
    assertThat(sequence.status().openTasks()).hasSize(1);

    sequence.completeTask(new CompleteTask(taskId, TaskOutcome.COMPLETED, "left a voicemail", "sam"));
    assertThat(rejection(() -> sequence.completeTask(new CompleteTask(taskId, TaskOutcome.COMPLETED, null, "sam"))))
        .isEqualTo("TaskNotOpen");

    kit.advance(Duration.ofHours(1));
    String reviewId = kit.channels.openReviews().get(0).reviewId();
    assertThat(rejection(() -> sequence.decideReview(new DecideReview(reviewId, ReviewDecision.CHANGE_TIER, null, null, "lead"))))
        .isEqualTo("TierRequired");
    assertThat(rejection(() -> sequence.decideReview(new DecideReview(reviewId, ReviewDecision.CHANGE_TIER, Tier.ONE_TO_FEW, null, "lead"))))
        .isEqualTo("TierUnchanged");
    assertThat(sequence.status().openReviews()).hasSize(1);
    assertThat(kit.channels.reviewCloses).isEmpty();

    sequence.decideReview(new DecideReview(reviewId, ReviewDecision.CONTINUE, null, "go", "lead"));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.COMPLETED);
    // Once the sequence has ended there is nothing to update: callers get "not found" and answer 409 from the inbox row.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sequence.decideReview(new DecideReview(reviewId, ReviewDecision.CONTINUE, null, null, "lead")))
        .isInstanceOf(io.temporal.client.WorkflowNotFoundException.class);
  }

  @Test
  void aDecisionThePlaybookDoesNotOfferIsRejected() {
    Playbook playbook = SequenceTestKit.playbook("""
        id: narrow
        name: Narrow review
        motion: EXPANSION
        tier: ONE_TO_MANY
        steps:
          - id: check
            review: {question: "Renew?", decisions: [CONTINUE, STOP]}
        """);
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(playbook, Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    String reviewId = kit.channels.openReviews().get(0).reviewId();
    assertThat(rejection(() -> sequence.decideReview(new DecideReview(reviewId, ReviewDecision.CHANGE_TIER, Tier.ONE_TO_ONE, null, "lead"))))
        .isEqualTo("DecisionNotAllowed");
  }

  @Test
  void crossingAThresholdRaisesItsTaskOncePerCrossing() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(humanSteps("CONTINUE", "CONTINUE"), Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    sequence.engagement(new EngagementBatch("b1", Map.of(EngagementType.PRICING_PAGE_VISIT, 2), kit.now()));
    kit.advance(Duration.ofMinutes(10));
    assertThat(alerts()).isEmpty();
    sequence.engagement(new EngagementBatch("b2", Map.of(EngagementType.CONTENT_DOWNLOAD, 1), kit.now()));
    sequence.engagement(new EngagementBatch("b2", Map.of(EngagementType.CONTENT_DOWNLOAD, 1), kit.now())); // redelivered
    kit.advance(Duration.ofMinutes(10));
    assertThat(sequence.status().score()).isEqualTo(40);
    assertThat(alerts()).singleElement().satisfies(t -> {
      assertThat(t.type()).isEqualTo(TaskType.HOT_ACCOUNT);
      assertThat(t.contact().role().name()).isEqualTo("CHAMPION");
      assertThat(t.reason()).contains("Score 40 crossed 40", "CONTENT_DOWNLOAD");
    });
    sequence.engagement(new EngagementBatch("b3", Map.of(EngagementType.WEBSITE_VISIT, 1), kit.now()));
    kit.advance(Duration.ofMinutes(10));
    assertThat(alerts()).hasSize(1);
    sequence.engagement(new EngagementBatch("b4", Map.of(EngagementType.DEMO_REQUEST, 1), kit.now()));
    kit.advance(Duration.ofMinutes(10));
    assertThat(alerts()).extracting(TaskOpen::title).containsExactly("Hot account: engagement score reached 40", "Call the CFO");
    // The alerts do not block the sequence; the read model got the score.
    assertThat(sequence.status().openTasks()).hasSize(3);
    assertThat(kit.channels.lastSnapshot().score()).isEqualTo(95);
    sequence.cancel(new Control("ops", "test over"));
    kit.result(sequence);
    kit.recordHistory("abm-new-logo-acme", "thresholds-then-cancel-v2");
  }

  @Test
  void anAlertCanBeCompletedWhileTheSequenceWaitsForItsStepTask() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(humanSteps("CONTINUE", "CONTINUE"), Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    sequence.engagement(new EngagementBatch("b1", Map.of(EngagementType.DEMO_REQUEST, 1), kit.now()));
    kit.advance(Duration.ofMinutes(1));
    TaskOpen alert = alerts().get(0);
    sequence.completeTask(new CompleteTask(alert.taskId(), TaskOutcome.COMPLETED, "called", "sam"));
    assertThat(sequence.status().status()).isEqualTo(SequenceStatusCode.AWAITING_TASK);
    assertThat(sequence.status().openTasks()).extracting(OpenItem::stepId).containsExactly("call");
  }

  @Test
  void changingTierMovesTheAccountToThatTiersPlaybook() {
    Playbook oneToOne = SequenceTestKit.playbook("""
        id: strategic
        name: Strategic
        motion: NEW_LOGO
        tier: ONE_TO_ONE
        steps:
          - id: exec
            email: {to: ECONOMIC_BUYER, subject: "Executive briefing", body: "Hi {{firstName}}"}
        """);
    kit.channels.catalog.put(oneToOne.id(), oneToOne);
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(humanSteps("CONTINUE", "CONTINUE"), Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    sequence.completeTask(new CompleteTask(kit.channels.openTasks().get(0).taskId(), TaskOutcome.COMPLETED, null, "sam"));
    kit.advance(Duration.ofHours(1));
    ReviewOpen review = kit.channels.openReviews().get(0);
    sequence.decideReview(new DecideReview(review.reviewId(), ReviewDecision.CHANGE_TIER, Tier.ONE_TO_ONE, "they engage at the top", "lead"));
    SequenceResult result = kit.result(sequence);
    assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(kit.channels.emails).singleElement().satisfies(e -> {
      assertThat(e.key()).contains("/strategic@1/exec#1/");
      assertThat(e.role()).isEqualTo("ECONOMIC_BUYER");
    });
    assertThat(kit.channels.lastSnapshot().tier()).isEqualTo(Tier.ONE_TO_ONE);
    assertThat(kit.channels.lastSnapshot().playbookId()).isEqualTo("strategic");
    kit.recordHistory("abm-new-logo-acme", "review-changes-tier-v2");
  }

  @Test
  void guardedStepsAndRolesTheCommitteeLacksAreSkipped() {
    Playbook playbook = SequenceTestKit.playbook("""
        id: guards
        name: Guards
        motion: NEW_LOGO
        tier: ONE_TO_MANY
        steps:
          - id: only-when-hot
            when: score >= 40
            task: {type: CALL, to: CHAMPION, title: "Call"}
          - id: to-influencer
            email: {to: INFLUENCER, subject: "Hi", body: "Hi"}
          - id: task-influencer
            task: {type: LINKEDIN, to: INFLUENCER, title: "Connect"}
          - id: to-champion
            email: {to: CHAMPION, subject: "Hi", body: "Hi"}
        """);
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(playbook, Committees.acmeCommittee()));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(kit.channels.tasks).isEmpty();
    assertThat(kit.channels.emails).singleElement().satisfies(e -> assertThat(e.role()).isEqualTo("CHAMPION"));
    kit.recordHistory("abm-new-logo-acme", "guards-and-missing-roles-skipped");
  }

  @Test
  void everyTaskTypeOpensAsAStepAndEveryOutcomeClosesIt() {
    // Only a reply ends this playbook: booking a meeting or disqualifying from a task goes on.
    Playbook playbook = SequenceTestKit.playbook("""
        id: every-task
        name: Every task type
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        calendar: {timeZone: America/New_York}
        exit: {on: [REPLIED]}
        steps:
          - id: call
            task: {type: CALL, to: CHAMPION, title: "Call the champion"}
          - id: connect
            task: {type: LINKEDIN, to: TECHNICAL_EVALUATOR, title: "Connect on LinkedIn"}
          - id: personal
            task: {type: MANUAL_EMAIL, to: ECONOMIC_BUYER, title: "Write to the CFO", instructions: "Mention the audit"}
          - id: gift
            task: {type: DIRECT_MAIL, to: EXECUTIVE_SPONSOR, title: "Send the book"}
          - id: activity
            task: {type: HOT_ACCOUNT, title: "Look at the account's activity"}
          - id: inbox
            task: {type: REPLY_RECEIVED, title: "Answer open replies", due: 1 business day}
        """);
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(playbook, Committees.acmeCommittee()));
    java.util.List<TaskOutcome> outcomes =
        java.util.List.of(TaskOutcome.COMPLETED, TaskOutcome.SKIPPED, TaskOutcome.MEETING_BOOKED, TaskOutcome.DISQUALIFIED, TaskOutcome.COMPLETED);
    for (TaskOutcome outcome : outcomes) {
      kit.advance(Duration.ofHours(1));
      TaskOpen task = kit.channels.openTasks().get(0);
      TaskCompleted done = sequence.completeTask(new CompleteTask(task.taskId(), outcome, null, "sam"));
      assertThat(done.endsSequence()).as(task.type() + " closed with " + outcome).isFalse();
    }
    // The last one is left to expire: the playbook goes on (and ends).
    SequenceResult result = kit.result(sequence);

    assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(result.score()).isEqualTo(30); // the meeting booked from the MANUAL_EMAIL task
    assertThat(kit.channels.tasks.values()).extracting(TaskOpen::type).containsExactly(
        TaskType.CALL, TaskType.LINKEDIN, TaskType.MANUAL_EMAIL, TaskType.DIRECT_MAIL, TaskType.HOT_ACCOUNT, TaskType.REPLY_RECEIVED);
    assertThat(kit.channels.tasks.values()).extracting(t -> t.contact() == null ? null : t.contact().role().name())
        .containsExactly("CHAMPION", "TECHNICAL_EVALUATOR", "ECONOMIC_BUYER", "EXECUTIVE_SPONSOR", null, null);
    assertThat(kit.channels.taskCloses).extracting(c -> c.state(), c -> c.outcome()).containsExactly(
        org.assertj.core.groups.Tuple.tuple(TaskState.DONE, TaskOutcome.COMPLETED),
        org.assertj.core.groups.Tuple.tuple(TaskState.DONE, TaskOutcome.SKIPPED),
        org.assertj.core.groups.Tuple.tuple(TaskState.DONE, TaskOutcome.MEETING_BOOKED),
        org.assertj.core.groups.Tuple.tuple(TaskState.DONE, TaskOutcome.DISQUALIFIED),
        org.assertj.core.groups.Tuple.tuple(TaskState.DONE, TaskOutcome.COMPLETED),
        org.assertj.core.groups.Tuple.tuple(TaskState.EXPIRED, null));
    kit.recordHistory("abm-new-logo-acme", "every-task-type-and-outcome");
  }

  @Test
  void tasksAndReviewsOpenInBusinessHours() {
    try (SequenceTestKit saturday = new SequenceTestKit(SequenceTestKit.at("2027-01-09T22:00", SequenceTestKit.NEW_YORK))) {
      saturday.start(SequenceTestKit.input(humanSteps("CONTINUE", "CONTINUE"), Committees.acmeCommittee()));
      saturday.advance(Duration.ofDays(1));
      assertThat(saturday.channels.tasks).isEmpty();
      saturday.advance(Duration.ofHours(12));
      TaskOpen task = saturday.channels.openTasks().get(0);
      assertThat(task.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).isEqualTo(Instant.parse("2027-01-11T14:00:00Z"));
    }
  }

  private java.util.List<TaskOpen> alerts() {
    return kit.channels.tasks.values().stream().filter(t -> t.stepId().startsWith("threshold:")).toList();
  }

  private static String rejection(Runnable call) {
    WorkflowUpdateException e = catchThrowableOfType(WorkflowUpdateException.class, call::run);
    if (e == null) return null;
    assertThat(UpdateRejections.message(e)).doesNotStartWith("[");
    return UpdateRejections.type(e);
  }
}
