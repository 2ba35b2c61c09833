package io.abmsequencer.activities.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.workflows.channels.ReviewClose;
import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InboxReviewsTest extends DatabaseTest {
  private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");

  @Autowired InboxReviews reviews;
  @Autowired ReviewInbox inbox;

  @Test
  void openingTwiceKeepsOneReview() {
    reviews.open(review("r-1", 3));
    reviews.open(new ReviewOpen("r-1", "wf-x", "other", "Other", "kim", "s", "Changed?", List.of(), Tier.ONE_TO_MANY, 0, 0, NOW, NOW));

    ReviewRow row = inbox.find("r-1").orElseThrow();
    assertThat(row).isEqualTo(new ReviewRow("r-1", "wf-r-1", "acme", "Acme", "sam", "review-1", "Keep going?",
        List.of(ReviewDecision.CONTINUE, ReviewDecision.STOP, ReviewDecision.CHANGE_TIER), Tier.ONE_TO_FEW, 42, 7,
        TaskState.OPEN, null, null, null, null, NOW.plusSeconds(86400L * 3), NOW, null));
    assertThat(inbox.forWorkflow("wf-r-1")).hasSize(1);
  }

  @Test
  void decidesOnlyWhileOpen() {
    reviews.open(review("r-2", 1));

    reviews.close(new ReviewClose("r-2", TaskState.DONE, ReviewDecision.CHANGE_TIER, Tier.ONE_TO_ONE, "hot", "lead", NOW));
    reviews.close(new ReviewClose("r-2", TaskState.EXPIRED, null, null, null, "workflow", NOW.plusSeconds(5)));

    ReviewRow row = inbox.find("r-2").orElseThrow();
    assertThat(row.state()).isEqualTo(TaskState.DONE);
    assertThat(row.decision()).isEqualTo(ReviewDecision.CHANGE_TIER);
    assertThat(row.newTier()).isEqualTo(Tier.ONE_TO_ONE);
    assertThat(row.decidedBy()).isEqualTo("lead");
    assertThat(row.closedAt()).isEqualTo(NOW);
  }

  @Test
  void openReviewsAreListedByDueDate() {
    reviews.open(review("later", 9));
    reviews.open(review("sooner", 2));
    reviews.open(review("closed", 1));
    reviews.close(new ReviewClose("closed", TaskState.CANCELLED, null, null, null, "workflow", NOW));

    assertThat(inbox.open(10, 0)).extracting(ReviewRow::reviewId).containsSubsequence("sooner", "later")
        .doesNotContain("closed");
    assertThat(inbox.open(10, 0)).extracting(ReviewRow::dueAt).isSorted();
    assertThat(inbox.open(1, 0)).hasSize(1);
  }

  private static ReviewOpen review(String id, int dueInDays) {
    return new ReviewOpen(id, "wf-" + id, "acme", "Acme", "sam", "review-1", "Keep going?",
        List.of(ReviewDecision.CONTINUE, ReviewDecision.STOP, ReviewDecision.CHANGE_TIER), Tier.ONE_TO_FEW, 42, 7,
        NOW.plusSeconds(86400L * dueInDays), NOW);
  }
}
