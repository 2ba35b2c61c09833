package io.abmsequencer.starter.inbound;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a failing mailbox once per outage, not once per poll: a server down for a night would
 * otherwise write a warning every 30 seconds and bury everything else.
 */
final class MailboxOutages {

  private final Logger log;
  private final Map<String, String> failing = new HashMap<>();

  MailboxOutages(Logger log) {
    this.log = log;
  }

  void failed(Mailbox mailbox, String what, Exception e) {
    String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (failing.putIfAbsent(mailbox.key(), reason) == null) {
      log.warn("Inbound mail: {} for mailbox {} failed ({}); retrying every poll, logged again once it works",
          what, mailbox.name(), reason);
    } else {
      log.debug("Inbound mail: mailbox {} still failing: {}", mailbox.name(), reason);
    }
  }

  void succeeded(Mailbox mailbox) {
    String reason = failing.remove(mailbox.key());
    if (reason != null) log.info("Inbound mail: mailbox {} works again (was: {})", mailbox.name(), reason);
  }
}
