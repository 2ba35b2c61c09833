package io.abmsequencer.starter.inbound;

import java.util.List;

/** The mailboxes listed in {@code abm.mail.inbound.mailboxes}, on {@code abm.mail.inbound.host}. */
public final class ConfiguredMailboxes implements Mailboxes {

  private final List<Mailbox> mailboxes;

  /** @throws IllegalStateException when mailboxes are listed but no host says where they are */
  public ConfiguredMailboxes(InboundMailProperties properties) {
    if (!properties.mailboxes().isEmpty() && (properties.host() == null || properties.host().isBlank())) {
      throw new IllegalStateException(
          "abm.mail.inbound.host is not set: it is needed to read abm.mail.inbound.mailboxes"
              + " (or set abm.mail.inbound.enabled=false)");
    }
    this.mailboxes =
        properties.mailboxes().stream()
            .map(account -> new Mailbox(
                properties.host().trim(), properties.portOrDefault(), properties.protocol(),
                account.username().trim(), account.password(), account.purpose()))
            .toList();
  }

  @Override
  public List<Mailbox> list() {
    return mailboxes;
  }
}
