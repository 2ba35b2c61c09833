package io.abmsequencer.starter.scorecard;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import java.util.List;

/**
 * Which sequences the scorecard counts: a motion, a tier, a playbook (null = all) and a period.
 *
 * @param days the period, ending now: sequences live at some point in it are the target accounts;
 *     exits, meetings, opportunities and engaged buyers are counted in it
 */
record ScorecardFilter(Motion motion, Tier tier, String playbookId, int days) {
  static final List<Integer> PERIODS = List.of(30, 90, 180, 365);
  static final int DEFAULT_DAYS = 90;

  ScorecardFilter {
    playbookId = playbookId == null || playbookId.isBlank() ? null : playbookId.trim();
    if (!PERIODS.contains(days)) days = DEFAULT_DAYS;
  }

  static ScorecardFilter all() {
    return new ScorecardFilter(null, null, null, DEFAULT_DAYS);
  }

  /** Weekly points of the score trend: 12 for a month or a quarter, 26 beyond. */
  int weeks() {
    return days <= 90 ? 12 : 26;
  }
}
