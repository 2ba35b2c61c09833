package io.abmsequencer.activities.sequence;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.ExitReason;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import java.time.Instant;

/** One sequence in the read model (table {@code sequences}). */
public record SequenceRow(
    String workflowId,
    String accountId,
    String accountName,
    String domain,
    String industry,
    Motion motion,
    Tier tier,
    String playbookId,
    int playbookVersion,
    String owner,
    SequenceStatusCode status,
    String currentStep,
    String nextTouch,
    Instant nextTouchAt,
    int score,
    int touches,
    ExitReason exitReason,
    String launchId,
    Instant startedAt,
    Instant updatedAt,
    Instant exitedAt) {

  public boolean isRunning() {
    return status != SequenceStatusCode.EXITED;
  }
}
