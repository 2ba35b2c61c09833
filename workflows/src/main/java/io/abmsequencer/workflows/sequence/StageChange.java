package io.abmsequencer.workflows.sequence;

import java.time.Instant;

/** A CRM stage change for the account. */
public record StageChange(AccountStage stage, Instant changedAt) {}
