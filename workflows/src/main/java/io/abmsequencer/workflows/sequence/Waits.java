package io.abmsequencer.workflows.sequence;

import static io.abmsequencer.workflows.sequence.SequenceStatusCode.PAUSED;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.WAITING;

import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.playbook.WaitStep;
import io.abmsequencer.workflows.sequence.SequenceState.StepProgress;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * How the sequence waits (a wait step, a send window, business hours, a pause) while staying
 * responsive: it does what handlers asked for, keeps the read model current and continues as new
 * when its history is long.
 */
final class Waits {

  /** Score-only changes reach the read model at most this often, whatever the engagement traffic. */
  static final Duration SCORE_FLUSH = Duration.ofMinutes(5);

  private static final Logger log = Workflow.getLogger(Waits.class);

  private final SequenceRun run;
  private final SequenceState s;
  private final ReadModel readModel;
  private final ScoreAlerts alerts;

  Waits(SequenceRun run, ReadModel readModel, ScoreAlerts alerts) {
    this.run = run;
    this.s = run.s;
    this.readModel = readModel;
    this.alerts = alerts;
  }

  void waitStep(WaitStep step) {
    StepProgress p = s.progress;
    if (p.deadline == null) p.deadline = step.duration().addTo(SequenceRun.now(), run.calendar());
    until(
        () -> p.deadline,
        WAITING,
        () -> "Waiting " + step.duration() + " until " + run.when(p.deadline) + readModel.next(),
        () -> false);
  }

  /**
   * Waits for the next business opening on the account clock, or until {@code moot}; false when the
   * sequence is exiting.
   */
  boolean forBusinessHours(String what, Supplier<Boolean> moot) {
    holdWhilePaused();
    if (s.exiting()) return false;
    Instant at = Timeline.opensAt(run.calendar(), SequenceRun.now());
    if (at.isAfter(SequenceRun.now())) {
      until(() -> at, WAITING, () -> "Waiting for business hours to open the " + what + " at " + run.when(at), moot);
    }
    return !s.exiting();
  }

  /**
   * Sleeps until the deadline or {@code done}, while staying responsive: pauses stop the clock,
   * alerts are raised, the read model is kept current and continue-as-new happens when due.
   */
  void until(Supplier<Instant> deadline, SequenceStatusCode status, Supplier<String> details, Supplier<Boolean> done) {
    while (!s.exiting() && !done.get()) {
      if (s.paused) {
        whilePaused();
        continue;
      }
      if (attendToHandlers()) continue;
      continueAsNewIfDue();
      Duration remaining = Duration.between(SequenceRun.now(), deadline.get());
      if (remaining.isZero() || remaining.isNegative()) return;
      readModel.setStatus(status, details.get());
      readModel.recordIfDue();
      Duration nap = s.scoreDirty ? min(remaining, Duration.between(SequenceRun.now(), scoreFlushAt())) : remaining;
      if (nap.isZero() || nap.isNegative()) {
        readModel.record(false);
        continue;
      }
      // A timer set before the score changed must not hold the new score back until it fires:
      // with "score-at-once" the wait wakes to set a shorter one (conditions see signals, not time).
      boolean dirtyBefore = s.scoreDirty;
      sleep(nap, s.details, () -> s.paused || s.exiting() || done.get() || needsAttention() || continueAsNewDue()
          || (s.scoreDirty && !SequenceRun.now().isBefore(scoreFlushAt())) || (run.versions.scoresAtOnce && s.scoreDirty && !dirtyBefore));
    }
  }

  void holdWhilePaused() {
    while (s.paused && !s.exiting()) whilePaused();
  }

  void whilePaused() {
    if (!s.paused || s.exiting()) return;
    attendToHandlers();
    continueAsNewIfDue();
    readModel.setStatus(PAUSED, "Paused since " + run.when(s.pausedAt) + "; nothing is sent and waits stop counting until resumed");
    readModel.recordIfDue();
    Workflow.await(() -> !s.paused || s.exiting() || needsAttention() || continueAsNewDue());
  }

  /** A timer that carries a summary for the Temporal UI and is cancelled when woken early. */
  private void sleep(Duration duration, String summary, Supplier<Boolean> wake) {
    List<Promise<Void>> timer = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(
        () -> timer.add(Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(summary).build())));
    scope.run();
    Workflow.await(() -> timer.get(0).isCompleted() || wake.get());
    if (!timer.get(0).isCompleted()) scope.cancel();
  }

  private Instant scoreFlushAt() {
    Instant last = run.versions.scoresAtOnce ? s.lastScoreRecordAt : s.lastRecordAt;
    return last == null ? SequenceRun.now() : last.plus(SCORE_FLUSH);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private boolean needsAttention() {
    return !s.pendingAlerts.isEmpty() || s.recordDue;
  }

  /** Does what handlers asked for (alerts, read model); true when it did anything. */
  boolean attendToHandlers() {
    boolean acted = false;
    while (!s.pendingAlerts.isEmpty()) {
      alerts.raise(s.pendingAlerts.remove(0));
      acted = true;
    }
    // With "records-when-waiting" a due record waits for the next wait or provider call.
    if (s.recordDue && !run.versions.recordsWhenWaiting) {
      readModel.record(false);
      acted = true;
    }
    return acted;
  }

  private boolean continueAsNewDue() {
    int budget = run.input.historyBudget() != null ? run.input.historyBudget() : AccountSequenceWorkflowImpl.DEFAULT_HISTORY_BUDGET;
    return Workflow.getInfo().isContinueAsNewSuggested() || Workflow.getInfo().getHistoryLength() > budget;
  }

  void continueAsNewIfDue() {
    if (!continueAsNewDue() || s.exiting()) return;
    // Handlers (task and review updates) must finish first, or their work would be lost.
    Workflow.await(Workflow::isEveryHandlerFinished);
    log.info("Continuing as new after {} events, at step {}", Workflow.getInfo().getHistoryLength(), s.cursor);
    // Options carry the memo (which Temporal drops otherwise), the retry policy and search attributes.
    Workflow.continueAsNew(ContinueAsNewOptions.newBuilder().setMemo(Summaries.memo(run.playbook(), run.input.account())).build(),
        run.input.withCarried(s));
  }
}
