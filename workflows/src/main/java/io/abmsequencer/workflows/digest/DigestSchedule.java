package io.abmsequencer.workflows.digest;

/**
 * Whose Monday digest, where it goes, in which time zone.
 *
 * @param owner the owner identity the weekly review is filtered by
 * @param email where the digest is sent
 * @param timeZone IANA zone: the digest goes out Monday 08:00 there
 */
public record DigestSchedule(String owner, String email, String timeZone) {}
