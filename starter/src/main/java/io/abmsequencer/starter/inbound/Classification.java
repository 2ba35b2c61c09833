package io.abmsequencer.starter.inbound;

import java.time.LocalDate;
import java.util.List;

/** What a message is, judged from the message alone (no database): see {@link MessageClassifier}. */
sealed interface Classification {

  /**
   * A delivery failed for good, as the report says: whether the e-mail was ours, and to whom, is the
   * handler's to check against the ledger.
   *
   * @param failed the addresses that do not take mail; empty when a non-standard bounce names none
   *     the classifier could trust (the handler then takes the returned e-mail's recipient)
   * @param originalMessageId the Message-ID of the e-mail that bounced, when the report carries it
   * @param returned what the returned copy of that e-mail says, {@link ReturnedMessage#NONE} without one
   */
  record Bounce(List<FailedRecipient> failed, String originalMessageId, ReturnedMessage returned) implements Classification {}

  /** @param detail {@code "<status> <diagnostic-code>"}, e.g. {@code "5.1.1 550 5.1.1 User unknown"} */
  record FailedRecipient(String email, String detail) {}

  /** A delivery report that is not a permanent failure: delayed, will be retried, or delivered. */
  record Delay(String detail) implements Classification {}

  /**
   * An automatic answer (RFC 3834 headers or a known subject).
   *
   * @param outOfOffice true when it says the person is away
   * @param statedReturn the return date the text states, or null
   */
  record AutoReply(boolean outOfOffice, LocalDate statedReturn, String why) implements Classification {}

  /** A mail to the unsubscribe address. @param token the token of its subject, or null */
  record UnsubscribeRequest(String token) implements Classification {}

  /** Written by a person: a reply if it can be tied to one of our e-mails. */
  record PersonalMessage() implements Classification {}

  record Other(String why) implements Classification {}
}
