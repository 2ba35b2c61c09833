package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.channels.TouchStatus;
import java.time.Instant;

/** A touch in the sequence's short recent history (the full history is the ledger). */
public record TouchSummary(String stepId, String channel, String contactId, String role, TouchStatus status, Instant at) {}
