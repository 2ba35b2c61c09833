package io.abmsequencer.starter.launch;

import io.abmsequencer.workflows.playbook.Role;

/**
 * A validated member of an account's buying committee, read from one row of the file.
 *
 * @param row the line of the file where this contact's record starts
 * @param contactId {@code ContactIds.of(email)}: stable and free of PII
 * @param email trimmed, case as written
 * @param lastName null when empty
 * @param title null when empty
 * @param phone E.164 (e.g. +14155550100), or null
 * @param timeZone an IANA zone id that {@code ZoneId.of} accepts, or null for the playbook's
 *     default
 * @param smsConsent true only when the file said so
 */
public record TargetContact(
    int row,
    String contactId,
    String email,
    String firstName,
    String lastName,
    String title,
    Role role,
    String phone,
    String timeZone,
    boolean smsConsent,
    String linkedinUrl) {}
