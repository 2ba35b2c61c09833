package io.abmsequencer.starter.inbound;

import java.util.Locale;

/** What an inbound message turned out to be: the {@code kind} tag of {@code abm.inbound} and of {@code inbound_messages}. */
public enum InboundKind {
  /** A person answered one of our e-mails (the contact, or a colleague at the account's domain). */
  REPLY,
  /** An out-of-office note from a contact. */
  AWAY,
  /** A permanent delivery failure. */
  BOUNCE,
  /** A request to unsubscribe by mail. */
  UNSUBSCRIBE,
  /** Any other automatic answer (ticket confirmations, "we got your message"), or an absence nobody could be tied to. */
  AUTO_REPLY,
  /** A delivery report without a permanent failure (delayed, will retry). */
  DELAY,
  /** A copy of one of our own e-mails (in embedded mode the recipients' mailboxes are read too). */
  OWN,
  /** Anything else: nothing is done. */
  OTHER;

  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
