package io.abmsequencer.activities.ads;

import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import java.time.Instant;

/**
 * One contact's membership of one audience on one platform.
 *
 * @param workflowId the sequence that asked for the latest change
 * @param action the latest change asked for (for a FAILED row: the change that failed)
 * @param stepKey with {@code workflowId}, the ledger row of the step whose change this row carries;
 *     null for removals asked for outside a sequence step (an opt-out)
 * @param addedAt when the platform took the contact in; null until then
 * @param removedAt when the contact was taken out (or the add was withdrawn before it was sent)
 * @param nextAttemptAt after a 429, 5xx or I/O error: the change is not sent again before this
 * @param lastError the platform's words for the last failure
 */
public record AudienceMember(
    String audience,
    AdPlatform platform,
    String contactId,
    String workflowId,
    String accountId,
    MembershipState state,
    AudienceAction action,
    String stepKey,
    Instant addedAt,
    Instant removedAt,
    int attempts,
    Instant nextAttemptAt,
    String lastError) {

  /** True while the contact is (or is about to be) in the audience. */
  public boolean member() {
    return state == MembershipState.ACTIVE || state == MembershipState.PENDING_ADD || state == MembershipState.PENDING_REMOVE;
  }
}
