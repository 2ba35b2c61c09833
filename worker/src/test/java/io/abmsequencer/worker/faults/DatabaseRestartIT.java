package io.abmsequencer.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.worker.faults.FaultRig.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is stopped (a fast shutdown: open transactions rolled back, every connection cut) in
 * the middle of a burst of due e-mails, kept down until an e-mail activity has failed on it,
 * and started again on the same port and data directory: no ledger row is lost, every touch is
 * {@code SENT} once in the ledger and reaches the SMTP server under one Message-ID, and every
 * sequence completes. Nothing in the worker is told: Temporal's activity retries and Hikari's
 * reconnecting pool carry the burst through.
 *
 * <p><b>No second copy.</b> An attempt whose message the SMTP server accepted and which then cannot
 * write {@code SENT} (the database is gone) does not fail: it alone knows the message went out, so
 * it keeps trying to record it ({@code SendGuard.OUTCOME_PATIENCE}, 75 s, longer than the database is
 * down here) instead of leaving it to a retry that would send it again. Before that, a restart
 * resent up to one message per send in flight (16 in one run). So the SMTP server gets every touch
 * exactly once.
 */
class DatabaseRestartIT {
  static final int TOUCHES = 300;
  /** Stop the database once the SMTP server has this many: mid-burst. */
  static final int STOP_AT = 60;

  @Test
  void theDatabaseRestartedMidBurstLosesNoLedgerRowAndSendsNoTouchUnderASecondMessageId() throws Exception {
    long startNanos = System.nanoTime();
    try (FaultRig rig = FaultRig.start("database-restart")) {
      rig.startWorker(1).awaitReady(Duration.ofSeconds(180));
      List<String> ids = rig.startSequences("dbrestart", TOUCHES);

      rig.awaitReceived(STOP_AT);
      rig.database.stop();
      long stoppedNanos = System.nanoTime();
      int receivedAtStop = rig.received();
      // Down until a send has failed on it and waits for Temporal's retry (at the latest once Hikari
      // gives up waiting for a connection, 30 s): the ledger's path is the one under test.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> rig.retriedActivities("SendEmail"), n -> n > 0);
      rig.database.startAgain();
      double downSeconds = (System.nanoTime() - stoppedNanos) / 1e9;

      rig.awaitAllClosed(ids, Duration.ofSeconds(180));

      rig.assertAllCompleted(ids);

      // The ledger: exactly one row per touch, SENT.
      List<List<String>> ledger = rig.query(
          "select touch_key, status, message_id, attempts, workflow_id from touches where workflow_id like 'abm-new-logo-dbrestart-%'");
      assertThat(ledger).hasSize(TOUCHES);
      assertThat(ledger.stream().map(row -> row.get(4)).collect(Collectors.toSet())).as("sequences with a ledger row").containsAll(ids);
      assertThat(ledger).allSatisfy(row -> assertThat(row.get(1)).as(row.get(0)).isEqualTo("SENT"));

      // The SMTP server: every touch under the Message-ID the ledger holds; copies only with that same id.
      Delivery delivery = rig.delivery("abm-new-logo-dbrestart-");
      assertThat(delivery.byTouch()).as("touches received").hasSize(TOUCHES);
      assertThat(delivery.touchesWithSeveralIds()).as("touches sent under two different Message-IDs").isEmpty();
      assertThat(delivery.distinctMessageIds()).isEqualTo(TOUCHES);
      assertThat(ledger).allSatisfy(row ->
          assertThat(delivery.byTouch().get(row.get(0))).as(row.get(0)).isNotEmpty().containsOnly(row.get(2)));
      int duplicates = delivery.sameIdDuplicates();
      assertThat(duplicates).as("same-Message-ID copies (the database was down %.1f s)", downSeconds).isZero();
      Set<String> retriedTouches = ledger.stream().filter(row -> Integer.parseInt(row.get(3)) > 1).map(row -> row.get(0))
          .collect(Collectors.toSet());
      Set<String> duplicatedTouches = delivery.duplicated().keySet();
      assertThat(retriedTouches).as("a copy comes only from a retried attempt").containsAll(duplicatedTouches);

      System.out.printf(
          "database-restart: %d touches; database stopped at %d received, down %.1f s; touches sent again after a failed"
              + " attempt: %d; same-Message-ID copies: %d %s; wall %.1f s%n",
          TOUCHES, receivedAtStop, downSeconds, retriedTouches.size(), duplicates, duplicatedTouches,
          (System.nanoTime() - startNanos) / 1e9);
    }
  }
}
