package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static io.abmsequencer.workflows.testing.SequenceTestKit.NEW_YORK;
import static io.abmsequencer.workflows.testing.SequenceTestKit.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.FakeChannels.Sent;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Promises the sequence broke before the version "kept-promises", each performed as the fault it
 * was: a text step whose send window never meets the SMS hours, an opt-out while a step waits for
 * that person, a touch a cap deferred to next week. Each run is recorded for the replay test; the
 * same paths as the code before the change walked them are recorded beside them (no {@code -v2}).
 */
class KeptPromisesTest {

  static final String WORKFLOW_ID = "abm-new-logo-acme";
  static final Contact ERIN = Committees.acmeCommittee().get(0);
  static final Contact CHRIS = Committees.acmeCommittee().get(1);
  static final Contact TARO = Committees.acmeCommittee().get(2);

  /** Stored before uploads refused it: its texts can never meet the SMS hours. */
  static final Playbook LATE_TEXTS = PlaybookParser.parseStored("""
      id: late-texts
      name: Evening touches
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      calendar: {timeZone: America/New_York, sendWindow: "21:00-24:00"}
      steps:
        - id: hello
          email: {to: [CHAMPION], subject: "Evening", body: "Hi {{firstName}}"}
        - id: nudge
          sms: {to: [CHAMPION], body: "Hi {{firstName}}, a quick note"}
        - id: again
          email: {to: [CHAMPION], subject: "Again", body: "Hi again"}
      """).withVersion(1);

  static final Playbook TWO_ZONES = SequenceTestKit.playbook("""
      id: two-zones
      name: New York and Tokyo
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      calendar: {timeZone: America/New_York, sendWindow: "09:00-17:00"}
      steps:
        - id: intro
          email: {to: [ECONOMIC_BUYER, TECHNICAL_EVALUATOR], subject: "Intro", body: "Hi {{firstName}}"}
        - id: follow-up
          email: {to: [ECONOMIC_BUYER], subject: "Follow-up", body: "Hi again"}
      """);

  static final Playbook CALL_FIRST = SequenceTestKit.playbook("""
      id: call-first
      name: Call first
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      calendar: {timeZone: America/New_York, sendWindow: "09:00-17:00"}
      steps:
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call the champion"}
        - id: note
          email: {to: [ECONOMIC_BUYER], subject: "A note", body: "Hi {{firstName}}"}
      """);

  static final Playbook CAPPED = SequenceTestKit.playbook("""
      id: capped
      name: Capped intro
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      calendar: {timeZone: America/New_York, sendWindow: "09:00-17:00"}
      steps:
        - id: intro
          email: {to: [ECONOMIC_BUYER, CHAMPION], subject: "Intro", body: "Hi {{firstName}}"}
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call the champion", due: 2 business days}
        - id: later
          email: {to: [CHAMPION], subject: "Later", body: "Hi again"}
      """);

