package io.abmsequencer.starter.inbound;

import java.time.Instant;

/**
 * What the product does with mail that comes back: the IMAP poller classifies each message and
 * calls one of these; the implementation (consent, engagement, sequences, inbox) lives elsewhere.
 * Every method must be idempotent: a message may be handed over again after a crash.
 */
public interface InboundActions {

  /**
   * A delivery status notification says the address does not exist (permanent failure). Called only
   * for the recipient of an e-mail the report proves we sent.
   */
  void bounced(String email, String detail);

  /**
   * Someone asked to unsubscribe by mail (the List-Unsubscribe mailto).
   *
   * @param contactId from the signed token in the subject, or null when the sender was authenticated instead
   * @param email the address to suppress (the token's contact's, else the authenticated From address)
   */
  void unsubscribed(String contactId, String email, String how);

  /** A person answered one of our e-mails. */
  void replied(Reply reply);

  /**
   * A message that may be a reply but proves nothing: it names none of our e-mails in its thread
   * headers and its sender is not authenticated, so anyone could have written it under the
   * contact's address. A person must confirm it before the sequence hears of it; nothing else may
   * change.
   */
  void possibleReply(Reply reply);

  /** An out-of-office auto-reply: hold that contact's touches until they are back. */
  void away(Away away);

  /**
   * @param touchKey the ledger key of the e-mail answered (matched by In-Reply-To / References, else the
   *     latest e-mail to the sender)
   * @param contactId the contact that e-mail went to
   * @param fromEmail who answered: the contact, or a colleague at the account's domain
   * @param sameCompanyColleague true when the answer came from another person at the account's domain
   * @param messageId the reply's own Message-ID (for idempotency), or a stable substitute
   */
  record Reply(
      String touchKey, String workflowId, String accountId, String contactId, String fromEmail, String fromName,
      boolean sameCompanyColleague, String subject, String excerpt, Instant receivedAt, String messageId) {}

  /**
   * @param until the return date the message states, or now + the configured default
   * @param stated true when the date came from the message, false when it is the default
   */
  record Away(
      String touchKey, String workflowId, String contactId, String email, Instant until, boolean stated, String reason,
      String messageId) {}
}
