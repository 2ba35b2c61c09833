package io.abmsequencer.workflows.sequence;

import static io.abmsequencer.workflows.sequence.SequenceStatusCode.AWAITING_REVIEW;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.AWAITING_TASK;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.EXITED;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.PAUSED;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.RUNNING_STEP;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.WAITING;

import io.abmsequencer.workflows.calendar.BusinessCalendar;
import io.abmsequencer.workflows.channels.AudienceResult;
import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.ReviewClose;
import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.AdsStep;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.playbook.EmailStep;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.OnTimeout;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.ReviewDecision;
import io.abmsequencer.workflows.playbook.ReviewStep;
import io.abmsequencer.workflows.playbook.SmsStep;
import io.abmsequencer.workflows.playbook.Step;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskStep;
import io.abmsequencer.workflows.playbook.Template;
import io.abmsequencer.workflows.playbook.Tracking;
import io.abmsequencer.workflows.playbook.Threshold;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.playbook.WaitStep;
import io.abmsequencer.workflows.sequence.SequenceState.StepProgress;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Walks the playbook one step at a time. Handlers only change state; every activity call and
 * timer belongs to the main loop (or, for the task and review updates, to the handler that must
 * answer), so the order of commands depends on nothing but history.
 */
public class AccountSequenceWorkflowImpl implements AccountSequenceWorkflow {

  /**
   * Continue-as-new after this many history events. Temporal refuses continue-as-new while new
   * signals keep arriving, so a run can overshoot during a burst; 1,000 keeps runs under 2,000.
   */
  public static final int DEFAULT_HISTORY_BUDGET = 1000;

  /** Score-only changes reach the read model at most this often, whatever the engagement traffic. */
  static final Duration SCORE_FLUSH = Duration.ofMinutes(5);

  private static final Logger log = Workflow.getLogger(AccountSequenceWorkflowImpl.class);

  private final SequenceInput input;
  private final SequenceState s;

  // Workflow.getVersion can yield, which would reorder commands mid-run against handlers' commands,
  // so every version decision is taken once, first thing in each run.
  /** Version "search-attributes": sequences keep typed search attributes current. */
  private boolean indexes;
  /** Version "leave-audiences-on-exit": an ended sequence takes its committee out of ad audiences. */
  private boolean leavesAudiences;
  /**
   * Version "score-at-once": a score change reaches the read model at once, then at most every
   * {@link #SCORE_FLUSH}; before, it waited {@code SCORE_FLUSH} after any record, so a score earned
   * in a sequence's first minutes showed as 0 beside the events that earned it, and one earned within
   * minutes of a record during a long wait waited for the end of that wait.
   */
  private boolean scoresAtOnce;
  /**
   * Version "quiet-known-opt-out": an opt-out the sequence already knows changes nothing, not even
   * the read model. The product repeats opt-outs on purpose (a second unsubscribe repairs a first
   * that failed to reach some sequences), so a repeat must be harmless; before, each one recorded.
   */
  private boolean quietKnownOptOuts;
  /**
   * Version "records-when-waiting": the read model (and the search attributes) are written when the
   * sequence is about to wait or to call a provider, once for every status change in between, and by a
   * local activity inside the workflow task that then starts the wait. Before, every status change
   * recorded at once through a regular activity: a new sequence recorded itself three times (starting,
   * its first step, the wait for the send window), each two more workflow tasks, before it parked.
   */
  private boolean recordsWhenWaiting;
  /**
   * Version "kept-promises": four promises the sequence broke before, kept since. They share one
   * marker because a run has all of them or none, and a marker is an event in every run's history.
   * <ul>
   *   <li>Texts go out only in the SMS hours: a text step whose send window never meets them is
   *       skipped, and says so; before, it went out in the send window alone (at 22:30, say).
   *   <li>A wait for a contact's send window (or a task's wait for business hours) wakes when that
   *       contact opts out or leaves the committee, as it woke for absences; before, the rest of the
   *       sequence waited for a window nobody would be sent in (up to a day, a weekend for a task).
   *   <li>The next touch (status, read model, {@code AbmNextTouchAt}) is what the sequence will really
   *       do next, from what the step already sent or deferred; before, the current step was planned
   *       again from now for everyone, so a touch a cap deferred to Monday showed as due now.
   *   <li>Whether the read model is written depends on state (status, step, next touch), never on the
   *       words of the status details: a copy edit or a worker in another locale changes no command.
   * </ul>
   */
  private boolean promisesKept;

  @WorkflowInit
  public AccountSequenceWorkflowImpl(SequenceInput input) {
    this.input = input;
    if (input.carried() != null) {
      this.s = input.carried();
    } else {
      this.s = new SequenceState();
      this.s.tier = input.tier();
      this.s.startedAt = now();
      // Unreachable from the start (suppressed before the launch): known before any step, like an opt-out.
      for (OptOut out : input.optedOut()) if (out != null && out.contactId() != null) Committee.markOut(s, out);
    }
  }

