package io.abmsequencer.workflows.sequence;

import static io.abmsequencer.workflows.testing.SequenceTestKit.MONDAY_9AM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an SDR or a reviewer is told when the sequence refuses their answer; nothing changes. */
class UpdateChecksTest {

  static SequenceState withOpenItems() {
    SequenceState s = new SequenceState();
    s.tier = Tier.ONE_TO_FEW;
    s.openTasks.put("t1", new OpenItem("t1", "call", "CALL", "Call the champion", MONDAY_9AM, true,
        List.of(TaskOutcome.COMPLETED, TaskOutcome.MEETING_BOOKED), null));
    s.openReviews.put("r1", new OpenItem("r1", "checkpoint", "REVIEW", "Worth a 1:1 program?", MONDAY_9AM, true, null,
        List.of(ReviewDecision.CONTINUE, ReviewDecision.CHANGE_TIER)));
    return s;
  }

  @Test
  void aTaskIsClosedOnlyWithAnOutcomeItAllows() {
    SequenceState s = withOpenItems();
    assertThatCode(() -> UpdateChecks.completeTask(new CompleteTask("t1", TaskOutcome.COMPLETED, null, "sam"), s)).doesNotThrowAnyException();
    assertThatThrownBy(() -> UpdateChecks.completeTask(new CompleteTask("t1", TaskOutcome.DISQUALIFIED, null, "sam"), s))
        .hasMessage("[OutcomeNotAllowed] Outcome DISQUALIFIED is not allowed for this task; allowed: [COMPLETED, MEETING_BOOKED]");
    assertThatThrownBy(() -> UpdateChecks.completeTask(new CompleteTask("t1", null, null, "sam"), s))
        .hasMessage("[OutcomeRequired] outcome is required: one of [COMPLETED, MEETING_BOOKED]");
    assertThatThrownBy(() -> UpdateChecks.completeTask(new CompleteTask("t9", TaskOutcome.COMPLETED, null, "sam"), s))
        .hasMessage("[TaskNotOpen] Task t9 is not open in this sequence");
    assertThatThrownBy(() -> UpdateChecks.completeTask(null, s)).hasMessage("[InvalidRequest] taskId is required");
  }

  @Test
  void aTierChangeNeedsAnotherTier() {
    SequenceState s = withOpenItems();
    assertThatThrownBy(() -> UpdateChecks.decideReview(new DecideReview("r1", ReviewDecision.CHANGE_TIER, null, null, "rita"), s))
        .hasMessage("[TierRequired] CHANGE_TIER needs the new tier");
    assertThatThrownBy(() -> UpdateChecks.decideReview(new DecideReview("r1", ReviewDecision.CHANGE_TIER, Tier.ONE_TO_FEW, null, "rita"), s))
        .hasMessage("[TierUnchanged] The account is already in tier ONE_TO_FEW");
    assertThatCode(() -> UpdateChecks.decideReview(new DecideReview("r1", ReviewDecision.CHANGE_TIER, Tier.ONE_TO_ONE, null, "rita"), s))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> UpdateChecks.decideReview(new DecideReview("r1", ReviewDecision.STOP, null, null, "rita"), s))
        .hasMessage("[DecisionNotAllowed] Decision STOP is not allowed at this review; allowed: [CONTINUE, CHANGE_TIER]");
  }

  @Test
  void anEndedSequenceSaysWhyItsItemsAreClosed() {
    SequenceState s = withOpenItems();
    s.exit = ExitReason.CANCELLED;
    assertThatThrownBy(() -> UpdateChecks.completeTask(new CompleteTask("t1", TaskOutcome.COMPLETED, null, "sam"), s))
        .hasMessage("[SequenceEnded] The sequence has ended (cancelled); its tasks are closed");
    assertThatThrownBy(() -> UpdateChecks.decideReview(new DecideReview("r1", ReviewDecision.CONTINUE, null, null, "rita"), s))
        .hasMessage("[SequenceEnded] The sequence has ended (cancelled); its reviews are closed");
  }

  @Test
  void checkingChangesNothing() {
    SequenceState s = withOpenItems();
    assertThatThrownBy(() -> UpdateChecks.completeTask(new CompleteTask("t1", TaskOutcome.DISQUALIFIED, null, "sam"), s))
        .hasMessageStartingWith("[OutcomeNotAllowed]");
    UpdateChecks.completeTask(new CompleteTask("t1", TaskOutcome.COMPLETED, null, "sam"), s);
    assertThat(s.openTasks).containsKey("t1");
    assertThat(s.openReviews).containsKey("r1");
  }
}
