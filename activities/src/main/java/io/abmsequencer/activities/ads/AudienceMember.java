package io.abmsequencer.activities.ads;

import io.abmsequencer.workflows.playbook.AdPlatform;
import java.time.Instant;

/** @param removedAt null while the contact is in the audience */
public record AudienceMember(
    String audience,
    AdPlatform platform,
    String contactId,
    String workflowId,
    String accountId,
    Instant addedAt,
    Instant removedAt) {}
