package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;

/** @param decision null unless {@code state} is DONE; {@code tier} only with CHANGE_TIER */
public record ReviewClose(
    String reviewId,
    TaskState state,
    ReviewDecision decision,
    Tier tier,
    String note,
    String decidedBy,
    Instant closedAt) {}
