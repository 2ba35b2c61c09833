package io.abmsequencer.activities.email;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the SMTP transaction of a touch whose ledger row is {@code SENDING}, so that only one attempt
 * ever sends it at a time, and never to someone who opted out meanwhile:
 *
 * <ol>
 *   <li>the row's <b>lease</b> ({@link Ledger#takeLease}): taken for this attempt only when free,
 *       run out, or already its own, and renewed every third of {@code abm.mail.send-lease} until the
 *       outcome is recorded. An attempt that finds another's lease sends nothing and fails retryably;
 *       one that finds an outcome returns it. So a second attempt that Temporal starts while the first
 *       is still waiting to send or in its SMTP transaction (the first outlived its timeout: a stalled
 *       server, a long wait) does not send the message again;
 *   <li>a <b>send slot</b>: at most {@code abm.mail.max-parallel-sends} transactions at once, each
 *       holding a database connection (below). The wait for one is bounded ({@code
 *       abm.mail.send-slot-wait}, well under the activity's 2-minute timeout): a send that gets none
 *       fails retryably and Temporal tries again later, rather than an attempt waiting past its own
 *       timeout while Temporal starts the next one;
 *   <li>a <b>last check</b>, inside the lease, right before the transaction: the caller's (is the
 *       address suppressed now? is the sender paused?), which may end the touch without sending;
 *   <li>the <b>transaction</b>, then {@code SENT} committed on a connection taken before it. Under a
 *       burst every pooled connection is busy; one taken only after the server accepted the message
 *       would leave the touch {@code SENDING} while the update queued for it, which is the window in
 *       which a worker that dies sends it again. With the connection in hand the window is one
 *       {@code UPDATE} and its commit. When the database fails right then, the attempt keeps trying to
 *       record the message it knows went out ({@link #OUTCOME_PATIENCE}), still holding the lease,
 *       rather than failing into a retry that would send it again.
 * </ol>
 *
 * What is left: a worker that dies (or freezes longer than the lease) after the server accepted the
 * message and before {@code SENT} was committed. The next attempt sends it again, with the same
 * Message-ID (see {@link SmtpEmailChannel}).
 */
@WorkerSide
@Component
public class SendGuard implements DisposableBean {

  /** How long an accepted send keeps trying to record {@code SENT} (under the send activity's 2-minute timeout). */
  static final Duration OUTCOME_PATIENCE = Duration.ofSeconds(75);
  private static final Logger log = LoggerFactory.getLogger(SendGuard.class);

  /** Why this attempt may not send now; the next attempt may. Retryable. */
  public static final class NotNow extends RuntimeException {
    NotNow(String message) {
      super(message);
    }
  }

  private final Ledger ledger;
  private final TransactionTemplate transactions;
  private final Semaphore slots;
  private final int slotCount;
  private final Duration slotWait;
  private final Duration lease;
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("send-heartbeats"));
  // Renewals wait for a pooled connection now and then: never on the heartbeats' thread.
  private final ScheduledExecutorService renewals = Executors.newScheduledThreadPool(2, daemon("send-lease-renewals"));

  public SendGuard(Ledger ledger, PlatformTransactionManager transactionManager, MailSettings settings) {
    this.ledger = ledger;
    this.transactions = new TransactionTemplate(transactionManager);
    this.slotCount = settings.maxParallelSends();
    this.slots = new Semaphore(slotCount, true);
    this.slotWait = settings.sendSlotWait();
    this.lease = settings.sendLease();
  }

  /** A new attempt, heartbeating from now on when it runs in a Temporal activity. Close it when done. */
  public SendAttempt attempt() {
    return new SendAttempt(heartbeats);
  }

  /**
   * Sends the touch's message under its slot and lease (see the class comment).
   *
   * @param lastCheck run inside the lease right before the transaction; a result there ends the
   *     touch without sending (it has written what it needs to the ledger)
   * @param transaction the SMTP transaction; what it throws is the caller's (the row stays {@code
   *     SENDING}, the lease is given up)
   * @throws NotNow no slot in time, another attempt holds the lease, or Temporal gave this attempt up
   */
  public TouchResult send(TouchKey key, SendAttempt attempt, Supplier<Optional<TouchResult>> lastCheck,
      Runnable transaction, String messageId, String acceptedDetail) {
    Ledger.Lease taken = ledger.takeLease(key, attempt.id(), lease);
    if (!taken.held()) {
      if (taken.row().isFinal()) return taken.row().result();
      throw new NotNow("another attempt is sending this e-mail (its lease runs until " + taken.until() + "); trying again later");
    }
    ScheduledFuture<?> renewing = renewals.scheduleWithFixedDelay(
        () -> renew(key, attempt), lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
    try {
      acquireSlot();
      try {
        Optional<TouchResult> instead = lastCheck.get();
        if (instead.isPresent()) return instead.get();
        if (attempt.givenUp() != null) {
          throw new NotNow("Temporal no longer waits for this attempt (" + attempt.givenUp() + "); not sending");
        }
        return sendThenComplete(key, transaction, messageId, acceptedDetail).result();
      } finally {
        slots.release();
      }
    } finally {
      renewing.cancel(false);
      release(key, attempt);
    }
  }

  private void acquireSlot() {
    try {
      if (slots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS)) return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotNow("interrupted while waiting for a send slot");
    }
    throw new NotNow("no send slot came free in " + slotWait.toSeconds() + " s (all " + slotCount
        + " are in SMTP transactions: abm.mail.max-parallel-sends); trying again later");
  }

  private void renew(TouchKey key, SendAttempt attempt) {
    try {
      if (!ledger.renewLease(key, attempt.id(), lease)) {
        // Only possible when renewals failed for longer than the lease: nothing here can undo a
        // message already out, but the log says why a copy may follow.
        log.error("{}: lost the lease of a send in progress (renewals failed for over {}); another attempt may send it too", key, lease);
      }
    } catch (RuntimeException e) {
      log.warn("{}: renewing the send lease failed: {}", key, e.getMessage());
    }
  }

  /** A row still {@code SENDING} (the transaction failed, the last check deferred it): let the next attempt in at once. */
  private void release(TouchKey key, SendAttempt attempt) {
    try {
      ledger.releaseLease(key, attempt.id());
    } catch (RuntimeException e) {
      log.warn("{}: giving the send lease up failed ({}); it runs out by itself", key, e.getMessage());
    }
  }

  private TouchRow sendThenComplete(TouchKey key, Runnable transaction, String messageId, String detail) {
    boolean[] accepted = {false};
    try {
      return transactions.execute(status -> {
        transaction.run();
        accepted[0] = true;
        return ledger.complete(key, TouchStatus.SENT, messageId, detail);
      });
    } catch (DataAccessException | TransactionException e) {
      if (!accepted[0]) throw e;
      return completeAccepted(key, messageId, detail, e);
    }
  }

  /**
   * The server accepted the message and the database failed before {@code SENT} was committed (it
   * restarted, the connection broke). Failing now would have Temporal retry the activity, and the
   * retry would send the message again; this attempt alone knows it went out, so it keeps trying to
   * record that for {@link #OUTCOME_PATIENCE} (a restart takes seconds; Hikari waits up to 30 s for a
   * connection) before it gives up and leaves the row {@code SENDING}. Its lease is renewed meanwhile,
   * once the database answers again; the pauses stay short so the outcome is recorded within a
   * couple of seconds of that.
   */
  private TouchRow completeAccepted(TouchKey key, String messageId, String detail, RuntimeException failure) {
    log.warn("{}: accepted by the provider, but SENT could not be recorded ({}); trying again", key, failure.getMessage());
    long deadline = System.nanoTime() + OUTCOME_PATIENCE.toNanos();
    long pauseMillis = 200;
    RuntimeException last = failure;
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pauseMillis = Math.min(pauseMillis * 2, 2_000);
      try {
        return ledger.complete(key, TouchStatus.SENT, messageId, detail);
      } catch (DataAccessException e) {
        last = e;
      }
    }
    last.addSuppressed(new IllegalStateException(key + " was accepted by the provider; its SENT could not be recorded in " + OUTCOME_PATIENCE));
    throw last;
  }

  @Override
  public void destroy() {
    heartbeats.shutdownNow();
    renewals.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
