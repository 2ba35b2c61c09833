package io.abmsequencer.starter.scorecard;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.ExitReason;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The ABM scorecard for one filter: the totals, the same per playbook, exits by reason and the
 * weekly average score. Every rate is a share of accounts or contacts, never of leads.
 *
 * @param from start of the period ({@code to} minus the filter's days)
 * @param to when it was computed
 */
record Scorecard(ScorecardFilter filter, Instant from, Instant to, Metrics total, List<Metrics> byPlaybook, List<Trend> trend) {

  /**
   * The metrics of one group of sequences (a playbook, or all of the filter).
   *
   * @param accounts target accounts: accounts with a sequence live in the period
   * @param engagedAccounts of those, accounts with at least one engagement event in the last 30 days
   * @param contacts committee members of their sequences (account and person counted once)
   * @param contacted of those, people sent at least one e-mail or text (SENT, or DRY_RUN where the
   *     channel runs dry)
   * @param engagedContacts of those, people with an engagement event from their address in the period
   * @param accountsWithEngagedBuyer accounts with at least one engaged committee member
   * @param averageScore the sequences' current score (read model), or null without sequences
   * @param meetings accounts with a meeting in the period (a MEETING_BOOKED event, or a sequence ending on one)
   * @param opportunities accounts with an opportunity in the period (CRM stage OPPORTUNITY, or a sequence ending on one)
   * @param exitsByReason sequences that ended in the period, per reason, most frequent first
   */
  record Metrics(Motion motion, Tier tier, String playbookId, String playbookName, long accounts, long engagedAccounts, long contacts,
      long contacted, long engagedContacts, long accountsWithEngagedBuyer, Double averageScore, long meetings, long opportunities,
      Map<ExitReason, Long> exitsByReason) {

    public Integer engagementRate() {
      return percent(engagedAccounts, accounts);
    }

    public Integer contactedRate() {
      return percent(contacted, contacts);
    }

    public Integer engagedContactRate() {
      return percent(engagedContacts, contacts);
    }

    public Integer engagedBuyerRate() {
      return percent(accountsWithEngagedBuyer, accounts);
    }

    public Integer opportunityRate() {
      return percent(opportunities, accounts);
    }

    public long exits() {
      return exitsByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rounded to the nearest whole percent; null when there is nothing to divide by. */
    static Integer percent(long part, long whole) {
      return whole == 0 ? null : (int) Math.round(100.0 * part / whole);
    }
  }

  /**
   * One weekly point of the score trend.
   *
   * @param weekEnding the day the week ends (the last point ends now)
   * @param accounts target accounts whose sequence had started by then
   * @param averageScore what their engagement events had earned by then, default weights, on
   *     average; null without accounts
   */
  record Trend(LocalDate weekEnding, long accounts, Double averageScore) {}

  /** The trend's last point minus the one four weeks before, or null when either is missing. */
  public Double changeOverFourWeeks() {
    if (trend.size() < 5) return null;
    Double now = trend.get(trend.size() - 1).averageScore();
    Double before = trend.get(trend.size() - 5).averageScore();
    return now == null || before == null ? null : now - before;
  }
}
