package io.abmsequencer.starter.inbound;

import io.abmsequencer.starter.inbound.InboundMailProperties.Protocol;
import java.util.Locale;

/**
 * One mailbox to read: where it is, how to log in, and what it is for.
 *
 * @param key stable identity of the mailbox's cursor, {@code imap://username@host:port/INBOX}
 */
public record Mailbox(String host, int port, Protocol protocol, String username, String password, MailboxPurpose purpose) {

  /** The folder read; other folders hold what users filed or sent themselves. */
  public static final String FOLDER = "INBOX";

  public String key() {
    return protocol.scheme() + "://" + username.toLowerCase(Locale.ROOT) + "@" + host + ":" + port + "/" + FOLDER;
  }

  /** How logs name it: the login and the server, never the password. */
  public String name() {
    return username + " on " + host + ":" + port;
  }

  @Override
  public String toString() {
    return "Mailbox[" + name() + ", " + purpose + "]";
  }
}
