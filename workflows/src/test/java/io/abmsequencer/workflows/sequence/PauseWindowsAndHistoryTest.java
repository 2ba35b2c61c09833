package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.FakeChannels.Sent;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pause and resume, send windows per contact time zone, status, and a history that stays bounded. */
class PauseWindowsAndHistoryTest {

  static final String TWO_EMAILS_YAML = """
      id: two-emails
      name: Two emails
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      calendar: {timeZone: America/New_York, sendWindow: "09:00-17:00"}
      steps:
        - id: first
          email: {to: [CHAMPION, TECHNICAL_EVALUATOR], subject: "First", body: "Hi {{firstName}}"}
        - id: gap
          wait: 5 days
        - id: second
          email: {to: [CHAMPION], subject: "Second", body: "Hi again"}
      """;

  static final Playbook TWO_EMAILS = SequenceTestKit.playbook(TWO_EMAILS_YAML);

  final SequenceTestKit kit = new SequenceTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void eachContactGetsTheTouchInsideTheirOwnSendWindow() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(TWO_EMAILS, Committees.acmeCommittee()));
    kit.advance(Duration.ofHours(1));
    // 09:00 Monday in New York: the champion gets it now; the evaluator in Tokyo must wait for 09:00 Tokyo time.
    assertThat(kit.channels.emails).extracting(Sent::role).containsExactly("CHAMPION");
    SequenceStatus status = sequence.status();
    assertThat(status.status()).isEqualTo(SequenceStatusCode.WAITING);
    assertThat(status.details()).startsWith("Deferred to the send window: email to TECHNICAL_EVALUATOR at Tue 2027-01-05 09:00 Asia/Tokyo");
    kit.advance(Duration.ofHours(12));
    Sent tokyo = kit.channels.emails.get(1);
    assertThat(tokyo.role()).isEqualTo("TECHNICAL_EVALUATOR");
    assertThat(tokyo.at().atZone(ZoneId.of("Asia/Tokyo")).toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(9, 1));
  }

  /**
   * A sequence launched outside its send window shows in the sequences list as waiting, with its
   * committee and next touch, after one write, and parks in its first workflow task: starting,
   * running the first step and deferring it are one record, not three round trips.
   */
  @Test
  void aSequenceLaunchedAtNightRecordsItselfOnceAsWaitingAndParksInItsFirstWorkflowTask() {
    try (SequenceTestKit night = new SequenceTestKit(SequenceTestKit.at("2027-01-04T02:00", SequenceTestKit.NEW_YORK))) {
      AccountSequenceWorkflow sequence = night.start(SequenceTestKit.input(TWO_EMAILS, List.of(Committees.acmeCommittee().get(1))));
      night.advance(Duration.ofMinutes(1));
      assertThat(sequence.status().status()).isEqualTo(SequenceStatusCode.WAITING);
      assertThat(night.channels.snapshots).hasSize(1);
      var recorded = night.channels.lastSnapshot();
      assertThat(recorded.status()).isEqualTo(SequenceStatusCode.WAITING);
      assertThat(recorded.contacts()).extracting(Contact::id).containsExactly(Committees.acmeCommittee().get(1).id());
      assertThat(recorded.nextTouchAt()).isEqualTo(SequenceTestKit.at("2027-01-04T09:00", SequenceTestKit.NEW_YORK));
      assertThat(night.channels.emails).isEmpty();

      List<EventType> untilParked = new ArrayList<>();
      for (var e : night.history("abm-new-logo-acme").getEvents()) {
        untilParked.add(e.getEventType());
        if (e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED) break;
      }
      assertThat(untilParked).contains(EventType.EVENT_TYPE_TIMER_STARTED).doesNotContain(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
      assertThat(untilParked.stream().filter(t -> t == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).hasSize(1);
    }
  }

  /** A read model whose database is down delays the sequence's record; it never fails the sequence. */
  @Test
  void aFailingReadModelWriteIsRetriedAndTheSequenceGoesOn() {
    kit.channels.failingRecords.set(2);
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(TWO_EMAILS, List.of(Committees.acmeCommittee().get(1))));
    kit.advance(Duration.ofHours(1));
    assertThat(kit.channels.failingRecords).hasValue(0);
    assertThat(kit.channels.snapshots).isNotEmpty();
    assertThat(kit.channels.emails).hasSize(1);
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.COMPLETED);
  }

  @Test
  void aPausedSequenceSendsNothingAndItsWaitsStopCounting() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(TWO_EMAILS, List.of(Committees.acmeCommittee().get(1))));
    kit.advance(Duration.ofDays(1));
    assertThat(kit.channels.emails).hasSize(1);
    sequence.pause(new Control("jane.doe", "account in a merger"));
    kit.advance(Duration.ofMinutes(1));
    assertThat(sequence.status().status()).isEqualTo(SequenceStatusCode.PAUSED);
    assertThat(kit.channels.lastSnapshot().status()).isEqualTo(SequenceStatusCode.PAUSED);
    kit.advance(Duration.ofDays(10));
    assertThat(kit.channels.emails).hasSize(1);
    sequence.resume(new Control("jane.doe", null));
    // 4 of the 5 days were left when it was paused: nothing for 3 more days...
    kit.advance(Duration.ofDays(3));
    assertThat(kit.channels.emails).hasSize(1);
    // ...and the second e-mail within a day after that (next send window).
    kit.advance(Duration.ofDays(3));
    assertThat(kit.channels.emails).hasSize(2);
    Duration afterResume = Duration.between(kit.channels.emails.get(0).at(), kit.channels.emails.get(1).at());
    assertThat(afterResume).isGreaterThanOrEqualTo(Duration.ofDays(15));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.COMPLETED);
    kit.recordHistory("abm-new-logo-acme", "pause-resume-completed-v2");
  }

  @Test
  void pausingBeforeASendDefersItUntilResumed() {
    try (SequenceTestKit saturday = new SequenceTestKit(SequenceTestKit.at("2027-01-09T10:00", SequenceTestKit.NEW_YORK))) {
      AccountSequenceWorkflow sequence = saturday.start(SequenceTestKit.input(TWO_EMAILS, List.of(Committees.acmeCommittee().get(1))));
      saturday.advance(Duration.ofHours(1));
      sequence.pause(new Control("jane.doe", null));
      saturday.advance(Duration.ofDays(4));
      assertThat(saturday.channels.emails).isEmpty();
      sequence.resume(new Control("jane.doe", null));
      saturday.advance(Duration.ofHours(1));
      assertThat(saturday.channels.emails).hasSize(1);
    }
  }

  @Test
  void statusSaysWhatComesNextAndWhen() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(TWO_EMAILS, List.of(Committees.acmeCommittee().get(1))));
    kit.advance(Duration.ofHours(2));
    SequenceStatus status = sequence.status();
    assertThat(status.workflowId()).isEqualTo("abm-new-logo-acme");
    assertThat(status.currentStep()).isEqualTo("wait 5 days");
    assertThat(status.details()).isEqualTo("Waiting 5 days until Sat 2027-01-09 09:00 America/New_York; next: email to CHAMPION: Second on Mon 2027-01-11 09:00 America/New_York");
    assertThat(status.nextTouch()).isEqualTo("email to CHAMPION: Second");
    assertThat(status.nextTouchAt()).isEqualTo(SequenceTestKit.at("2027-01-11T09:00", SequenceTestKit.NEW_YORK));
    assertThat(status.touches()).isEqualTo(1);
    assertThat(status.recentTouches()).singleElement().satisfies(t -> assertThat(t.stepId()).isEqualTo("first"));
    assertThat(kit.channels.lastSnapshot().nextTouchAt()).isEqualTo(status.nextTouchAt());

    // Ops find it in the Temporal UI by the same facts.
    io.temporal.common.SearchAttributes indexed = WorkflowStub.fromTyped(sequence).describe().getTypedSearchAttributes();
    assertThat(indexed.get(SequenceSearchAttributes.STATUS)).isEqualTo("WAITING");
    assertThat(indexed.get(SequenceSearchAttributes.ACCOUNT_ID)).isEqualTo("acme");
    assertThat(indexed.get(SequenceSearchAttributes.PLAYBOOK)).isEqualTo("two-emails@1");
    assertThat(indexed.get(SequenceSearchAttributes.OWNER)).isEqualTo("jane.doe@yourco.example");
    assertThat(indexed.get(SequenceSearchAttributes.SCORE)).isZero();
    assertThat(indexed.get(SequenceSearchAttributes.NEXT_TOUCH_AT).toInstant()).isEqualTo(status.nextTouchAt());
  }

  @Test
  void engagementDuringALongWaitReachesTheReadModelAtOnceThenAtMostEveryFlushInterval() {
    Playbook playbook = SequenceTestKit.playbook("""
        id: quiet
        name: Quiet
        motion: NEW_LOGO
        tier: ONE_TO_MANY
        scoring: {thresholds: [{score: 1000}]}
        steps:
          - id: long
            wait: 6 months
        """);
    kit.start(new SequenceInput(Committees.ACME, Committees.acmeCommittee(), "jane", null, playbook, null, null, 300));
    // Marketers and SDRs read scores from the read model (inbox, reviews, scorecard, weekly review)
    // beside the events that earned them. The first change is written at once, even right after the
    // start; later ones at most every five minutes, which keeps the history bounded under storms.
    kit.advance(Duration.ofSeconds(30));
    kit.stub("abm-new-logo-acme").engagement(
        new EngagementBatch("pricing-1", Map.of(EngagementType.PRICING_PAGE_VISIT, 1), kit.now()));
    kit.advance(Duration.ofSeconds(30));
    assertThat(kit.channels.lastSnapshot().score()).isEqualTo(15);

    kit.stub("abm-new-logo-acme").engagement(
        new EngagementBatch("download-1", Map.of(EngagementType.CONTENT_DOWNLOAD, 1), kit.now()));
    kit.advance(Duration.ofMinutes(1));
    assertThat(kit.channels.lastSnapshot().score()).isEqualTo(15);
    kit.advance(Duration.ofMinutes(5));
    assertThat(kit.channels.lastSnapshot().score()).isEqualTo(25);
    assertThat(kit.channels.lastSnapshot().status()).isEqualTo(SequenceStatusCode.WAITING);

    // Three days on, a sequence asleep on its six-month wait takes a new score at once as well.
    kit.advance(Duration.ofDays(3));
    kit.stub("abm-new-logo-acme").engagement(
        new EngagementBatch("visit-1", Map.of(EngagementType.WEBSITE_VISIT, 1), kit.now()));
    kit.advance(Duration.ofSeconds(30));
    assertThat(kit.channels.lastSnapshot().score()).isEqualTo(30);
    kit.recordHistory("abm-new-logo-acme", "score-at-once-v2");
  }

  @Test
  void aSignalStormKeepsEveryRunOfTheHistoryBoundedAndTheScoreExact() {
    Playbook playbook = SequenceTestKit.playbook("""
        id: storm
        name: Storm
        motion: NEW_LOGO
        tier: ONE_TO_MANY
        scoring: {thresholds: [{score: 1000}]}
        steps:
          - id: long
            wait: 6 months
        """);
    AccountSequenceWorkflow sequence = kit.start(
        new SequenceInput(Committees.ACME, Committees.acmeCommittee(), "jane", null, playbook, null, null, 300));
    String id = "abm-new-logo-acme";
    int batches = 1500;
    for (int i = 0; i < batches; i++) {
      EngagementBatch batch = new EngagementBatch("storm-" + i, Map.of(EngagementType.WEBSITE_VISIT, 1, EngagementType.EMAIL_CLICK, 1), kit.now());
      kit.engagement(id, batch);
      if (i == batches / 2) kit.engagement(id, batch); // a redelivery, across runs too
      // Bursts of 100 with gaps: Temporal refuses continue-as-new while signals arrive back to back,
      // so a run only ends in a gap. The gap lasts until the sequence has caught up (not a fixed
      // sleep a busy machine may overrun). (The starter's coalescing keeps real traffic far sparser.)
      if (i % 100 == 99) kit.awaitIdle(id);
    }
    kit.advance(Duration.ofMinutes(10));
    SequenceStatus status = kit.stub(id).status();
    assertThat(status.score()).isEqualTo(batches * 10);
    assertThat(status.engagement()).containsEntry(EngagementType.WEBSITE_VISIT, batches);
    assertThat(kit.channels.tasks).hasSize(1); // the 1000 threshold, once

    List<Integer> runLengths = new ArrayList<>();
    String runId = WorkflowStub.fromTyped(kit.stub(id)).describe().getWorkflowExecutionInfo().getExecution().getRunId();
    WorkflowExecutionHistory current = kit.client.fetchHistory(id, runId);
    runLengths.add(current.getEvents().size());
    // Walk back through the chain of runs.
    var first = current.getEvents().get(0).getWorkflowExecutionStartedEventAttributes();
    while (!first.getContinuedExecutionRunId().isEmpty()) {
      WorkflowExecutionHistory previous = kit.client.fetchHistory(id, first.getContinuedExecutionRunId());
      runLengths.add(previous.getEvents().size());
      assertThat(previous.getLastEvent().getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
      first = previous.getEvents().get(0).getWorkflowExecutionStartedEventAttributes();
    }
    System.out.printf("signal storm: %d batches, %d runs, events per run %s%n", batches, runLengths.size(), runLengths);
    // Each run ends at the first gap after its budget; how far past the budget depends on how busy
    // the machine is, so the bound is generous: what matters is that no run grows with the storm.
    assertThat(runLengths.size()).isGreaterThanOrEqualTo(3);
    assertThat(runLengths).allSatisfy(n -> assertThat(n).isLessThan(3 * 300));
    // Ops still read the account and playbook in the UI on the latest run: the memo is carried over.
    var latest = WorkflowStub.fromTyped(kit.stub(id)).describe();
    assertThat(latest.getMemo("account", String.class)).isEqualTo(Committees.ACME.name());
    assertThat(latest.getMemo("playbook", String.class)).isEqualTo("Storm");
  }

  @Test
  void continueAsNewInTheMiddleOfATaskKeepsTheTaskAndItsOutcome() {
    Playbook playbook = SequenceTestKit.playbook("""
        id: can-task
        name: Continue-as-new during a task
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        steps:
          - id: hello
            email: {to: [CHAMPION], subject: "Hi", body: "Hi"}
          - id: call
            task: {type: CALL, to: CHAMPION, title: "Call", due: 10 business days}
          - id: bye
            email: {to: [CHAMPION], subject: "Bye", body: "Bye"}
        """);
    AccountSequenceWorkflow sequence = kit.start(
        new SequenceInput(Committees.ACME, Committees.acmeCommittee(), "jane", null, playbook, null, null, 60));
    kit.advance(Duration.ofHours(1));
    String firstRun = WorkflowStub.fromTyped(sequence).describe().getWorkflowExecutionInfo().getExecution().getRunId();
    for (int i = 0; i < 60; i++) kit.engagement("abm-new-logo-acme", new EngagementBatch("e" + i, Map.of(EngagementType.WEBSITE_VISIT, 1), kit.now()));
    kit.advance(Duration.ofMinutes(30));
    AccountSequenceWorkflow latest = kit.stub("abm-new-logo-acme");
    String laterRun = WorkflowStub.fromTyped(latest).describe().getWorkflowExecutionInfo().getExecution().getRunId();
    assertThat(laterRun).isNotEqualTo(firstRun);
    assertThat(latest.status().openTasks()).hasSize(1);
    latest.completeTask(new CompleteTask(kit.channels.openTasks().get(0).taskId(), TaskOutcome.COMPLETED, null, "sam"));
    assertThat(kit.result(latest).reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(kit.channels.emails).extracting(Sent::text).containsExactly("Hi | Hi", "Bye | Bye");
    assertThat(kit.channels.duplicates).isEmpty();
    assertThat(latest.status().score()).isEqualTo(300);
    kit.recordHistory("abm-new-logo-acme", firstRun, "continued-as-new-during-task");
  }

  @Test
  void aCapDeferralWaitsAndRetriesTheSameTouchOnceWhileTheOthersGoOn() {
    List<Contact> committee = Committees.acmeCommittee();
    Contact champion = committee.get(1);
    kit.channels.deferOnce.put(champion.id(), Duration.ofDays(2));
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(TWO_EMAILS, committee));
    kit.advance(Duration.ofHours(1));
    assertThat(kit.channels.deferrals).hasSize(1);
    assertThat(kit.channels.emails).isEmpty();
    kit.advance(Duration.ofHours(12));
    // The evaluator in Tokyo is not held up by the champion's cap.
    assertThat(kit.channels.emails).extracting(Sent::role).containsExactly("TECHNICAL_EVALUATOR");
    assertThat(sequence.status().details()).startsWith("Deferred by a sending cap: email to CHAMPION at Wed 2027-01-06 09:00");
    kit.advance(Duration.ofDays(2));
    assertThat(kit.channels.emails).extracting(Sent::role).containsExactly("TECHNICAL_EVALUATOR", "CHAMPION");
    assertThat(kit.channels.emails.get(1).key()).isEqualTo(kit.channels.deferrals.get(0));
    assertThat(kit.channels.duplicates).isEmpty();
  }

  @Test
  void anAbsentContactsTouchesWaitUntilTheyAreBackAndTheRestGoOn() {
    List<Contact> committee = List.of(Committees.acmeCommittee().get(0), Committees.acmeCommittee().get(1));
    Contact champion = committee.get(1);
    Playbook both = SequenceTestKit.playbook(TWO_EMAILS_YAML.replace("to: [CHAMPION, TECHNICAL_EVALUATOR]", "to: [CHAMPION, ECONOMIC_BUYER]"));
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(both, committee));
    kit.advance(Duration.ofMinutes(1));
    assertThat(kit.channels.emails).hasSize(2);
    // The champion answers with an out-of-office until Wednesday the 13th.
    sequence.contactAway(new ContactAway(champion.id(), SequenceTestKit.at("2027-01-13T00:00", SequenceTestKit.NEW_YORK), "out of office"));
    kit.advance(Duration.ofDays(5));
    assertThat(sequence.status().details()).startsWith("Out of office until Wed 2027-01-13 00:00 America/New_York: email to CHAMPION waits");
    kit.advance(Duration.ofDays(4));
    Sent second = kit.channels.emails.get(2);
    assertThat(second.role()).isEqualTo("CHAMPION");
    assertThat(second.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).isEqualTo(SequenceTestKit.at("2027-01-13T09:00", SequenceTestKit.NEW_YORK));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.COMPLETED);
  }

  @Test
  void rolesGetTheirOwnCopy() {
    Playbook perRole = SequenceTestKit.playbook("""
        id: per-role
        name: Per-role copy
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        calendar: {timeZone: America/New_York}
        steps:
          - id: intro
            email:
              to: [ECONOMIC_BUYER, TECHNICAL_EVALUATOR]
              subject: "Business case"
              body: "ROI"
              byRole:
                TECHNICAL_EVALUATOR: {subject: "Architecture", body: "Reference design"}
        """);
    kit.start(SequenceTestKit.input(perRole, Committees.acmeCommittee()));
    kit.advance(Duration.ofDays(1));
    assertThat(kit.channels.emails).extracting(Sent::role, Sent::text).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("ECONOMIC_BUYER", "Business case | ROI"),
        org.assertj.core.groups.Tuple.tuple("TECHNICAL_EVALUATOR", "Architecture | Reference design"));
  }
}
