package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.Tier;

/** @param tier the new tier, with CHANGE_TIER only */
public record DecideReview(String reviewId, ReviewDecision decision, Tier tier, String note, String by) {}
