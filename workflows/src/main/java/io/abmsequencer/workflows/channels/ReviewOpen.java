package io.abmsequencer.workflows.channels;

import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;
import java.util.List;

/**
 * A checkpoint for sales and marketing, with the context they decide on.
 *
 * @param touches touches sent so far
 */
public record ReviewOpen(
    String reviewId,
    String workflowId,
    String accountId,
    String accountName,
    String owner,
    String stepId,
    String question,
    List<ReviewDecision> decisions,
    Tier tier,
    int score,
    int touches,
    Instant dueAt,
    Instant createdAt) {}
