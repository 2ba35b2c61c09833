package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a sequence ends, and that it always closes its open tasks and reviews when it does. */
class SequenceExitsTest {

  /** Email, a task for the champion, a review, a long wait, a final email. */
  static final Playbook PLAYBOOK = SequenceTestKit.playbook("""
      id: exits
      name: Exits
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      calendar: {timeZone: America/New_York}
      scoring:
        thresholds: [{score: 40}]
      handover: {closedWon: expansion-next}
      steps:
        - id: hello
          email: {to: [ECONOMIC_BUYER, CHAMPION], subject: "Hi", body: "Hi {{firstName}}"}
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call the champion", due: 5 business days}
        - id: check
          review: {question: "Go on?", due: 5 business days}
        - id: long-wait
          wait: 3 months
        - id: bye
          email: {to: [ECONOMIC_BUYER], subject: "Bye", body: "Bye"}
      """);

  final SequenceTestKit kit = new SequenceTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  SequenceResult runUntilTaskThen(Consumer<AccountSequenceWorkflow> action) {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(PLAYBOOK, Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    assertThat(kit.channels.openTasks()).hasSize(1);
    action.accept(sequence);
    return kit.result(sequence);
  }

  void assertNothingLeftOpen() {
    assertThat(kit.channels.openTasks()).isEmpty();
    assertThat(kit.channels.openReviews()).isEmpty();
    assertThat(kit.channels.lastSnapshot().status()).isEqualTo(SequenceStatusCode.EXITED);
  }

  @Test
  void meetingBookedEndsTheSequenceAndCancelsTheOpenTask() {
    SequenceResult result = runUntilTaskThen(s -> s.engagement(new EngagementBatch("m1", Map.of(EngagementType.MEETING_BOOKED, 1), kit.now())));
    assertThat(result.reason()).isEqualTo(ExitReason.MEETING_BOOKED);
    assertThat(result.score()).isEqualTo(30);
    assertThat(kit.channels.taskCloses).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(TaskState.CANCELLED));
    kit.recordHistory("abm-new-logo-acme", "meeting-booked-exit");
    assertThat(kit.channels.lastSnapshot().exitReason()).isEqualTo(ExitReason.MEETING_BOOKED);
    assertNothingLeftOpen();
  }

  @Test
  void aReplyEndsTheSequence() {
    SequenceResult result = runUntilTaskThen(s -> s.engagement(new EngagementBatch("r1", Map.of(EngagementType.EMAIL_REPLY, 1), kit.now())));
    assertThat(result.reason()).isEqualTo(ExitReason.REPLIED);
    assertNothingLeftOpen();
    kit.recordHistory("abm-new-logo-acme", "replied-exit");
  }

  @Test
  void crmStagesEndTheSequence() {
    assertThat(runUntilTaskThen(s -> s.stageChanged(new StageChange(AccountStage.OPPORTUNITY, kit.now()))).reason())
        .isEqualTo(ExitReason.OPPORTUNITY_CREATED);
    assertNothingLeftOpen();
    kit.recordHistory("abm-new-logo-acme", "opportunity-created-exit");
  }

  @Test
  void disqualificationEndsTheSequence() {
    assertThat(runUntilTaskThen(s -> s.stageChanged(new StageChange(AccountStage.DISQUALIFIED, kit.now()))).reason())
        .isEqualTo(ExitReason.DISQUALIFIED);
    assertNothingLeftOpen();
    kit.recordHistory("abm-new-logo-acme", "disqualified-by-crm-exit");
  }

  @Test
  void closedLostEndsTheSequence() {
    assertThat(runUntilTaskThen(s -> s.stageChanged(new StageChange(AccountStage.CLOSED_LOST, kit.now()))).reason())
        .isEqualTo(ExitReason.CLOSED_LOST);
  }

  @Test
  void theSdrBookingAMeetingFromATaskEndsTheSequenceAndScoresIt() {
    SequenceResult result = runUntilTaskThen(s -> {
      String taskId = kit.channels.openTasks().get(0).taskId();
      TaskCompleted done = s.completeTask(new CompleteTask(taskId, TaskOutcome.MEETING_BOOKED, "Tuesday 3pm", "sam.lee"));
      assertThat(done.endsSequence()).isTrue();
    });
    assertThat(result.reason()).isEqualTo(ExitReason.MEETING_BOOKED);
    assertThat(result.score()).isEqualTo(30);
    assertThat(kit.channels.taskCloses).singleElement().satisfies(c -> {
      assertThat(c.state()).isEqualTo(TaskState.DONE);
      assertThat(c.outcome()).isEqualTo(TaskOutcome.MEETING_BOOKED);
      assertThat(c.note()).isEqualTo("Tuesday 3pm");
    });
    kit.recordHistory("abm-new-logo-acme", "meeting-booked-from-task-exit");
  }

