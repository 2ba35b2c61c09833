package io.abmsequencer.starter.inbound;

import java.util.List;

/**
 * The mailboxes to read, asked again before every poll, because in embedded mode a mailbox appears
 * whenever mail reaches a new address.
 */
public interface Mailboxes {

  List<Mailbox> list();
}
