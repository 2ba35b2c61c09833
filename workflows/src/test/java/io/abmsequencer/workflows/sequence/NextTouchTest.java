package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static io.abmsequencer.workflows.testing.SequenceTestKit.NEW_YORK;
import static io.abmsequencer.workflows.testing.SequenceTestKit.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.testing.Committees;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The next touch from what the sequence knows, without Temporal: what will really happen next. */
class NextTouchTest {
  static final Contact ERIN = Committees.acmeCommittee().get(0);
  static final Contact CHRIS = Committees.acmeCommittee().get(1);
  static final List<Contact> COMMITTEE = List.of(ERIN, CHRIS);
  static final Instant MONDAY_10 = at("2027-01-04T10:00", NEW_YORK);

  /** An intro e-mail to two people, a call task, a later e-mail. */
  static final Playbook PLAYBOOK = KeptPromisesTest.CAPPED;

  static SequenceState inIntro() {
    SequenceState s = new SequenceState();
    s.progress = new SequenceState.StepProgress("intro", MONDAY_10);
    s.progress.done.add(CHRIS.id());
    return s;
  }

  @Test
  void aTouchACapDeferredIsDueWhenTheCapAllowsItNotNow() {
    SequenceState s = inIntro();
    s.progress.deferred.put(ERIN.id(), at("2027-01-11T09:00", NEW_YORK));
    NextTouch.Planned next = NextTouch.of(PLAYBOOK, s, COMMITTEE, MONDAY_10);
    assertThat(next.description()).isEqualTo("email to ECONOMIC_BUYER, CHAMPION: Intro");
    assertThat(next.at()).isEqualTo(at("2027-01-11T09:00", NEW_YORK));
    assertThat(next.stepIndex()).isZero();
    // Before "kept-promises": the step planned again from now, for everyone.
    assertThat(NextTouch.asBefore(PLAYBOOK, 0, null, MONDAY_10, COMMITTEE, s.emailOut, s.smsOut, 0).at()).isEqualTo(MONDAY_10);
  }

  @Test
  void someoneOutOfOfficeIsDueWhenBackAndSomeoneWhoOptedOutIsNotDueAtAll() {
    SequenceState s = inIntro();
    s.away.put(ERIN.id(), at("2027-01-06T00:00", NEW_YORK));
    assertThat(NextTouch.of(PLAYBOOK, s, COMMITTEE, MONDAY_10).at()).isEqualTo(at("2027-01-06T09:00", NEW_YORK));
    s.emailOut.put(ERIN.id(), "UNSUBSCRIBED");
    NextTouch.Planned next = NextTouch.of(PLAYBOOK, s, COMMITTEE, MONDAY_10);
    assertThat(next.description()).isEqualTo("Call task (CHAMPION): Call the champion");
    assertThat(next.at()).isEqualTo(MONDAY_10);
  }

  @Test
  void withATaskOpenTheNextTouchComesAfterItsDueDate() {
    SequenceState s = new SequenceState();
    s.cursor = 1;
    s.progress = new SequenceState.StepProgress("call", MONDAY_10);
    s.progress.itemId = "task-1";
    s.progress.deadline = at("2027-01-06T10:00", NEW_YORK);
    NextTouch.Planned next = NextTouch.of(PLAYBOOK, s, COMMITTEE, MONDAY_10);
    assertThat(next.description()).isEqualTo("email to CHAMPION: Later");
    assertThat(next.at()).isEqualTo(at("2027-01-06T10:00", NEW_YORK));
  }

  @Test
  void pausedNothingIsDue() {
    SequenceState s = inIntro();
    s.paused = true;
    NextTouch.Planned next = NextTouch.of(PLAYBOOK, s, COMMITTEE, MONDAY_10);
    assertThat(next.description()).isEqualTo("email to ECONOMIC_BUYER, CHAMPION: Intro");
    assertThat(next.at()).isNull();
  }

  @Test
  void datesAreWrittenInEnglishWhateverTheMachinesLocale() throws Exception {
    io.abmsequencer.workflows.testing.DefaultLocale.with("th-TH-u-nu-thai", () -> {
      assertThat(String.format("%d", 9)).as("the locale took effect").isNotEqualTo("9");
      assertThat(NextTouch.when(MONDAY_10, NEW_YORK)).isEqualTo("Mon 2027-01-04 10:00 America/New_York");
      assertThat(io.abmsequencer.workflows.calendar.SendWindow.SMS_HOURS.toString()).isEqualTo("08:00-21:00");
    });
    assertThat(Locale.getDefault()).isNotEqualTo(Locale.forLanguageTag("th-TH-u-nu-thai"));
  }
}
