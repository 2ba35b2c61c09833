package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A sequence's live state, answered by its status query.
 *
 * @param details where it is, in plain words ("Waiting 3 business days, next: email to CHAMPION on 2027-01-12")
 * @param stepIndex index of the current step in the playbook (0-based), or -1 once exited
 * @param nextTouch what the next touch is, or null when nothing is planned
 * @param recentTouches the last touches, newest last; the complete list is in the ledger
 * @param unreachable contacts that opted out or bounced (contact id → reason)
 */
public record SequenceStatus(
    String workflowId,
    String accountId,
    String accountName,
    Motion motion,
    Tier tier,
    String playbookId,
    int playbookVersion,
    String owner,
    SequenceStatusCode status,
    String details,
    int stepIndex,
    String currentStep,
    String nextTouch,
    Instant nextTouchAt,
    int score,
    Map<EngagementType, Integer> engagement,
    List<OpenItem> openTasks,
    List<OpenItem> openReviews,
    int touches,
    List<TouchSummary> recentTouches,
    Map<String, String> unreachable,
    boolean paused,
    ExitReason exitReason,
    Instant startedAt) {}
