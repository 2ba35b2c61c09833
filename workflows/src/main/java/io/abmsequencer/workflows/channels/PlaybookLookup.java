package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;

/** By id when {@code playbookId} is set, else by motion and tier. */
public record PlaybookLookup(String playbookId, Motion motion, Tier tier) {

  public static PlaybookLookup byId(String playbookId) {
    return new PlaybookLookup(playbookId, null, null);
  }

  public static PlaybookLookup forTier(Motion motion, Tier tier) {
    return new PlaybookLookup(null, motion, tier);
  }
}
