package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * People who opted out before a sequence started, or opt out twice: the sequence treats a person
 * suppressed at launch exactly like one who opted out while it ran (no e-mail, and no call or
 * LinkedIn task about them either), and an opt-out it already knows changes nothing.
 */
class OptedOutContactsTest {

  /** Tasks about the champion first, then e-mail to both, then a task about the economic buyer. */
  static final Playbook PLAYBOOK = SequenceTestKit.playbook("""
      id: opted-out
      name: Opted out
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      calendar: {timeZone: America/New_York}
      steps:
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call the champion", due: 2 business days}
        - id: connect
          task: {type: LINKEDIN, to: CHAMPION, title: "Connect with the champion", due: 2 business days}
        - id: hello
          email: {to: [CHAMPION, ECONOMIC_BUYER], subject: "Hi", body: "Hi {{firstName}}"}
        - id: cfo
          task: {type: CALL, to: ECONOMIC_BUYER, title: "Call the CFO", due: 2 business days}
      """);

  static final Contact ERIN = Committees.acmeCommittee().get(0);
  static final Contact CHRIS = Committees.acmeCommittee().get(1);

  final SequenceTestKit kit = new SequenceTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void aContactSuppressedBeforeTheLaunchGetsNoTaskAndNoEmail() {
    SequenceInput input = SequenceTestKit.input(PLAYBOOK, List.of(ERIN, CHRIS))
        .withOptedOut(List.of(new OptOut(CHRIS.id(), "ALL", "SUPPRESSED")));
    AccountSequenceWorkflow sequence = kit.start(input);
    kit.advance(Duration.ofHours(1));

    List<TaskOpen> open = kit.channels.openTasks();
    assertThat(open).singleElement().satisfies(t -> {
      assertThat(t.stepId()).isEqualTo("cfo");
      assertThat(t.contact().id()).isEqualTo(ERIN.id());
    });
    assertThat(kit.channels.emails).extracting(e -> e.contactId()).containsExactly(ERIN.id());
    assertThat(sequence.status().unreachable()).containsEntry(CHRIS.id(), "SUPPRESSED");
    sequence.completeTask(new CompleteTask(open.get(0).taskId(), TaskOutcome.COMPLETED, null, "sam.lee"));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(kit.channels.tasks.values()).extracting(t -> t.contact().id()).doesNotContain(CHRIS.id());

    // Each e-mail's activity heartbeats: a worker that dies mid-send is noticed in seconds.
    List<HistoryEvent> sends = kit.history("abm-new-logo-acme").getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .filter(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("SendEmail"))
        .toList();
    assertThat(sends).isNotEmpty().allSatisfy(e ->
        assertThat(e.getActivityTaskScheduledEventAttributes().getHeartbeatTimeout().getSeconds()).isEqualTo(30));
    kit.recordHistory("abm-new-logo-acme", "opted-out-at-launch-tasks-skipped");
  }

  @Test
  void aCommitteeEntirelySuppressedBeforeTheLaunchEndsAtOnce() {
    SequenceInput input = SequenceTestKit.input(PLAYBOOK, List.of(ERIN, CHRIS))
        .withOptedOut(List.of(new OptOut(ERIN.id(), "EMAIL", "SUPPRESSED"), new OptOut(CHRIS.id(), "ALL", "SUPPRESSED")));

    SequenceResult result = kit.result(kit.start(input));

    assertThat(result.reason()).isEqualTo(ExitReason.ALL_CONTACTS_OPTED_OUT);
    assertThat(kit.channels.tasks).isEmpty();
    assertThat(kit.channels.emails).isEmpty();
    kit.recordHistory("abm-new-logo-acme", "everyone-opted-out-at-launch-exit");
  }

  /**
   * The product repeats opt-outs on purpose (a second unsubscribe repairs a first that failed
   * part-way), so a sequence told again what it knows must do nothing — not even update the
   * sequences list. A new channel for the same person is news.
   */
  @Test
  void anOptOutTheSequenceAlreadyKnowsChangesNothing() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(PLAYBOOK, List.of(ERIN, CHRIS)));
    kit.advance(Duration.ofHours(1));
    assertThat(kit.channels.openTasks()).singleElement().satisfies(t -> assertThat(t.stepId()).isEqualTo("call"));
    sequence.optOut(new OptOut(CHRIS.id(), "EMAIL", "UNSUBSCRIBED"));
    kit.awaitIdle("abm-new-logo-acme");
    int recorded = kit.channels.snapshots.size();

    sequence.optOut(new OptOut(CHRIS.id(), "EMAIL", "UNSUBSCRIBED"));
    kit.awaitIdle("abm-new-logo-acme");
    assertThat(kit.channels.snapshots).as("a repeated opt-out records nothing").hasSize(recorded);

    sequence.optOut(new OptOut(CHRIS.id(), "SMS", "SMS_STOP"));
    kit.awaitIdle("abm-new-logo-acme");
    assertThat(kit.channels.snapshots.size()).as("a new channel is recorded").isGreaterThan(recorded);
    assertThat(sequence.status().unreachable()).containsEntry(CHRIS.id(), "UNSUBSCRIBED,SMS_STOP");

    sequence.cancel(new Control("jane.doe", "done"));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.CANCELLED);
    kit.recordHistory("abm-new-logo-acme", "opt-out-repeated-quietly");
  }
}
