package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.EXITED;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.RUNNING_STEP;

import io.abmsequencer.workflows.playbook.AdsStep;
import io.abmsequencer.workflows.playbook.EmailStep;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.ReviewStep;
import io.abmsequencer.workflows.playbook.SmsStep;
import io.abmsequencer.workflows.playbook.Step;
import io.abmsequencer.workflows.playbook.TaskStep;
import io.abmsequencer.workflows.playbook.WaitStep;
import io.abmsequencer.workflows.sequence.SequenceState.StepProgress;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * Walks the playbook one step at a time. Handlers only change state; every activity call and
 * timer belongs to the main loop (or, for the task and review updates, to the handler that must
 * answer), so the order of commands depends on nothing but history.
 *
 * <p>The rooms it walks through are plain objects of this instance, sharing one {@link SequenceRun}:
 * {@link Touches} (e-mails, texts, ads), {@link HumanSteps} (tasks and reviews), {@link Waits} and
 * the {@link ReadModel}.
 */
public class AccountSequenceWorkflowImpl implements AccountSequenceWorkflow {

  /**
   * Continue-as-new after this many history events. Temporal refuses continue-as-new while new
   * signals keep arriving, so a run can overshoot during a burst; 1,000 keeps runs under 2,000.
   */
  public static final int DEFAULT_HISTORY_BUDGET = 1000;

  private static final Logger log = Workflow.getLogger(AccountSequenceWorkflowImpl.class);

  private final SequenceInput input;
  private final SequenceState s;
  private final SequenceRun run;
  private final Versions versions;
  private final ReadModel readModel;
  private final Waits waits;
  private final Touches touches;
  private final HumanSteps humans;

  @WorkflowInit
  public AccountSequenceWorkflowImpl(SequenceInput input) {
    this.input = input;
    if (input.carried() != null) {
      this.s = input.carried();
    } else {
      this.s = new SequenceState();
      this.s.tier = input.tier();
      this.s.startedAt = SequenceRun.now();
      // Unreachable from the start (suppressed before the launch): known before any step, like an opt-out.
      for (OptOut out : input.optedOut()) if (out != null && out.contactId() != null) Committee.markOut(s, out);
    }
    this.run = new SequenceRun(input, s);
    this.versions = run.versions;
    this.readModel = new ReadModel(run);
    this.waits = new Waits(run, readModel, new ScoreAlerts(run));
    this.touches = new Touches(run, readModel, waits);
    this.humans = new HumanSteps(run, waits);
  }

  @Override
  public SequenceResult run(SequenceInput ignored) {
    // Workflow.getVersion can yield, which would reorder commands mid-run against handlers' commands,
    // so every version decision is taken once, first thing in each run (see Versions for each).
    versions.indexes = Workflow.getVersion("search-attributes", Workflow.DEFAULT_VERSION, 1) >= 1;
    versions.leavesAudiences = Workflow.getVersion("leave-audiences-on-exit", Workflow.DEFAULT_VERSION, 1) >= 1;
    versions.scoresAtOnce = Workflow.getVersion("score-at-once", Workflow.DEFAULT_VERSION, 1) >= 1;
    versions.quietKnownOptOuts = Workflow.getVersion("quiet-known-opt-out", Workflow.DEFAULT_VERSION, 1) >= 1;
    versions.recordsWhenWaiting = Workflow.getVersion("records-when-waiting", Workflow.DEFAULT_VERSION, 1) >= 1;
    versions.promisesKept = Workflow.getVersion("kept-promises", Workflow.DEFAULT_VERSION, 1) >= 1;
    versions.relistsOnce = Workflow.getVersion("relisted-once", Workflow.DEFAULT_VERSION, 1) >= 1;
    s.runs++;
    if (input.carried() == null) {
      s.details = "Starting " + playbook().name() + " for " + input.account().name();
      Workflow.setCurrentDetails(s.details);
      if (versions.recordsWhenWaiting) {
        // The first record, before the first wait or touch, carries the committee.
        s.committeeDue = true;
        s.recordDue = true;
      } else {
        readModel.record(true);
      }
      if (!input.optedOut().isEmpty() && SequenceRules.nobodyReachable(run.committee(), s.emailOut, s.smsOut)) {
        run.exit(ExitReason.ALL_CONTACTS_OPTED_OUT, "everyone on the committee had opted out before the launch");
      }
    }
    while (!s.exiting()) {
      if (waits.attendToHandlers()) continue;
      if (s.paused) {
        waits.whilePaused();
        continue;
      }
      List<Step> steps = playbook().steps();
      if (s.cursor >= steps.size()) {
        run.exit(ExitReason.COMPLETED, "all " + steps.size() + " steps done");
        break;
      }
      Step step = steps.get(s.cursor);
      if (s.progress == null) {
        if (!step.runsAt(s.score)) {
          log.info("Skipping step {}: score {} does not meet '{}'", step.id(), s.score, step.when().text());
          s.cursor++;
          continue;
        }
        s.progress = new StepProgress(step.id(), SequenceRun.now());
        readModel.setStatus(RUNNING_STEP, "Step " + (s.cursor + 1) + " of " + steps.size() + ": " + step.describe());
      }
      boolean advance = runStep(step);
      if (s.exiting()) break;
      if (advance) {
        s.progress = null;
        s.cursor++;
      }
      waits.continueAsNewIfDue();
    }
    return finish();
  }

