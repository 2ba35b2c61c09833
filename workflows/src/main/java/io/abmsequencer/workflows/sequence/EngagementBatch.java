package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.EngagementType;
import java.time.Instant;
import java.util.Map;

/**
 * Engagement coalesced since the last batch: counts per type, never one signal per click, so a
 * sequence's history stays bounded whatever the traffic. The sequence scores it with its own
 * playbook's weights.
 *
 * @param batchId unique per batch; a batch delivered twice is applied once
 * @param lastEventAt when the newest event in the batch happened
 */
public record EngagementBatch(String batchId, Map<EngagementType, Integer> counts, Instant lastEventAt) {}