  @Test
  void theSdrDisqualifyingFromATaskEndsTheSequence() {
    SequenceResult result = runUntilTaskThen(s ->
        s.completeTask(new CompleteTask(kit.channels.openTasks().get(0).taskId(), TaskOutcome.DISQUALIFIED, "no budget", "sam.lee")));
    assertThat(result.reason()).isEqualTo(ExitReason.DISQUALIFIED);
    assertThat(kit.channels.taskCloses).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo(TaskOutcome.DISQUALIFIED));
    kit.recordHistory("abm-new-logo-acme", "disqualified-from-task-exit");
  }

  @Test
  void cancelEndsTheSequence() {
    SequenceResult result = runUntilTaskThen(s -> s.cancel(new Control("jane.doe", "account moved to partner channel")));
    assertThat(result.reason()).isEqualTo(ExitReason.CANCELLED);
    assertNothingLeftOpen();
  }

  @Test
  void aReviewerStoppingEndsTheSequence() {
    SequenceResult result = runUntilTaskThen(s -> {
      s.completeTask(new CompleteTask(kit.channels.openTasks().get(0).taskId(), TaskOutcome.COMPLETED, null, "sam.lee"));
      kit.advance(Duration.ofHours(1));
      ReviewDecided decided = s.decideReview(new DecideReview(kit.channels.openReviews().get(0).reviewId(), ReviewDecision.STOP, null, "not a fit this year", "lead"));
      assertThat(decided.endsSequence()).isTrue();
    });
    assertThat(result.reason()).isEqualTo(ExitReason.STOPPED_BY_REVIEW);
    assertThat(kit.channels.reviewCloses).singleElement().satisfies(c -> assertThat(c.decision()).isEqualTo(ReviewDecision.STOP));
    assertThat(kit.channels.emails).hasSize(2);
    kit.recordHistory("abm-new-logo-acme", "task-then-review-stop-v2");
  }

  @Test
  void everyoneOptingOutEndsTheSequence() {
    SequenceResult result = runUntilTaskThen(s -> {
      for (Contact c : Committees.acmeCommittee()) s.optOut(new OptOut(c.id(), "ALL", "UNSUBSCRIBED"));
    });
    assertThat(result.reason()).isEqualTo(ExitReason.ALL_CONTACTS_OPTED_OUT);
    assertNothingLeftOpen();
    kit.recordHistory("abm-new-logo-acme", "all-opted-out-exit");
  }

  @Test
  void oneContactOptingOutDoesNotStopTheSequenceForTheRest() {
    List<Contact> committee = Committees.acmeCommittee();
    Contact economicBuyer = committee.get(0);
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(PLAYBOOK, committee));
    kit.advance(Duration.ofHours(1));
    sequence.optOut(new OptOut(economicBuyer.id(), "EMAIL", "UNSUBSCRIBED"));
    sequence.completeTask(new CompleteTask(kit.channels.openTasks().get(0).taskId(), TaskOutcome.COMPLETED, null, "sam.lee"));
    kit.advance(Duration.ofHours(1));
    sequence.decideReview(new DecideReview(kit.channels.openReviews().get(0).reviewId(), ReviewDecision.CONTINUE, null, null, "lead"));
    SequenceResult result = kit.result(sequence);
    assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);
    // "bye" went to the economic buyer only, who had opted out: nothing was sent.
    assertThat(kit.channels.emails).extracting(e -> e.key()).noneMatch(k -> k.contains("/bye/"));
    assertThat(sequence.status().unreachable()).containsEntry(economicBuyer.id(), "UNSUBSCRIBED");
  }

  @Test
  void bouncesCountAsUnreachable() {
    List<Contact> committee = List.of(Committees.acmeCommittee().get(0));
    kit.channels.bouncing.add(committee.get(0).id());
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(PLAYBOOK, committee));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.ALL_CONTACTS_OPTED_OUT);
    assertThat(kit.channels.tasks).isEmpty();
    kit.recordHistory("abm-new-logo-acme", "bounced-last-contact-exit");
  }

  @Test
  void closedWonHandsTheAccountOverToExpansion() {
    Playbook expansion = SequenceTestKit.playbook("""
        id: expansion-next
        name: Expansion
        motion: EXPANSION
        tier: ONE_TO_MANY
        steps:
          - id: welcome
            email: {to: CHAMPION, subject: "Welcome", body: "Welcome {{firstName}}"}
          - id: rest
            wait: 1 month
        """);
    kit.channels.catalog.put(expansion.id(), expansion);
    SequenceResult result = runUntilTaskThen(s -> s.stageChanged(new StageChange(AccountStage.CLOSED_WON, kit.now())));
    assertThat(result.reason()).isEqualTo(ExitReason.CLOSED_WON);
    assertThat(result.handedOverTo()).isEqualTo("abm-expansion-acme");
    kit.recordHistory("abm-new-logo-acme", "closed-won-handover-v2");
    AccountSequenceWorkflow child = kit.stub("abm-expansion-acme");
    SequenceResult childResult = kit.result(child);
    assertThat(childResult.reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(kit.channels.emails).anyMatch(e -> e.key().startsWith("abm-expansion-acme/expansion-next@1/welcome/"));
  }

  @Test
  void closedWonWithoutAnExpansionPlaybookJustEnds() {
    SequenceResult result = runUntilTaskThen(s -> s.stageChanged(new StageChange(AccountStage.CLOSED_WON, kit.now())));
    assertThat(result.reason()).isEqualTo(ExitReason.CLOSED_WON);
    assertThat(result.handedOverTo()).isNull();
  }

  @Test
  void signalsAfterTheEndChangeNothing() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(PLAYBOOK, Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    sequence.cancel(new Control("ops", null));
    kit.result(sequence);
    assertThat(WorkflowStub.fromTyped(sequence).describe().getWorkflowExecutionInfo().getStatus().name()).contains("COMPLETED");
  }

  @Test
  void removedFromTheTargetListEndsTheSequence() {
    SequenceResult result = runUntilTaskThen(s -> s.removeFromList(new Control("jane.doe", "Q3 list refresh")));
    assertThat(result.reason()).isEqualTo(ExitReason.REMOVED_FROM_LIST);
    assertNothingLeftOpen();
    kit.recordHistory("abm-new-logo-acme", "removed-from-list-exit");
  }

  @Test
  void aListRefreshAddsAndRemovesPeopleFromTheRestOfTheSequence() {
    List<Contact> committee = Committees.acmeCommittee();
    Contact economicBuyer = committee.get(0);
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(PLAYBOOK, committee));
    kit.advance(Duration.ofHours(1));
    Contact newBuyer = Committees.contact("Nadia", "Haddad", "CFO", io.abmsequencer.workflows.playbook.Role.ECONOMIC_BUYER, "America/New_York");
    sequence.committeeChanged(new CommitteeChange(List.of(newBuyer), List.of(economicBuyer.id())));
    sequence.completeTask(new CompleteTask(kit.channels.openTasks().get(0).taskId(), TaskOutcome.COMPLETED, null, "sam"));
    kit.advance(Duration.ofHours(1));
    sequence.decideReview(new DecideReview(kit.channels.openReviews().get(0).reviewId(), ReviewDecision.CONTINUE, null, null, "lead"));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.COMPLETED);
    // "bye" goes to the economic buyer: the new one, not the one who left.
    assertThat(kit.channels.emails).filteredOn(e -> e.key().contains("/bye/")).extracting(e -> e.contactId()).containsExactly(newBuyer.id());
    assertThat(kit.channels.lastSnapshot().contacts() == null ? kit.channels.snapshots.stream().filter(x -> x.contacts() != null).reduce((a, b) -> b).orElseThrow().contacts()
        : kit.channels.lastSnapshot().contacts()).extracting(Contact::id).contains(newBuyer.id()).doesNotContain(economicBuyer.id());
    kit.recordHistory("abm-new-logo-acme", "committee-changed-completed");
  }

  /**
   * The CFO leaves the list at one refresh and is back at the next: the committee the read model and
   * the ad syncs get holds her once (before "relisted-once" it held her twice), and she gets each
   * later touch once.
   */
  @Test
  void someoneTakenOffTheListAndListedAgainIsOnTheCommitteeOnce() {
    List<Contact> committee = Committees.acmeCommittee();
    Contact economicBuyer = committee.get(0);
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(PLAYBOOK, committee));
    kit.advance(Duration.ofHours(1));
    sequence.committeeChanged(new CommitteeChange(List.of(), List.of(economicBuyer.id())));
    sequence.committeeChanged(new CommitteeChange(List.of(economicBuyer), List.of()));
    sequence.completeTask(new CompleteTask(kit.channels.openTasks().get(0).taskId(), TaskOutcome.COMPLETED, null, "sam"));
    kit.advance(Duration.ofHours(1));
    sequence.decideReview(new DecideReview(kit.channels.openReviews().get(0).reviewId(), ReviewDecision.CONTINUE, null, null, "lead"));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.COMPLETED);
    List<Contact> recorded = kit.channels.snapshots.stream().filter(x -> x.contacts() != null).reduce((a, b) -> b).orElseThrow().contacts();
    assertThat(recorded).extracting(Contact::id).containsOnlyOnce(economicBuyer.id()).hasSize(committee.size());
    assertThat(kit.channels.emails).filteredOn(e -> e.key().contains("/bye/")).extracting(e -> e.contactId()).containsOnlyOnce(economicBuyer.id());
    kit.recordHistory("abm-new-logo-acme", "committee-relisted-once");
  }

  @Test
  void aReviewOpenWhenTheSequenceEndsIsCancelled() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(PLAYBOOK, Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    sequence.completeTask(new CompleteTask(kit.channels.openTasks().get(0).taskId(), TaskOutcome.COMPLETED, null, "sam.lee"));
    kit.advance(Duration.ofHours(1));
    assertThat(kit.channels.openReviews()).hasSize(1);
    sequence.stageChanged(new StageChange(AccountStage.CLOSED_LOST, kit.now()));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.CLOSED_LOST);
    assertThat(kit.channels.reviewCloses).singleElement().satisfies(c -> {
      assertThat(c.state()).isEqualTo(TaskState.CANCELLED);
      assertThat(c.decision()).isNull();
      assertThat(c.note()).isEqualTo("Sequence ended: closed lost");
    });
    assertNothingLeftOpen();
    kit.recordHistory("abm-new-logo-acme", "closed-lost-during-review");
  }
}
