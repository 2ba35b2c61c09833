package io.abmsequencer.activities.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message that keeps the Message-ID it is given: Jakarta Mail would otherwise make a new one on
 * every save. A re-sent touch or digest carries the id fixed on its first attempt, so mail systems
 * recognise the second copy as a duplicate.
 */
public final class FixedIdMimeMessage extends MimeMessage {
  private final String messageId;

  public FixedIdMimeMessage(Session session, String messageId) {
    super(session);
    this.messageId = messageId;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
