package io.abmsequencer.starter.inbound;

import io.abmsequencer.starter.inbound.ImapMailboxes.Candidate;
import io.abmsequencer.starter.inbound.ImapMailboxes.Fetched;
import io.abmsequencer.starter.inbound.ImapMailboxes.OpenMailbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Reads the mail that comes back — replies, bounces, out-of-office notes, unsubscribe mails — from
 * every mailbox over IMAP, and hands each message, classified, to {@link InboundActions}.
 *
 * <p><b>Once per message, across restarts.</b> Each mailbox has a stored cursor (UIDVALIDITY and
 * the last UID handled); each handled message a row in {@code inbound_messages}, keyed by its
 * Message-ID (so a copy in a second mailbox is skipped too). Messages are handled in UID order; the
 * cursor moves past a message in the same statement that records it, after its action returned. An
 * action that throws stops that mailbox for this poll, and the message is tried again next poll.
 * When the server reports another UIDVALIDITY the mailbox is read again from the start and the
 * recorded messages are skipped. The one window left — a crash after an action and before the
 * record — hands the message over again, which {@link InboundActions} must tolerate.
 *
 * <p><b>Failures.</b> A mailbox that cannot be read (login refused, server down) is logged once per
 * outage with its name and tried again next poll; the other mailboxes are read regardless.
 *
 * <p><b>Threads.</b> One poll at a time: the scheduled poll and {@link #pollNow()} take the same
 * lock, so {@link InboundActions} is never called concurrently by this poller. Mailboxes are read
 * one after another. Run one poller per database: two processes reading the same mailboxes could
 * both act on a message before either recorded it.
 *
 * <p>Bounces come back to the envelope sender: set {@code spring.mail.properties.mail.smtp.from} to
 * the BOUNCES mailbox's address, or they go to whoever the From header names.
 */
public class InboundMailPoller {

  private static final Logger log = LoggerFactory.getLogger(InboundMailPoller.class);

  private final Mailboxes mailboxes;
  private final ImapMailboxes imap;
  private final InboundStore store;
  private final InboundHandler handler;
  private final MeterRegistry meters;
  private final MailboxOutages outages = new MailboxOutages(log);
  private final ReentrantLock polling = new ReentrantLock();

  InboundMailPoller(Mailboxes mailboxes, ImapMailboxes imap, InboundStore store, InboundHandler handler, MeterRegistry meters) {
    this.mailboxes = mailboxes;
    this.imap = imap;
    this.store = store;
    this.handler = handler;
    this.meters = meters;
  }

  @Scheduled(fixedDelayString = "${abm.mail.inbound.poll-interval:30s}")
  void scheduledPoll() {
    try {
      pollNow();
    } catch (RuntimeException e) {
      log.warn("Inbound mail: the poll failed; retrying on the next one: {}", e.toString());
    }
  }

  /** Reads every mailbox once, now; returns how many messages were handled (not counting skipped copies). */
  public int pollNow() {
    polling.lock();
    try {
      int handled = 0;
      for (Mailbox mailbox : mailboxes.list()) {
        handled += poll(mailbox);
      }
      return handled;
    } finally {
      polling.unlock();
    }
  }

  private int poll(Mailbox mailbox) {
    OpenMailbox open;
    try {
      open = imap.open(mailbox);
    } catch (MessagingException | RuntimeException e) {
      outages.failed(mailbox, "logging in", e);
      return 0;
    }
    try (open) {
      int handled = read(mailbox, open);
      outages.succeeded(mailbox);
      return handled;
    } catch (MessagingException e) {
      outages.failed(mailbox, "reading", e);
    } catch (RuntimeException e) {
      outages.failed(mailbox, "handling a message", e);
    }
    return 0;
  }

  private int read(Mailbox mailbox, OpenMailbox open) throws MessagingException {
    long validity = open.uidValidity();
    Optional<InboundStore.Cursor> cursor = store.cursor(mailbox.key());
    long lastUid = 0;
    if (cursor.isPresent() && cursor.get().uidValidity() == validity) {
      lastUid = cursor.get().lastUid();
    } else if (cursor.isPresent()) {
      log.info("Inbound mail: mailbox {} has a new UIDVALIDITY ({} -> {}); reading it again, skipping what was handled",
          mailbox.name(), cursor.get().uidValidity(), validity);
    }
    List<Candidate> candidates = open.after(lastUid);
    if (candidates.isEmpty() && (cursor.isEmpty() || cursor.get().uidValidity() != validity)) {
      store.advance(mailbox.key(), validity, lastUid);
    }
    int handled = 0;
    for (Candidate candidate : candidates) {
      String key = candidate.messageId() != null
          ? candidate.messageId()
          : mailbox.key() + "/" + validity + "/" + candidate.uid();
      if (store.handled(key)) {
        store.advance(mailbox.key(), validity, candidate.uid());
        continue;
      }
      handle(mailbox, validity, candidate, key);
      handled++;
    }
    return handled;
  }

  private void handle(Mailbox mailbox, long validity, Candidate candidate, String key) throws MessagingException {
    Fetched fetched = candidate.load();
    InboundMessage message = InboundMessage.of(fetched.message(), fetched.receivedAt());
    Handled handled = handler.handle(message, mailbox.purpose(), key);
    store.record(key, mailbox.key(), validity, candidate.uid(), message, handled);
    Counter.builder("abm.inbound")
        .description("Inbound messages handled, by what they were and what came of them (refused: a claim not believed)")
        .tag("kind", handled.kind().tag())
        .tag("outcome", handled.result().tag())
        .register(meters)
        .increment();
    switch (handled.result()) {
      case ACTED -> log.info("Inbound mail: {} uid {}: {}", mailbox.name(), candidate.uid(), handled.outcome());
      case TO_CONFIRM -> log.info("Inbound mail: {} uid {}: {} from {}: {}", mailbox.name(), candidate.uid(),
          handled.kind(), message.from(), handled.outcome());
      // Forged mail looks like this: whom it named and why it was not believed, for whoever investigates.
      case REFUSED -> log.warn("Inbound mail: {} uid {}: {} from {} ({}), nothing done: {}", mailbox.name(), candidate.uid(),
          handled.kind(), message.from(), message.messageId(), handled.outcome());
      case IGNORED -> {
        if (handled.kind() != InboundKind.OWN) {
          log.info("Inbound mail: {} uid {}: {}, nothing done: {}", mailbox.name(), candidate.uid(), handled.kind(), handled.outcome());
        }
      }
    }
  }
}
