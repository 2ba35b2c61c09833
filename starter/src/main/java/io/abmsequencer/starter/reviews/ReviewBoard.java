package io.abmsequencer.starter.reviews;

import io.abmsequencer.activities.ledger.TouchQueries;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.reviews.ReviewRow;
import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.activities.tasks.TaskInbox;
import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.starter.engagement.AccountEngagement;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Open review checkpoints with what sales and marketing look at before deciding: the score and its
 * weekly trend, the touches so far, the replies, the SDR work still open.
 */
@Service
class ReviewBoard {
  static final int PAGE_SIZE = 10;
  static final int WEEKS = 12;
  static final int LAST_TOUCHES = 3;
  static final int LAST_REPLIES = 3;
  /** Outcomes that count as a touch made (a suppressed or skipped one reached nobody). */
  private static final Set<String> MADE = Set.of("SENT", "DRY_RUN");

  /**
   * One checkpoint in context.
   *
   * @param score the account's score now
   * @param touches touches made so far (sent or recorded dry)
   * @param replies EMAIL_REPLY events of the account; replyTasks the reply tasks of the sequence
   * @param otherTiers where CHANGE_TIER may move the account
   */
  record Context(ReviewRow review, boolean overdue, int score, Sparkline trend, int touches, List<TouchRow> lastTouches,
      List<AccountEngagement.Event> replies, List<TaskRow> replyTasks, List<TaskRow> openTasks, List<Tier> otherTiers) {

    /** The tier choice is shown only where the playbook offers CHANGE_TIER at this checkpoint. */
    public boolean offersTierChange() {
      return review.decisions().contains(ReviewDecision.CHANGE_TIER);
    }
  }

  record Page(List<Context> items, int page, boolean hasNext) {}

  private final ReviewService reviews;
  private final SequenceRepository sequences;
  private final TouchQueries ledger;
  private final TaskInbox tasks;
  private final AccountEngagement engagement;

  ReviewBoard(ReviewService reviews, SequenceRepository sequences, TouchQueries ledger, TaskInbox tasks, AccountEngagement engagement) {
    this.reviews = reviews;
    this.sequences = sequences;
    this.ledger = ledger;
    this.tasks = tasks;
    this.engagement = engagement;
  }

  Page page(int page) {
    List<ReviewRow> rows = reviews.open(PAGE_SIZE + 1, page * PAGE_SIZE);
    Instant now = Instant.now();
    List<Context> items = rows.stream().limit(PAGE_SIZE).map(r -> context(r, now)).toList();
    return new Page(items, page, rows.size() > PAGE_SIZE);
  }

  private Context context(ReviewRow review, Instant now) {
    int score = sequences.find(review.workflowId()).map(SequenceRow::score).orElse(review.score());
    Sparkline trend = new Sparkline(engagement.weeklyPoints(review.workflowId(), review.accountId(), WEEKS));
    List<TouchRow> touches = ledger.forWorkflow(review.workflowId());
    List<TouchRow> made = touches.stream().filter(t -> MADE.contains(t.status())).toList();
    List<TaskRow> sequenceTasks = tasks.forWorkflow(review.workflowId());
    return new Context(review, review.dueAt().isBefore(now), score, trend, made.size(),
        touches.stream().limit(LAST_TOUCHES).toList(),
        engagement.replies(review.accountId(), LAST_REPLIES),
        sequenceTasks.stream().filter(t -> t.type() == TaskType.REPLY_RECEIVED).toList(),
        sequenceTasks.stream().filter(TaskRow::isOpen).toList(),
        Arrays.stream(Tier.values()).filter(t -> t != review.tier()).toList());
  }
}
