package io.abmsequencer.workflows.digest;

import java.time.LocalDate;

/**
 * One week's digest for one owner.
 *
 * @param week the Monday it is for (idempotency: one digest per owner and week)
 */
public record DigestRequest(String owner, String email, String timeZone, LocalDate week) {}
