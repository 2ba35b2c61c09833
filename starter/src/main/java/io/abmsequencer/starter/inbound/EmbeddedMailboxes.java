package io.abmsequencer.starter.inbound;

import io.abmsequencer.starter.inbound.InboundMailProperties.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Embedded mode: every mailbox of the in-process mail server is read, so replies, out-of-office notes
 * and unsubscribe mails work on a first run with nothing configured. The server keeps one mailbox per
 * address it has received mail for (login = password = the address); each is read as a REPLIES
 * mailbox, except the unsubscribe address, which is read as UNSUBSCRIBE whether or not mail has
 * reached it yet. Mailboxes configured in {@code abm.mail.inbound.mailboxes} keep their purpose.
 */
public final class EmbeddedMailboxes implements Mailboxes {

  private final String host;
  private final int port;
  private final List<InboundMailProperties.MailboxAccount> configured;
  private final String unsubscribeAddress;
  private final Supplier<List<String>> addresses;

  /**
   * @param addresses the server's mailboxes, asked on every {@link #list()}
   */
  public EmbeddedMailboxes(
      String host, int port, InboundMailProperties properties, String unsubscribeAddress, Supplier<List<String>> addresses) {
    this.host = host;
    this.port = port;
    this.configured = properties.mailboxes();
    this.unsubscribeAddress = unsubscribeAddress.trim().toLowerCase(Locale.ROOT);
    this.addresses = addresses;
  }

  @Override
  public List<Mailbox> list() {
    Map<String, Mailbox> byLogin = new LinkedHashMap<>();
    for (InboundMailProperties.MailboxAccount account : configured) {
      put(byLogin, account.username(), account.password(), account.purpose());
    }
    put(byLogin, unsubscribeAddress, unsubscribeAddress, MailboxPurpose.UNSUBSCRIBE);
    for (String address : addresses.get()) {
      put(byLogin, address, address, MailboxPurpose.REPLIES);
    }
    return new ArrayList<>(byLogin.values());
  }

  private void put(Map<String, Mailbox> byLogin, String username, String password, MailboxPurpose purpose) {
    String login = username.trim().toLowerCase(Locale.ROOT);
    byLogin.putIfAbsent(login, new Mailbox(host, port, Protocol.IMAP, login, password, purpose));
  }
}
