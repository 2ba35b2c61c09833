package io.abmsequencer.starter.inbound;

/**
 * What a mailbox is for. Every message is classified on its own merits wherever it arrives
 * (auto-replies go to the envelope sender, RFC 3834 §4, so out-of-office notes land in the BOUNCES
 * mailbox; some bounces go to the From address); the purpose only decides what a message means
 * when nothing else in it does.
 */
public enum MailboxPurpose {
  /** Where answers to the product's e-mails arrive (the senders' own addresses, or a shared one). */
  REPLIES,
  /** The envelope sender ({@code spring.mail.properties.mail.smtp.from}): delivery status notifications. */
  BOUNCES,
  /** The List-Unsubscribe mailto address: whoever writes here wants no more e-mail. */
  UNSUBSCRIBE
}
