package io.abmsequencer.workflows.account;

import io.abmsequencer.workflows.playbook.Role;
import java.time.ZoneId;

/**
 * A member of the buying committee.
 *
 * @param id stable and free of PII (derived from the e-mail address), used in ledger keys and
 *     Message-IDs
 * @param phone E.164, or null
 * @param timeZone IANA zone; sends go out in this contact's send window
 * @param smsConsent true only when the contact agreed to receive text messages
 * @param linkedinUrl the person's LinkedIn profile, for the SDR's LinkedIn tasks; or null
 */
public record Contact(
    String id,
    String email,
    String firstName,
    String lastName,
    String title,
    Role role,
    String phone,
    String timeZone,
    boolean smsConsent,
    String linkedinUrl) {

  /** A contact without a LinkedIn profile on record. */
  public Contact(
      String id, String email, String firstName, String lastName, String title, Role role, String phone, String timeZone,
      boolean smsConsent) {
    this(id, email, firstName, lastName, title, role, phone, timeZone, smsConsent, null);
  }

  public ZoneId zone(ZoneId fallback) {
    return timeZone == null || timeZone.isBlank() ? fallback : ZoneId.of(timeZone);
  }

  public String fullName() {
    String first = firstName == null ? "" : firstName;
    String last = lastName == null ? "" : lastName;
    return (first + " " + last).trim();
  }
}