  /** Runs (or resumes) a step; false when the step moved the cursor itself (a tier change). */
  private boolean runStep(Step step) {
    if (step instanceof WaitStep w) {
      waits.waitStep(w);
    } else if (step instanceof EmailStep e) {
      touches.emailStep(e);
    } else if (step instanceof SmsStep sms) {
      touches.smsStep(sms);
    } else if (step instanceof AdsStep a) {
      touches.adsStep(a);
    } else if (step instanceof TaskStep t) {
      humans.taskStep(t);
    } else if (step instanceof ReviewStep r) {
      return humans.reviewStep(r);
    }
    return true;
  }

  private SequenceResult finish() {
    humans.cancelOpenItems("Sequence ended: " + s.exit.words());
    touches.leaveAudiences();
    String handedOverTo = s.exit == ExitReason.CLOSED_WON ? Handover.toExpansion(input, run.committee(), playbook(), s) : null;
    readModel.setStatus(EXITED, "Ended: " + s.exit.words() + (s.exitDetail == null ? "" : " (" + s.exitDetail + ")")
        + (handedOverTo == null ? "" : "; handed over to " + handedOverTo));
    readModel.record(false);
    Workflow.await(Workflow::isEveryHandlerFinished);
    return new SequenceResult(s.exit, s.score, s.touches, handedOverTo);
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
    if (exit != null) run.exit(exit, "engagement event " + (exit == ExitReason.REPLIED ? "EMAIL_REPLY" : "MEETING_BOOKED"));
    // The score reaches the read model in the next flush, not per batch: history stays bounded.
    s.scoreDirty = true;
  }

  @Override
  public void stageChanged(StageChange change) {
    if (change == null || change.stage() == null || s.exiting()) return;
    s.stage = change.stage().name();
    ExitReason exit = SequenceRules.exitFor(change.stage(), playbook());
    if (exit != null) run.exit(exit, "CRM stage " + change.stage());
    s.recordDue = true;
  }

  @Override
  public void optOut(OptOut optOut) {
    if (optOut == null || optOut.contactId() == null || s.exiting()) return;
    if (!Committee.markOut(s, optOut) && versions.quietKnownOptOuts) return;
    if (SequenceRules.nobodyReachable(run.committee(), s.emailOut, s.smsOut)) {
      run.exit(ExitReason.ALL_CONTACTS_OPTED_OUT, "the last reachable contact opted out");
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
    Committee.refresh(change, input.contacts(), s, versions.relistsOnce);
    List<Contact> committee = run.committee();
    if (committee.isEmpty() || SequenceRules.nobodyReachable(committee, s.emailOut, s.smsOut)) {
      run.exit(ExitReason.ALL_CONTACTS_OPTED_OUT, "nobody left on the committee after a list refresh");
    }
    s.committeeDue = true;
    s.recordDue = true;
  }

  @Override
  public void removeFromList(Control control) {
    run.exit(ExitReason.REMOVED_FROM_LIST, by(control));
  }

  @Override
  public void pause(Control control) {
    if (s.paused || s.exiting()) return;
    s.paused = true;
    s.pausedAt = SequenceRun.now();
    s.recordDue = true;
  }

  @Override
  public void resume(Control control) {
    if (!s.paused || s.exiting()) return;
    // Waits stop counting while paused: push the end of a wait in progress back by the pause.
    Duration paused = Duration.between(s.pausedAt, SequenceRun.now());
    if (s.progress != null && s.progress.deadline != null && s.progress.itemId == null) {
      s.progress.deadline = s.progress.deadline.plus(paused);
    }
    s.paused = false;
    s.pausedAt = null;
    s.recordDue = true;
  }

  @Override
  public void cancel(Control control) {
    run.exit(ExitReason.CANCELLED, by(control));
  }

  /** "by ops@yourco.example: duplicate account", for an exit's detail; null when nobody signed it. */
  private static String by(Control control) {
    return control != null && control.by() != null ? "by " + control.by() + (control.reason() == null ? "" : ": " + control.reason()) : null;
  }

  // ---- updates (the handlers, which call an activity, say in HumanSteps why they need no lock) ----

  @Override
  public void validateCompleteTask(CompleteTask request) {
    UpdateChecks.completeTask(request, s);
  }

  @Override
  public TaskCompleted completeTask(CompleteTask request) {
    return humans.completeTask(request);
  }

  @Override
  public void validateDecideReview(DecideReview request) {
    UpdateChecks.decideReview(request, s);
  }

  @Override
  public ReviewDecided decideReview(DecideReview request) {
    return humans.decideReview(request);
  }

  // ---- query ----------------------------------------------------------------------------------

  @Override
  public SequenceStatus status() {
    return readModel.status();
  }

  private Playbook playbook() {
    return run.playbook();
  }
}