  @Override
  public SequenceResult run(SequenceInput ignored) {
    indexes = Workflow.getVersion("search-attributes", Workflow.DEFAULT_VERSION, 1) >= 1;
    leavesAudiences = Workflow.getVersion("leave-audiences-on-exit", Workflow.DEFAULT_VERSION, 1) >= 1;
    scoresAtOnce = Workflow.getVersion("score-at-once", Workflow.DEFAULT_VERSION, 1) >= 1;
    quietKnownOptOuts = Workflow.getVersion("quiet-known-opt-out", Workflow.DEFAULT_VERSION, 1) >= 1;
    recordsWhenWaiting = Workflow.getVersion("records-when-waiting", Workflow.DEFAULT_VERSION, 1) >= 1;
    promisesKept = Workflow.getVersion("kept-promises", Workflow.DEFAULT_VERSION, 1) >= 1;
    s.runs++;
    if (input.carried() == null) {
      s.details = "Starting " + playbook().name() + " for " + input.account().name();
      Workflow.setCurrentDetails(s.details);
      if (recordsWhenWaiting) {
        // The first record, before the first wait or touch, carries the committee.
        s.committeeDue = true;
        s.recordDue = true;
      } else {
        record(true);
      }
      if (!input.optedOut().isEmpty() && SequenceRules.nobodyReachable(committee(), s.emailOut, s.smsOut)) {
        exit(ExitReason.ALL_CONTACTS_OPTED_OUT, "everyone on the committee had opted out before the launch");
      }
    }
    while (!s.exiting()) {
      if (attendToHandlers()) continue;
      if (s.paused) {
        waitWhilePaused();
        continue;
      }
      List<Step> steps = playbook().steps();
      if (s.cursor >= steps.size()) {
        exit(ExitReason.COMPLETED, "all " + steps.size() + " steps done");
        break;
      }
      Step step = steps.get(s.cursor);
      if (s.progress == null) {
        if (!step.runsAt(s.score)) {
          log.info("Skipping step {}: score {} does not meet '{}'", step.id(), s.score, step.when().text());
          s.cursor++;
          continue;
        }
        s.progress = new StepProgress(step.id(), now());
        setStatus(RUNNING_STEP, "Step " + (s.cursor + 1) + " of " + steps.size() + ": " + step.describe());
      }
      boolean advance = runStep(step);
      if (s.exiting()) break;
      if (advance) {
        s.progress = null;
        s.cursor++;
      }
      continueAsNewIfDue();
    }
    return finish();
  }

  /** Runs (or resumes) a step; false when the step moved the cursor itself (a tier change). */
  private boolean runStep(Step step) {
    if (step instanceof WaitStep w) {
      waitStep(w);
    } else if (step instanceof EmailStep e) {
      emailStep(e);
    } else if (step instanceof SmsStep sms) {
      smsStep(sms);
    } else if (step instanceof AdsStep a) {
      adsStep(a);
    } else if (step instanceof TaskStep t) {
      taskStep(t);
    } else if (step instanceof ReviewStep r) {
      return reviewStep(r);
    }
    return true;
  }

  // ---- steps -------------------------------------------------------------------------------

  private void waitStep(WaitStep step) {
    StepProgress p = s.progress;
    if (p.deadline == null) p.deadline = step.duration().addTo(now(), calendar());
    waitUntil(
        () -> p.deadline,
        WAITING,
        () -> "Waiting " + step.duration() + " until " + when(p.deadline) + next(),
        () -> false);
  }

  private void emailStep(EmailStep step) {
    List<Contact> addressed = SequenceRules.holding(step.to(), committee());
    while (!s.exiting()) {
      Contact c = nextRecipient(addressed, false);
      if (c == null) return;
      if (!awaitSendWindow(c, false, "email to " + c.role())) continue;
      TouchKey key = key(step, c.id());
      Template copy = step.templateFor(c.role());
      Tracking tracking = playbook().tracking();
      recordIfDue();
      TouchResult result =
          touch(() -> SequenceActivities.email("Email to " + c.role() + " " + c.id() + " (step " + step.id() + ")")
              .send(new EmailTouch(key, input.account(), c, input.owner(), copy.subject(), copy.body(),
                  tracking.clicks(), tracking.opens())));
      afterTouch(step, "EMAIL", c, result, s.emailOut);
    }
  }

  private void smsStep(SmsStep step) {
    List<Contact> addressed = SequenceRules.holding(step.to(), committee());
    String never = promisesKept ? Timeline.textsNeverGoOut(calendar()) : null;
    if (never != null) {
      skipTexts(step, addressed, never);
      return;
    }
    while (!s.exiting()) {
      Contact c = nextRecipient(addressed, true);
      if (c == null) return;
      if (!awaitSendWindow(c, true, "text to " + c.role())) continue;
      TouchKey key = key(step, c.id());
      recordIfDue();
      TouchResult result =
          touch(() -> SequenceActivities.sms("Text to " + c.role() + " " + c.id() + " (step " + step.id() + ")")
              .send(new SmsTouch(key, input.account(), c, input.owner(), step.body())));
      afterTouch(step, "SMS", c, result, s.smsOut);
    }
  }

