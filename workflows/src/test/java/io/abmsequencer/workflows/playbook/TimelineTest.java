package io.abmsequencer.workflows.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.testing.SequenceTestKit;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  static final ZoneId NY = ZoneId.of("America/New_York");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  final Playbook playbook = SequenceTestKit.playbook("""
      id: preview
      name: Preview
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      calendar: {timeZone: America/New_York}
      steps:
        - id: intro
          email: {to: [CHAMPION, TECHNICAL_EVALUATOR], subject: "Hi", body: "Hi"}
        - id: gap
          wait: 3 business days
        - id: text
          sms: {to: [INFLUENCER], body: "Hi"}
        - id: call
          when: score >= 30
          task: {type: CALL, to: CHAMPION, title: "Call", due: 2 business days}
        - id: check
          review: {question: "Go on?", due: 5 business days}
      """);

  final List<Timeline.Recipient> committee = List.of(
      new Timeline.Recipient("c1", "Chris", Role.CHAMPION, NY, false),
      new Timeline.Recipient("c2", "Taro", Role.TECHNICAL_EVALUATOR, TOKYO, false));

  @Test
  void datesEveryLineWithBusinessDaysAndEachRecipientsWindow() {
    List<Timeline.Entry> plan = Timeline.plan(playbook, 0, SequenceTestKit.at("2027-01-08T16:00", NY), committee, null);
    assertThat(plan).extracting(Timeline.Entry::stepId, Timeline.Entry::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("intro", Timeline.Kind.EMAIL),
        org.assertj.core.groups.Tuple.tuple("intro", Timeline.Kind.EMAIL),
        org.assertj.core.groups.Tuple.tuple("gap", Timeline.Kind.WAIT),
        org.assertj.core.groups.Tuple.tuple("text", Timeline.Kind.SKIPPED),
        org.assertj.core.groups.Tuple.tuple("call", Timeline.Kind.TASK),
        org.assertj.core.groups.Tuple.tuple("check", Timeline.Kind.REVIEW));
    // Friday 16:00 New York: the champion now, Tokyo on Monday 09:00 Tokyo time.
    assertThat(plan.get(0).at()).isEqualTo(SequenceTestKit.at("2027-01-08T16:00", NY));
    assertThat(plan.get(1).at()).isEqualTo(SequenceTestKit.at("2027-01-11T09:00", TOKYO));
    // The wait starts when the last e-mail went out (Sunday 19:00 New York) and counts business days.
    assertThat(plan.get(2).until()).isEqualTo(SequenceTestKit.at("2027-01-13T19:00", NY));
    assertThat(plan.get(3).description()).contains("skipped: nobody on the committee to reach");
    assertThat(plan.get(4).guard()).isEqualTo("only if score >= 30");
    assertThat(plan.get(4).at()).isEqualTo(SequenceTestKit.at("2027-01-14T09:00", NY));
    assertThat(plan.get(4).until()).isEqualTo(SequenceTestKit.at("2027-01-18T09:00", NY));
    assertThat(plan.get(5).at()).isEqualTo(plan.get(4).until());
  }

  @Test
  void aKnownScoreLeavesOutStepsWhoseGuardFails() {
    List<Timeline.Entry> plan = Timeline.plan(playbook, 0, SequenceTestKit.at("2027-01-04T10:00", NY), committee, 10);
    assertThat(plan).extracting(Timeline.Entry::stepId).doesNotContain("call");
  }

  static final Playbook LATE = PlaybookParser.parseStored("""
      id: late
      name: Late
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      calendar: {timeZone: America/New_York, sendWindow: "21:00-24:00"}
      steps:
        - id: text
          sms: {to: [CHAMPION], body: "Hi"}
        - id: mail
          email: {to: [CHAMPION], subject: "Hi", body: "Hi"}
      """).withVersion(1);

  /** What the preview and the sequence both follow: no text outside the SMS hours, and why. */
  @Test
  void aTextWhoseSendWindowNeverMeetsTheSmsHoursIsPlannedSkippedWithTheReason() {
    List<Timeline.Recipient> texting = List.of(new Timeline.Recipient("c1", "Chris", Role.CHAMPION, NY, true));
    List<Timeline.Entry> plan = Timeline.plan(LATE, 0, SequenceTestKit.at("2027-01-04T10:00", NY), texting, null);
    assertThat(plan).extracting(Timeline.Entry::stepId, Timeline.Entry::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("text", Timeline.Kind.SKIPPED),
        org.assertj.core.groups.Tuple.tuple("mail", Timeline.Kind.EMAIL));
    assertThat(plan.get(0).description()).isEqualTo("text message to CHAMPION — skipped: texts go out only in the SMS hours, "
        + "08:00-21:00 in each person's time zone, and the send window 21:00-24:00 never meets them");
    assertThat(plan.get(1).at()).isEqualTo(SequenceTestKit.at("2027-01-04T21:00", NY));
    assertThat(Timeline.textsNeverGoOut(playbook.calendar())).isNull();

    // Sequences from before "kept-promises" planned (and sent) it in the send window alone.
    List<Timeline.Entry> before = Timeline.plan(LATE, 0, SequenceTestKit.at("2027-01-04T10:00", NY), texting, null, false);
    assertThat(before.get(0).kind()).isEqualTo(Timeline.Kind.SMS);
    assertThat(before.get(0).at()).isEqualTo(SequenceTestKit.at("2027-01-04T21:00", NY));
  }

  @Test
  void someoneOutOfOfficeIsPlannedForWhenTheyAreBack() {
    var back = SequenceTestKit.at("2027-01-06T00:00", NY);
    List<Timeline.Recipient> away = List.of(
        new Timeline.Recipient("c1", "Chris", Role.CHAMPION, NY, false, back),
        new Timeline.Recipient("c2", "Taro", Role.TECHNICAL_EVALUATOR, TOKYO, false));
    List<Timeline.Entry> plan = Timeline.plan(playbook, 0, SequenceTestKit.at("2027-01-04T10:00", NY), away, null);
    assertThat(plan.get(0).recipient().name()).isEqualTo("Taro");
    assertThat(plan.get(1).recipient().name()).isEqualTo("Chris");
    assertThat(plan.get(1).at()).isEqualTo(SequenceTestKit.at("2027-01-06T09:00", NY));
  }

  @Test
  void theExampleCommitteeCoversEveryRole() {
    assertThat(Timeline.exampleCommittee(playbook)).extracting(Timeline.Recipient::role).containsExactly(Role.values());
  }
}
