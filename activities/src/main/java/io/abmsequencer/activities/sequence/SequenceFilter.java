package io.abmsequencer.activities.sequence;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;

/**
 * What a sequence list is narrowed to; every field is optional (null = any). Scores are inclusive.
 * Start from {@link #all()} and add what the user asked for.
 */
public record SequenceFilter(
    SequenceStatusCode status,
    Motion motion,
    Tier tier,
    String playbookId,
    String owner,
    String accountId,
    Integer minScore,
    Integer maxScore,
    String launchId) {

  public static SequenceFilter all() {
    return new SequenceFilter(null, null, null, null, null, null, null, null, null);
  }

  public SequenceFilter withStatus(SequenceStatusCode value) {
    return new SequenceFilter(value, motion, tier, playbookId, owner, accountId, minScore, maxScore, launchId);
  }

  public SequenceFilter withMotion(Motion value) {
    return new SequenceFilter(status, value, tier, playbookId, owner, accountId, minScore, maxScore, launchId);
  }

  public SequenceFilter withTier(Tier value) {
    return new SequenceFilter(status, motion, value, playbookId, owner, accountId, minScore, maxScore, launchId);
  }

  public SequenceFilter withPlaybookId(String value) {
    return new SequenceFilter(status, motion, tier, value, owner, accountId, minScore, maxScore, launchId);
  }

  public SequenceFilter withOwner(String value) {
    return new SequenceFilter(status, motion, tier, playbookId, value, accountId, minScore, maxScore, launchId);
  }

  public SequenceFilter withAccountId(String value) {
    return new SequenceFilter(status, motion, tier, playbookId, owner, value, minScore, maxScore, launchId);
  }

  public SequenceFilter withScoreBetween(Integer min, Integer max) {
    return new SequenceFilter(status, motion, tier, playbookId, owner, accountId, min, max, launchId);
  }

  public SequenceFilter withLaunchId(String value) {
    return new SequenceFilter(status, motion, tier, playbookId, owner, accountId, minScore, maxScore, value);
  }
}
