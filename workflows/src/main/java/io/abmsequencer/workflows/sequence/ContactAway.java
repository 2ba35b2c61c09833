package io.abmsequencer.workflows.sequence;

import java.time.Instant;

/**
 * A contact is away (an out-of-office reply): touches to them wait until {@code until}, then
 * resume; the rest of the committee is not held up.
 *
 * @param reason in plain words, e.g. "out of office until 2027-01-12 (auto-reply)"
 */
public record ContactAway(String contactId, Instant until, String reason) {}