  /**
   * The SMS hours are a legal limit and there is no moment both they and the send window allow (a
   * playbook uploaded before such steps were refused): no text goes out, each one the step owed is
   * on the status's recent touches as SKIPPED, and the log and the timeline say why.
   */
  private void skipTexts(SmsStep step, List<Contact> addressed, String why) {
    log.warn("Skipping text step {}: {}", step.id(), why);
    for (Contact c : addressed) {
      if (!SendOrder.due(c, s, true)) continue;
      s.progress.done.add(c.id());
      s.addTouch(new TouchSummary(step.id(), "SMS", c.id(), c.role().name(), TouchStatus.SKIPPED, now()));
    }
    s.recordDue = true;
  }

  private void adsStep(AdsStep step) {
    List<Contact> members = new ArrayList<>();
    for (Contact c : SequenceRules.holding(step.to(), committee())) {
      if (step.action() == AudienceAction.REMOVE || SequenceRules.emailable(c, s.emailOut)) members.add(c);
    }
    if (members.isEmpty()) {
      log.info("Skipping ads step {}: nobody on the committee to add", step.id());
      return;
    }
    holdWhilePaused();
    if (s.exiting()) return;
    AudienceSync sync = new AudienceSync(key(step, "*"), input.account().id(), step.audience(), step.platforms(), step.action(), members);
    recordIfDue();
    try {
      if (step.action() == AudienceAction.ADD) s.joinedAudiences = true;
      AudienceResult result = SequenceActivities.ads(step.describe() + " (" + members.size() + " contacts)").sync(sync);
      s.addTouch(new TouchSummary(step.id(), "ADS", "*", null, result.status(), now()));
    } catch (ActivityFailure e) {
      log.warn("Ads step {} failed permanently: {}", step.id(), rootMessage(e));
      s.addTouch(new TouchSummary(step.id(), "ADS", "*", null, TouchStatus.FAILED, now()));
    }
  }

  private void taskStep(TaskStep step) {
    StepProgress p = s.progress;
    if (p.itemId == null) {
      Contact about = null;
      if (step.to() != null) {
        about = firstReachable(step.to());
        if (about == null) {
          log.info("Skipping task {}: no reachable {} on the committee", step.id(), step.to());
          return;
        }
      }
      Contact first = about;
      // The task is about them: an opt-out while it waits for business hours ends the wait (the SDR may
      // have someone else of that role to reach, or nobody).
      if (!awaitBusinessHours("task: " + step.title(), () -> promisesKept && first != null && !Committee.reachable(first, s))) return;
      if (promisesKept && step.to() != null) {
        about = firstReachable(step.to());
        if (about == null) {
          log.info("Skipping task {}: no reachable {} on the committee any more", step.id(), step.to());
          return;
        }
      }
      Contact subject = about;
      p.itemId = Workflow.randomUUID().toString();
      p.deadline = step.due().addTo(now(), calendar());
      List<TaskOutcome> outcomes = List.of(TaskOutcome.values());
      s.openTasks.put(p.itemId, new OpenItem(p.itemId, step.id(), step.type().name(), step.title(), p.deadline, true, outcomes, null));
      SequenceActivities.tasks(step.type().label() + " task for the SDR: " + step.title())
          .open(new TaskOpen(p.itemId, workflowId(), input.account().id(), input.account().name(), input.owner(),
              step.type(), step.title(), step.instructions(), subject, step.id(),
              "Playbook step '" + step.id() + "' of " + playbook().name() + lastEngagement(),
              s.score, p.deadline, now(), outcomes));
    }
    waitUntil(() -> p.deadline, AWAITING_TASK,
        () -> "Waiting for the SDR: " + step.title() + ", due " + when(p.deadline), () -> p.resolution != null);
    if (s.exiting() || p.resolution != null) return;
    p.resolution = TaskState.EXPIRED.name();
    s.openTasks.remove(p.itemId);
    SequenceActivities.tasks("Task expired: " + step.title())
        .close(new TaskClose(p.itemId, TaskState.EXPIRED, null, "Not done by its due date", "sequence", now()));
    if (step.onTimeout() == OnTimeout.STOP) exit(ExitReason.TASK_EXPIRED, "task '" + step.title() + "' was not done by " + when(p.deadline));
  }

