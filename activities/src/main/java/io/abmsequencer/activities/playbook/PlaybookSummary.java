package io.abmsequencer.activities.playbook;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;

/**
 * A playbook in a list: its latest version and how many there are.
 *
 * @param version the latest version
 * @param versions how many versions were uploaded
 */
public record PlaybookSummary(
    String id,
    int version,
    String name,
    Motion motion,
    Tier tier,
    Instant uploadedAt,
    String uploadedBy,
    int versions) {}