  final SequenceTestKit kit = new SequenceTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  /**
   * The SMS hours are a legal limit. A playbook stored before such steps were refused has a text
   * step whose send window (21:00-24:00) never meets 08:00-21:00: no moment allows it, so the text
   * is skipped, says so, and the e-mails around it go out in their window as planned.
   */
  @Test
  void aTextWhoseSendWindowNeverMeetsTheSmsHoursIsSkippedNotSentAtNight() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(LATE_TEXTS, List.of(CHRIS)));
    kit.advance(Duration.ofHours(1));
    assertThat(sequence.status().nextTouch()).isEqualTo("email to CHAMPION: Evening");

    SequenceResult result = kit.result(sequence);

    assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(kit.channels.texts).as("no text outside the SMS hours").isEmpty();
    assertThat(kit.channels.emails).extracting(Sent::text).containsExactly("Evening | Hi {{firstName}}", "Again | Hi again");
    for (Sent email : kit.channels.emails) {
      assertThat(email.at().atZone(NEW_YORK).toLocalTime()).isBetween(LocalTime.of(21, 0), LocalTime.of(21, 1));
    }
    assertThat(sequence.status().recentTouches()).filteredOn(t -> t.stepId().equals("nudge")).singleElement()
        .satisfies(t -> {
          assertThat(t.channel()).isEqualTo("SMS");
          assertThat(t.contactId()).isEqualTo(CHRIS.id());
          assertThat(t.status()).isEqualTo(TouchStatus.SKIPPED);
        });
    kit.recordHistory(WORKFLOW_ID, "text-outside-sms-hours-v2");
  }

  /**
   * The evaluator in Tokyo is the last one the intro waits for (09:00 Tokyo is 19:00 in New York).
   * He opts out at 10:00 New York time: the wait ends, and the CFO's follow-up goes out at once, not
   * the next morning after a window nobody was to be mailed in.
   */
  @Test
  void anOptOutEndsTheWaitForThatPersonsSendWindow() {
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(TWO_ZONES, List.of(ERIN, TARO)));
    kit.advance(Duration.ofHours(1));
    assertThat(kit.channels.emails).extracting(Sent::contactId).containsExactly(ERIN.id());
    assertThat(sequence.status().details()).startsWith("Deferred to the send window: email to TECHNICAL_EVALUATOR");

    sequence.optOut(new OptOut(TARO.id(), "EMAIL", "UNSUBSCRIBED"));
    kit.advance(Duration.ofMinutes(5));

    assertThat(kit.channels.emails).extracting(Sent::contactId, Sent::text).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ERIN.id(), "Intro | Hi {{firstName}}"),
        org.assertj.core.groups.Tuple.tuple(ERIN.id(), "Follow-up | Hi again"));
    assertThat(kit.channels.emails.get(1).at()).isBefore(at("2027-01-04T10:10", NEW_YORK));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(kit.channels.emails).extracting(Sent::contactId).doesNotContain(TARO.id());
    kit.recordHistory(WORKFLOW_ID, "opt-out-during-window-wait-v2");
  }

  /**
   * Launched on a Saturday, the call task waits for Monday's business hours. The champion opts out
   * meanwhile: no task about him is opened on Monday; the sequence goes on with the CFO's e-mail.
   */
  @Test
  void anOptOutWhileATaskWaitsForBusinessHoursOpensNoTaskAboutThem() {
    try (SequenceTestKit saturday = new SequenceTestKit(at("2027-01-09T10:00", NEW_YORK))) {
      AccountSequenceWorkflow sequence = saturday.start(SequenceTestKit.input(CALL_FIRST, List.of(ERIN, CHRIS)));
      saturday.advance(Duration.ofHours(1));
      assertThat(sequence.status().details()).startsWith("Waiting for business hours to open the task: Call the champion");

      sequence.optOut(new OptOut(CHRIS.id(), null, "UNSUBSCRIBED"));
      SequenceResult result = saturday.result(sequence);

      assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);
      assertThat(saturday.channels.tasks).as("no task about someone who opted out").isEmpty();
      assertThat(saturday.channels.emails).singleElement().satisfies(e -> {
        assertThat(e.contactId()).isEqualTo(ERIN.id());
        assertThat(e.at().truncatedTo(ChronoUnit.MINUTES)).isEqualTo(at("2027-01-11T09:00", NEW_YORK));
      });
    }
  }

  /**
   * A sending cap defers the CFO's intro to next Monday. The status, the sequences list and the
   * search attribute ops filter by all say next Monday 09:00, not "now"; paused, nothing is due; with
   * the call task open, the next touch is the e-mail after the task's due date.
   */
  @Test
  void theNextTouchIsWhatWillReallyHappenNext() {
    kit.channels.deferOnce.put(ERIN.id(), Duration.ofDays(7));
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(CAPPED, List.of(ERIN, CHRIS)));
    kit.advance(Duration.ofHours(1));
    assertThat(kit.channels.emails).extracting(Sent::contactId).containsExactly(CHRIS.id());
    assertThat(kit.channels.deferrals).hasSize(1);

    // The cap's "not before" is a week after the attempt (a moment after 09:00).
    Instant nextMonday = kit.channels.lastDeferredUntil();
    assertThat(nextMonday.truncatedTo(ChronoUnit.MINUTES)).isEqualTo(at("2027-01-11T09:00", NEW_YORK));
    SequenceStatus status = sequence.status();
    assertThat(status.nextTouch()).isEqualTo("email to ECONOMIC_BUYER, CHAMPION: Intro");
    assertThat(status.nextTouchAt()).isEqualTo(nextMonday);
    assertThat(kit.channels.lastSnapshot().nextTouchAt()).isEqualTo(nextMonday);
    assertThat(nextTouchAtIndexed(sequence)).isEqualTo(nextMonday);

    sequence.pause(new Control("jane.doe", "holidays"));
    kit.awaitIdle(WORKFLOW_ID);
    assertThat(sequence.status().nextTouchAt()).as("paused: nothing goes out until resumed").isNull();
    assertThat(kit.channels.lastSnapshot().nextTouchAt()).isNull();
    assertThat(nextTouchAtIndexed(sequence)).isNull();
    sequence.resume(new Control("jane.doe", null));
    kit.awaitIdle(WORKFLOW_ID);
    assertThat(sequence.status().nextTouchAt()).isEqualTo(nextMonday);
    assertThat(nextTouchAtIndexed(sequence)).isEqualTo(nextMonday);

    kit.advance(Duration.ofDays(7));
    assertThat(kit.channels.emails).extracting(Sent::contactId).containsExactly(CHRIS.id(), ERIN.id());
    assertThat(kit.channels.openTasks()).singleElement().satisfies(t -> assertThat(t.stepId()).isEqualTo("call"));
    Instant taskDue = kit.channels.openTasks().get(0).dueAt();
    assertThat(taskDue.truncatedTo(ChronoUnit.MINUTES)).isEqualTo(at("2027-01-13T09:00", NEW_YORK));
    status = sequence.status();
    assertThat(status.nextTouch()).isEqualTo("email to CHAMPION: Later");
    assertThat(status.nextTouchAt()).isEqualTo(taskDue);
    assertThat(nextTouchAtIndexed(sequence)).isEqualTo(taskDue);

    sequence.cancel(new Control("jane.doe", "test over"));
    assertThat(kit.result(sequence).reason()).isEqualTo(ExitReason.CANCELLED);
    kit.recordHistory(WORKFLOW_ID, "cap-deferred-next-touch-v2");
  }

  private static Instant nextTouchAtIndexed(AccountSequenceWorkflow sequence) {
    var at = WorkflowStub.fromTyped(sequence).describe().getTypedSearchAttributes().get(SequenceSearchAttributes.NEXT_TOUCH_AT);
    return at == null ? null : at.toInstant();
  }
}