  /** False when a tier change switched the playbook (the cursor is already set). */
  private boolean reviewStep(ReviewStep step) {
    StepProgress p = s.progress;
    if (p.itemId == null) {
      if (!awaitBusinessHours("review: " + step.question(), () -> false)) return true;
      p.itemId = Workflow.randomUUID().toString();
      p.deadline = step.due().addTo(now(), calendar());
      s.openReviews.put(p.itemId, new OpenItem(p.itemId, step.id(), "REVIEW", step.question(), p.deadline, true, null, step.decisions()));
      SequenceActivities.reviews("Review checkpoint: " + step.question())
          .open(new ReviewOpen(p.itemId, workflowId(), input.account().id(), input.account().name(), input.owner(),
              step.id(), step.question(), step.decisions(), s.tier, s.score, s.touches, p.deadline, now()));
    }
    waitUntil(() -> p.deadline, AWAITING_REVIEW,
        () -> "Waiting for a review decision: " + step.question() + ", due " + when(p.deadline), () -> p.resolution != null);
    if (s.exiting()) return true;
    if (p.resolution == null) {
      p.resolution = TaskState.EXPIRED.name();
      s.openReviews.remove(p.itemId);
      SequenceActivities.reviews("Review expired: " + step.question())
          .close(new ReviewClose(p.itemId, TaskState.EXPIRED, null, null, "Not decided by its due date", "sequence", now()));
      if (step.onTimeout() == OnTimeout.STOP) exit(ExitReason.REVIEW_EXPIRED, "review '" + step.question() + "' was not decided by " + when(p.deadline));
      return true;
    }
    if (ReviewDecision.CHANGE_TIER.name().equals(p.resolution)) return !switchTier(p.newTier);
    return true;
  }

  /** Follows the playbook stored for the new tier from its first step; true when it switched. */
  private boolean switchTier(io.abmsequencer.workflows.playbook.Tier tier) {
    s.tier = tier;
    Playbook next = SequenceActivities.catalog("Find the " + playbook().motion().label() + " playbook for tier " + tier.label())
        .find(io.abmsequencer.workflows.channels.PlaybookLookup.forTier(playbook().motion(), tier));
    if (next == null || next.ref().equals(playbook().ref())) {
      log.info("Tier changed to {}; no other playbook for it, continuing {}", tier, playbook().ref());
      s.recordDue = true;
      return false;
    }
    log.info("Tier changed to {}: now following {}", tier, next.ref());
    s.switchedPlaybook = next;
    s.epoch++;
    s.cursor = 0;
    s.progress = null;
    s.recordDue = true;
    return true;
  }

  // ---- sending ------------------------------------------------------------------------------

  /** The addressed contact due first who is still reachable and not yet sent to, or null. */
  private Contact nextRecipient(List<Contact> addressed, boolean sms) {
    return SendOrder.next(addressed, s, calendar(), now(), sms, promisesKept);
  }

  /** When a touch may go out to the contact: their send window, after any cap deferral or absence. */
  private Instant sendAt(Contact c, boolean sms) {
    return SendOrder.at(calendar(), c, s.progress, s.away, now(), sms, promisesKept);
  }

  /**
   * Waits until the touch may go out (send window, cap deferral, absence); true when it may go out
   * right now. Touches due outside the window are deferred, never dropped.
   */
  private boolean awaitSendWindow(Contact c, boolean sms, String what) {
    holdWhilePaused();
    if (s.exiting()) return false;
    Instant at = sendAt(c, sms);
    if (!at.isAfter(now())) return true;
    Supplier<String> why = () -> SendOrder.waitReason(c, what, at, s, calendar(), now());
    // An absence may be cut short or extended by a later signal: wake when it changes. An opt-out (or
    // leaving the committee) ends the wait: the step goes on to the others, or ends.
    Instant away = s.away.get(c.id());
    waitUntil(() -> at, WAITING, why,
        () -> !java.util.Objects.equals(away, s.away.get(c.id())) || (promisesKept && !SendOrder.due(c, s, sms)));
    return false;
  }

  /**
   * Waits for the next business opening on the account clock, or until {@code moot}; false when the
   * sequence is exiting.
   */
  private boolean awaitBusinessHours(String what, Supplier<Boolean> moot) {
    holdWhilePaused();
    if (s.exiting()) return false;
    Instant at = Timeline.opensAt(calendar(), now());
    if (at.isAfter(now())) {
      waitUntil(() -> at, WAITING, () -> "Waiting for business hours to open the " + what + " at " + when(at), moot);
    }
    return !s.exiting();
  }

  private TouchResult touch(Supplier<TouchResult> send) {
    try {
      return send.get();
    } catch (ActivityFailure e) {
      // Only non-retryable failures get here: retryable ones are retried without a limit.
      return new TouchResult(TouchStatus.FAILED, null, rootMessage(e));
    }
  }

