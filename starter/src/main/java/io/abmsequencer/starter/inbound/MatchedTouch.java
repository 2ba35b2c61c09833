package io.abmsequencer.starter.inbound;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One of our e-mails, found in the ledger, that an inbound message answers or reports on.
 *
 * @param recipient the contact's address as the e-mail was sent to it, lower-case
 * @param accountDomain the sequence's account domain, or null when the sequence row has none
 * @param timeZone the contact's IANA time zone, or null
 */
record MatchedTouch(
    String touchKey, String workflowId, String accountId, String contactId, String recipient,
    String accountDomain, String timeZone) {

  /** True when {@code email} is the contact's own address. */
  boolean isContact(String email) {
    return email != null && email.equalsIgnoreCase(recipient);
  }

  /**
   * True when {@code email} belongs to the account's company: at the account's domain, or at the
   * contact's own domain unless that is a free-mail domain anyone can join.
   */
  boolean isSameCompany(String email) {
    if (Addresses.atDomain(email, accountDomain)) return true;
    String contactDomain = Addresses.domainOf(recipient);
    return !Addresses.isFreeMail(contactDomain) && Addresses.atDomain(email, contactDomain);
  }

  ZoneId zone() {
    try {
      return timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
