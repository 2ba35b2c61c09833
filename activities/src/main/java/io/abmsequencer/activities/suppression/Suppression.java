package io.abmsequencer.activities.suppression;

import io.abmsequencer.activities.ledger.Channel;
import java.time.Instant;

/** @param address normalised: lower-case e-mail, or E.164 phone */
public record Suppression(
    Channel channel, String address, SuppressionReason reason, String detail, Instant createdAt, String createdBy) {}
