package io.abmsequencer.activities.weekly;

import io.abmsequencer.workflows.playbook.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The weekly account review: what sales and marketing go through together every week, per owner
 * and tier. Computed by {@link WeeklyReviewRepository} as of an instant; the console's weekly page
 * and the Monday digest show the same.
 *
 * @param owner the owner it is filtered by; null for everyone
 * @param tier the tier it is filtered by; null for every tier
 * @param advanced score up in the last 7 days, a stage moved forward, or a meeting or opportunity
 * @param stalled no engagement in 30 days (sequences running at least that long), or overdue SDR tasks
 * @param decisions open review checkpoints
 * @param hot hot-account alerts raised in the last 7 days
 */
public record WeeklyReview(
    String owner, Tier tier, Instant asOf, List<Advanced> advanced, List<Stalled> stalled, List<Decision> decisions,
    List<HotAccount> hot) {

  /** "The last 7 days" of the review. */
  public static final Duration WEEK = Duration.ofDays(7);
  /** How long without engagement before a running account counts as stalled. */
  public static final Duration QUIET = Duration.ofDays(30);

  public WeeklyReview {
    advanced = List.copyOf(advanced);
    stalled = List.copyOf(stalled);
    decisions = List.copyOf(decisions);
    hot = List.copyOf(hot);
  }

  /** Which sequence, whose, and how it scores now (the read model's score). */
  public record Account(String workflowId, String accountId, String accountName, Tier tier, String owner, int score) {}

  /**
   * @param points what the week's engagement earned with the default weights (the sequence's own
   *     score uses its playbook's weights)
   * @param why plain words: "+30 this week: 2 × pricing page visit" or "stage: opportunity"
   */
  public record Advanced(Account account, int points, String why) {}

  /**
   * @param lastEngagement the account's latest engagement event, or null when it never engaged
   * @param overdueTasks open SDR tasks past their due date
   */
  public record Stalled(Account account, Instant lastEngagement, int overdueTasks, Instant oldestDue, String why) {}

  public record Decision(Account account, String reviewId, String question, Instant openedAt, Instant dueAt) {}

  public record HotAccount(Account account, String taskId, String reason, Instant raisedAt, String state) {}

  /** One line of the summary table: the four counts of one owner and tier. */
  public record Line(String owner, Tier tier, int advanced, int stalled, int decisions, int hot) {}

  public boolean isEmpty() {
    return advanced.isEmpty() && stalled.isEmpty() && decisions.isEmpty() && hot.isEmpty();
  }

  /** "3 advanced, 2 stalled, 1 review waiting, 1 new hot account", or "nothing to report". */
  public String summary() {
    if (isEmpty()) return "nothing to report";
    List<String> parts = new ArrayList<>();
    if (!advanced.isEmpty()) parts.add(advanced.size() + " advanced");
    if (!stalled.isEmpty()) parts.add(stalled.size() + " stalled");
    if (!decisions.isEmpty()) parts.add(decisions.size() + (decisions.size() == 1 ? " review waiting" : " reviews waiting"));
    if (!hot.isEmpty()) parts.add(hot.size() + (hot.size() == 1 ? " new hot account" : " new hot accounts"));
    return String.join(", ", parts);
  }

  /** The counts per owner and tier, owners in alphabetical order, tiers 1:1 first. */
  public List<Line> lines() {
    Map<String, int[]> counts = new TreeMap<>();
    advanced.forEach(a -> count(counts, a.account(), 0));
    stalled.forEach(a -> count(counts, a.account(), 1));
    decisions.forEach(a -> count(counts, a.account(), 2));
    hot.forEach(a -> count(counts, a.account(), 3));
    List<Line> lines = new ArrayList<>();
    counts.forEach((key, c) -> {
      int cut = key.lastIndexOf('\u0000');
      lines.add(new Line(key.substring(0, cut), Tier.values()[Integer.parseInt(key.substring(cut + 1))], c[0], c[1], c[2], c[3]));
    });
    return lines;
  }

  private static void count(Map<String, int[]> counts, Account account, int column) {
    String key = Objects.requireNonNullElse(account.owner(), "") + '\u0000' + account.tier().ordinal();
    counts.computeIfAbsent(key, k -> new int[4])[column]++;
  }
}