  private void afterTouch(Step step, String channel, Contact c, TouchResult result, java.util.Map<String, String> out) {
    if (result.status() == TouchStatus.DEFERRED) {
      // A cap was reached: try again later with the same key; never dropped, never sent twice.
      Instant retry = SendOrder.retryAt(result, now());
      s.progress.deferred.put(c.id(), retry);
      log.info("{} to {} deferred until {}: {}", channel, c.id(), retry, result.detail());
      s.recordDue = true;
      return;
    }
    s.progress.done.add(c.id());
    s.addTouch(new TouchSummary(step.id(), channel, c.id(), c.role().name(), result.status(), now()));
    if (result.contactLost()) {
      out.put(c.id(), result.status() == TouchStatus.BOUNCED ? "HARD_BOUNCE" : "SUPPRESSED");
      if (SequenceRules.nobodyReachable(committee(), s.emailOut, s.smsOut)) {
        exit(ExitReason.ALL_CONTACTS_OPTED_OUT, "the last reachable contact " + (result.status() == TouchStatus.BOUNCED ? "bounced" : "is suppressed"));
      }
    }
    s.recordDue = true;
  }

  private Contact firstReachable(io.abmsequencer.workflows.playbook.Role role) {
    return Committee.firstReachable(committee(), role, s);
  }

  // ---- waiting ------------------------------------------------------------------------------

  /**
   * Sleeps until the deadline or {@code done}, while staying responsive: pauses stop the clock,
   * alerts are raised, the read model is kept current and continue-as-new happens when due.
   */
  private void waitUntil(Supplier<Instant> deadline, SequenceStatusCode status, Supplier<String> details, Supplier<Boolean> done) {
    while (!s.exiting() && !done.get()) {
      if (s.paused) {
        waitWhilePaused();
        continue;
      }
      if (attendToHandlers()) continue;
      continueAsNewIfDue();
      Duration remaining = Duration.between(now(), deadline.get());
      if (remaining.isZero() || remaining.isNegative()) return;
      setStatus(status, details.get());
      recordIfDue();
      Duration nap = s.scoreDirty ? min(remaining, Duration.between(now(), scoreFlushAt())) : remaining;
      if (nap.isZero() || nap.isNegative()) {
        record(false);
        continue;
      }
      // A timer set before the score changed must not hold the new score back until it fires:
      // with "score-at-once" the wait wakes to set a shorter one (conditions see signals, not time).
      boolean dirtyBefore = s.scoreDirty;
      sleep(nap, s.details, () -> s.paused || s.exiting() || done.get() || needsAttention() || continueAsNewDue()
          || (s.scoreDirty && !now().isBefore(scoreFlushAt())) || (scoresAtOnce && s.scoreDirty && !dirtyBefore));
    }
  }

  private void holdWhilePaused() {
    while (s.paused && !s.exiting()) waitWhilePaused();
  }

