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

  @Test
  void theExampleCommitteeCoversEveryRole() {
    assertThat(Timeline.exampleCommittee(playbook)).extracting(Timeline.Recipient::role).containsExactly(Role.values());
  }
}