  private void waitWhilePaused() {
    if (!s.paused || s.exiting()) return;
    attendToHandlers();
    continueAsNewIfDue();
    setStatus(PAUSED, "Paused since " + when(s.pausedAt) + "; nothing is sent and waits stop counting until resumed");
    recordIfDue();
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
    Instant last = scoresAtOnce ? s.lastScoreRecordAt : s.lastRecordAt;
    return last == null ? now() : last.plus(SCORE_FLUSH);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private boolean needsAttention() {
    return !s.pendingAlerts.isEmpty() || s.recordDue;
  }

  /** Does what handlers asked for (alerts, read model); true when it did anything. */
  private boolean attendToHandlers() {
    boolean acted = false;
    while (!s.pendingAlerts.isEmpty()) {
      raiseAlert(s.pendingAlerts.remove(0));
      acted = true;
    }
    // With "records-when-waiting" a due record waits for the next wait or provider call.
    if (s.recordDue && !recordsWhenWaiting) {
      record(false);
      acted = true;
    }
    return acted;
  }

  private void raiseAlert(int score) {
    Threshold t = null;
    for (Threshold candidate : playbook().scoring().thresholds()) if (candidate.score() == score) t = candidate;
    if (t == null) return;
    Contact about = t.to() == null ? null : firstReachable(t.to());
    String id = Workflow.randomUUID().toString();
    Instant due = t.due().addTo(now(), calendar());
    List<TaskOutcome> outcomes = List.of(TaskOutcome.values());
    s.openTasks.put(id, new OpenItem(id, "threshold:" + score, t.task().name(), t.title(), due, false, outcomes, null));
    SequenceActivities.tasks(t.task().label() + ": score " + s.score + " reached " + score)
        .open(new TaskOpen(id, workflowId(), input.account().id(), input.account().name(), input.owner(),
            t.task(), t.title(), "The account's engagement score crossed " + score + ": reach out while they are warm.",
            about, "threshold:" + score, "Score " + s.score + " crossed " + score + lastEngagement(), s.score, due, now(), outcomes));
  }

  // ---- continue-as-new and exit ---------------------------------------------------------------

  private boolean continueAsNewDue() {
    int budget = input.historyBudget() != null ? input.historyBudget() : DEFAULT_HISTORY_BUDGET;
    return Workflow.getInfo().isContinueAsNewSuggested() || Workflow.getInfo().getHistoryLength() > budget;
  }

  private void continueAsNewIfDue() {
    if (!continueAsNewDue() || s.exiting()) return;
    // Handlers (task and review updates) must finish first, or their work would be lost.
    Workflow.await(Workflow::isEveryHandlerFinished);
    log.info("Continuing as new after {} events, at step {}", Workflow.getInfo().getHistoryLength(), s.cursor);
    // Options carry the memo (which Temporal drops otherwise), the retry policy and search attributes.
    Workflow.continueAsNew(ContinueAsNewOptions.newBuilder().setMemo(Summaries.memo(playbook(), input.account())).build(),
        input.withCarried(s));
  }

  private void exit(ExitReason reason, String detail) {
    if (s.exit != null) return;
    s.exit = reason;
    s.exitDetail = detail;
  }

  private SequenceResult finish() {
    String closing = "Sequence ended: " + s.exit.words();
    for (OpenItem t : new ArrayList<>(s.openTasks.values())) {
      s.openTasks.remove(t.id());
      SequenceActivities.tasks("Cancel task: " + t.title())
          .close(new TaskClose(t.id(), TaskState.CANCELLED, null, closing, "sequence", now()));
    }
    for (OpenItem r : new ArrayList<>(s.openReviews.values())) {
      s.openReviews.remove(r.id());
      SequenceActivities.reviews("Cancel review: " + r.title())
          .close(new ReviewClose(r.id(), TaskState.CANCELLED, null, null, closing, "sequence", now()));
    }
    leaveAudiences();
    String handedOverTo = s.exit == ExitReason.CLOSED_WON ? Handover.toExpansion(input, committee(), playbook(), s) : null;
    setStatus(EXITED, "Ended: " + s.exit.words() + (s.exitDetail == null ? "" : " (" + s.exitDetail + ")")
        + (handedOverTo == null ? "" : "; handed over to " + handedOverTo));
    record(false);
    Workflow.await(Workflow::isEveryHandlerFinished);
    return new SequenceResult(s.exit, s.score, s.touches, handedOverTo);
  }

  /** An ended sequence stops buying ads at the committee (histories from before the change skip it). */
  private void leaveAudiences() {
    if (!leavesAudiences || !s.joinedAudiences) return;
    try {
      SequenceActivities.ads("Take the committee out of every ad audience").leaveAll(new io.abmsequencer.workflows.channels.AudienceCleanup(workflowId()));
    } catch (ActivityFailure e) {
      log.warn("Could not take the committee out of its ad audiences: {}", rootMessage(e));
    }
  }

  // ---- signals --------------------------------------------------------------------------------

  @Override
  public void engagement(EngagementBatch batch) {
    if (batch == null || batch.batchId() == null || batch.counts() == null || s.exiting() || s.alreadyApplied(batch.batchId())) return;
    s.rememberBatch(batch.batchId());
    batch.counts().forEach((type, n) -> { if (type != null && n != null) s.engagement.merge(type, n, Integer::sum); });
    s.score += SequenceRules.points(playbook().scoring(), batch.counts());
    s.pendingAlerts.addAll(SequenceRules.entered(playbook().scoring().thresholds(), s.score, s.thresholdsReached));
    if (batch.lastEventAt() != null) s.lastEngagementAt = batch.lastEventAt();
    EngagementType strongest = SequenceRules.strongest(batch.counts());
    s.lastEngagementType = strongest == null ? null : strongest.name();
    ExitReason exit = SequenceRules.exitFor(batch.counts(), playbook());
    if (exit != null) exit(exit, "engagement event " + (exit == ExitReason.REPLIED ? "EMAIL_REPLY" : "MEETING_BOOKED"));
    // The score reaches the read model in the next flush, not per batch: history stays bounded.
    s.scoreDirty = true;
  }

  @Override
  public void stageChanged(StageChange change) {
    if (change == null || change.stage() == null || s.exiting()) return;
    s.stage = change.stage().name();
    ExitReason exit = SequenceRules.exitFor(change.stage(), playbook());
    if (exit != null) exit(exit, "CRM stage " + change.stage());
    s.recordDue = true;
  }

  @Override
  public void optOut(OptOut optOut) {
    if (optOut == null || optOut.contactId() == null || s.exiting()) return;
    if (!Committee.markOut(s, optOut) && quietKnownOptOuts) return;
    if (SequenceRules.nobodyReachable(committee(), s.emailOut, s.smsOut)) {
      exit(ExitReason.ALL_CONTACTS_OPTED_OUT, "the last reachable contact opted out");
    }
    s.recordDue = true;
  }

  @Override
  public void contactAway(ContactAway away) {
    if (away == null || away.contactId() == null || away.until() == null || s.exiting()) return;
    s.away.put(away.contactId(), away.until());
    s.recordDue = true;
  }

  @Override
  public void committeeChanged(CommitteeChange change) {
    if (change == null || s.exiting()) return;
    Committee.refresh(change, committee(), s);
    if (committee().isEmpty() || SequenceRules.nobodyReachable(committee(), s.emailOut, s.smsOut)) {
      exit(ExitReason.ALL_CONTACTS_OPTED_OUT, "nobody left on the committee after a list refresh");
    }
    s.committeeDue = true;
    s.recordDue = true;
  }

  @Override
  public void removeFromList(Control control) {
    exit(ExitReason.REMOVED_FROM_LIST, control != null && control.by() != null ? "by " + control.by() + (control.reason() == null ? "" : ": " + control.reason()) : null);
  }

  @Override
  public void pause(Control control) {
    if (s.paused || s.exiting()) return;
    s.paused = true;
    s.pausedAt = now();
    s.recordDue = true;
  }

  @Override
  public void resume(Control control) {
    if (!s.paused || s.exiting()) return;
    // Waits stop counting while paused: push the end of a wait in progress back by the pause.
    Duration paused = Duration.between(s.pausedAt, now());
    if (s.progress != null && s.progress.deadline != null && s.progress.itemId == null) {
      s.progress.deadline = s.progress.deadline.plus(paused);
    }
    s.paused = false;
    s.pausedAt = null;
    s.recordDue = true;
  }

  @Override
  public void cancel(Control control) {
    exit(ExitReason.CANCELLED, control != null && control.by() != null ? "by " + control.by() + (control.reason() == null ? "" : ": " + control.reason()) : null);
  }

  // ---- updates --------------------------------------------------------------------------------

  @Override
  public void validateCompleteTask(CompleteTask request) {
    UpdateChecks.completeTask(request, s);
  }

  @Override
  public TaskCompleted completeTask(CompleteTask request) {
    OpenItem task = s.openTasks.remove(request.taskId());
    if (s.progress != null && task.id().equals(s.progress.itemId)) s.progress.resolution = request.outcome().name();
    if (request.outcome() == TaskOutcome.MEETING_BOOKED) {
      s.engagement.merge(EngagementType.MEETING_BOOKED, 1, Integer::sum);
      s.score += playbook().scoring().weight(EngagementType.MEETING_BOOKED);
      s.pendingAlerts.addAll(SequenceRules.entered(playbook().scoring().thresholds(), s.score, s.thresholdsReached));
    }
    ExitReason exit = SequenceRules.exitFor(request.outcome(), playbook());
    if (exit != null) exit(exit, "task '" + task.title() + "' closed with " + request.outcome() + (request.by() == null ? "" : " by " + request.by()));
    s.recordDue = true;
    SequenceActivities.tasks("Close task: " + task.title() + " (" + request.outcome() + ")")
        .close(new TaskClose(task.id(), TaskState.DONE, request.outcome(), request.note(), request.by(), now()));
    return new TaskCompleted(task.id(), request.outcome(), exit != null);
  }

  @Override
  public void validateDecideReview(DecideReview request) {
    UpdateChecks.decideReview(request, s);
  }

  @Override
  public ReviewDecided decideReview(DecideReview request) {
    OpenItem review = s.openReviews.remove(request.reviewId());
    if (s.progress != null && review.id().equals(s.progress.itemId)) {
      s.progress.resolution = request.decision().name();
      s.progress.newTier = request.tier();
    }
    boolean stop = request.decision() == ReviewDecision.STOP;
    if (stop) exit(ExitReason.STOPPED_BY_REVIEW, (request.by() == null ? "" : request.by() + ": ") + (request.note() == null ? review.title() : request.note()));
    s.recordDue = true;
    SequenceActivities.reviews("Record review decision: " + request.decision())
        .close(new ReviewClose(review.id(), TaskState.DONE, request.decision(), request.tier(), request.note(), request.by(), now()));
    return new ReviewDecided(review.id(), request.decision(), stop);
  }

  // ---- query ----------------------------------------------------------------------------------

  @Override
  public SequenceStatus status() {
    NextTouch.Planned next = s.exiting() ? null : nextTouch();
    List<Step> steps = playbook().steps();
    String current = s.exiting() || s.cursor >= steps.size() ? null : steps.get(s.cursor).describe();
    return new SequenceStatus(workflowId(), input.account().id(), input.account().name(), playbook().motion(), s.tier,
        playbook().id(), playbook().version(), input.owner(), s.status, s.details, s.exiting() ? -1 : s.cursor, current,
        next == null ? null : next.description(), next == null ? null : next.at(), s.score, new java.util.TreeMap<>(s.engagement),
        new ArrayList<>(s.openTasks.values()), new ArrayList<>(s.openReviews.values()), s.touches,
        new ArrayList<>(s.recentTouches), new java.util.LinkedHashMap<>(Committee.unreachable(s)), s.paused, s.exit, s.startedAt);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void setStatus(SequenceStatusCode code, String details) {
    boolean changed = code != s.status || !details.equals(s.details);
    s.status = code;
    s.details = details;
    Workflow.setCurrentDetails(details);
    // With "kept-promises" the words above decide nothing: the record is due when what it writes changed.
    if (promisesKept) changed = !recordedState(nextTouch()).equals(s.recorded);
    if (!changed) return;
    if (recordsWhenWaiting) s.recordDue = true;
    else record(false);
  }

  /**
   * With "records-when-waiting", the record that status changes and handlers asked for goes out here:
   * before every wait, and before every provider call, because a provider that is slow or down keeps
   * its activity retrying for as long as it takes, and the read model should then show the step being
   * run, not the wait before it.
   */
  private void recordIfDue() {
    if (recordsWhenWaiting && s.recordDue) record(false);
  }

  private void record(boolean withContacts) {
    if (s.committeeDue) withContacts = true;
    s.committeeDue = false;
    s.recordDue = false;
    if (s.scoreDirty) s.lastScoreRecordAt = now();
    s.scoreDirty = false;
    s.lastRecordAt = now();
    NextTouch.Planned next = s.exiting() ? null : nextTouch();
    s.recorded = recordedState(next);
    List<Step> steps = playbook().steps();
    String current = s.exiting() || s.cursor >= steps.size() ? null : steps.get(s.cursor).describe();
    String summary = "Update the sequences list: " + s.status;
    (recordsWhenWaiting ? SequenceActivities.recordsLocally(summary) : SequenceActivities.records(summary))
        .record(new io.abmsequencer.workflows.channels.SequenceSnapshot(workflowId(), input.account(), playbook().motion(), s.tier,
            playbook().id(), playbook().version(), input.owner(), s.status, current,
            next == null ? null : next.description(), next == null ? null : next.at(), s.score, s.touches,
            s.exit, input.launchId(), s.startedAt, now(), withContacts ? committee() : null));
    NextTouch.Planned indexed = promisesKept || s.exiting() ? next : nextTouchAsBefore();
    index(indexed == null ? null : indexed.at());
  }

  /** What a record writes that a status change can alter, as state: never words. */
  private SequenceState.Recorded recordedState(NextTouch.Planned next) {
    return new SequenceState.Recorded(s.status, s.epoch, s.cursor, next == null ? null : next.stepIndex(), next == null ? null : next.at());
  }

  /**
   * Keeps the search attributes ops filter by current (histories from before the change replay
   * without the upserts). Upserting only on change keeps the history short.
   */
  private void index(Instant nextTouchAt) {
    if (!indexes) return;
    String status = s.status.name();
    String signature = String.join("|", s.tier.name(), playbook().ref(), status, String.valueOf(s.score), String.valueOf(nextTouchAt));
    if (signature.equals(s.indexed)) return;
    s.indexed = signature;
    Workflow.upsertTypedSearchAttributes(SequenceSearchAttributes.updates(input.account().id(), playbook().motion().name(),
        s.tier.name(), playbook().ref(), status, input.owner(), s.score, nextTouchAt).toArray(new io.temporal.common.SearchAttributeUpdate<?>[0]));
  }

  /** What the sequence will really do next (the status, the read model, and with "kept-promises" all else). */
  private NextTouch.Planned nextTouch() {
    return s.exiting() ? null : NextTouch.of(playbook(), s, committee(), now());
  }

  /** The next touch as runs from before "kept-promises" computed it for their details and search attribute. */
  private NextTouch.Planned nextTouchAsBefore() {
    Instant waitEnds = s.progress != null && s.progress.itemId == null ? s.progress.deadline : null;
    return NextTouch.asBefore(playbook(), s.cursor, waitEnds, now(), committee(), s.emailOut, s.smsOut, s.score);
  }

  private String next() {
    NextTouch.Planned next = promisesKept ? nextTouch() : nextTouchAsBefore();
    return next == null ? "" : "; next: " + next.description() + (next.at() == null ? "" : " on " + when(next.at()));
  }

  private String lastEngagement() {
    return s.lastEngagementAt == null ? "" : "; last engagement " + s.lastEngagementType + " on " + when(s.lastEngagementAt);
  }

  /** The committee now: as launched, with the people a list refresh added or removed. */
  private List<Contact> committee() {
    return Committee.now(input.contacts(), s);
  }

  private Playbook playbook() {
    return s.switchedPlaybook != null ? s.switchedPlaybook : input.playbook();
  }

  private BusinessCalendar calendar() {
    return playbook().calendar();
  }

  private TouchKey key(Step step, String contactId) {
    return new TouchKey(workflowId(), playbook().ref() + "/" + step.id() + (s.epoch > 0 ? "#" + s.epoch : ""), contactId);
  }

  private String when(Instant at) {
    return NextTouch.when(at, calendar().timeZone());
  }

  private static String workflowId() {
    return Workflow.getInfo().getWorkflowId();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage();
  }
}
