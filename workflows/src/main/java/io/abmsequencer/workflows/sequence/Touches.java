package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static io.abmsequencer.workflows.sequence.SequenceStatusCode.WAITING;

import io.abmsequencer.workflows.channels.AudienceCleanup;
import io.abmsequencer.workflows.channels.AudienceResult;
import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.AdsStep;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.playbook.EmailStep;
import io.abmsequencer.workflows.playbook.SmsStep;
import io.abmsequencer.workflows.playbook.Step;
import io.abmsequencer.workflows.playbook.Template;
import io.abmsequencer.workflows.playbook.Timeline;
import io.abmsequencer.workflows.playbook.Tracking;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The steps that reach the committee: e-mails and texts, one contact at a time in {@link SendOrder},
 * each in the contact's send window, and ad audiences. A touch a cap defers is tried again later
 * with the same key: never dropped, never sent twice.
 */
final class Touches {
  private static final Logger log = Workflow.getLogger(Touches.class);

  private final SequenceRun run;
  private final SequenceState s;
  private final ReadModel readModel;
  private final Waits waits;

  Touches(SequenceRun run, ReadModel readModel, Waits waits) {
    this.run = run;
    this.s = run.s;
    this.readModel = readModel;
    this.waits = waits;
  }

  void emailStep(EmailStep step) {
    List<Contact> addressed = SequenceRules.holding(step.to(), run.committee());
    while (!s.exiting()) {
      Contact c = nextRecipient(addressed, false);
      if (c == null) return;
      if (!awaitSendWindow(c, false, "email to " + c.role())) continue;
      TouchKey key = run.key(step, c.id());
      Template copy = step.templateFor(c.role());
      Tracking tracking = run.playbook().tracking();
      readModel.recordIfDue();
      TouchResult result =
          touch(() -> SequenceActivities.email("Email to " + c.role() + " " + c.id() + " (step " + step.id() + ")")
              .send(new EmailTouch(key, run.input.account(), c, run.input.owner(), copy.subject(), copy.body(),
                  tracking.clicks(), tracking.opens())));
      afterTouch(step, "EMAIL", c, result, s.emailOut);
    }
  }

  void smsStep(SmsStep step) {
    List<Contact> addressed = SequenceRules.holding(step.to(), run.committee());
    String never = run.versions.promisesKept ? Timeline.textsNeverGoOut(run.calendar()) : null;
    if (never != null) {
      skipTexts(step, addressed, never);
      return;
    }
    while (!s.exiting()) {
      Contact c = nextRecipient(addressed, true);
      if (c == null) return;
      if (!awaitSendWindow(c, true, "text to " + c.role())) continue;
      TouchKey key = run.key(step, c.id());
      readModel.recordIfDue();
      TouchResult result =
          touch(() -> SequenceActivities.sms("Text to " + c.role() + " " + c.id() + " (step " + step.id() + ")")
              .send(new SmsTouch(key, run.input.account(), c, run.input.owner(), step.body())));
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
      s.addTouch(new TouchSummary(step.id(), "SMS", c.id(), c.role().name(), TouchStatus.SKIPPED, SequenceRun.now()));
    }
    s.recordDue = true;
  }

  void adsStep(AdsStep step) {
    List<Contact> members = new ArrayList<>();
    for (Contact c : SequenceRules.holding(step.to(), run.committee())) {
      if (step.action() == AudienceAction.REMOVE || SequenceRules.emailable(c, s.emailOut)) members.add(c);
    }
    if (members.isEmpty()) {
      log.info("Skipping ads step {}: nobody on the committee to add", step.id());
      return;
    }
    waits.holdWhilePaused();
    if (s.exiting()) return;
    AudienceSync sync = new AudienceSync(run.key(step, "*"), run.input.account().id(), step.audience(), step.platforms(), step.action(), members);
    readModel.recordIfDue();
    try {
      if (step.action() == AudienceAction.ADD) s.joinedAudiences = true;
      AudienceResult result = SequenceActivities.ads(step.describe() + " (" + members.size() + " contacts)").sync(sync);
      s.addTouch(new TouchSummary(step.id(), "ADS", "*", null, result.status(), SequenceRun.now()));
    } catch (ActivityFailure e) {
      log.warn("Ads step {} failed permanently: {}", step.id(), rootMessage(e));
      s.addTouch(new TouchSummary(step.id(), "ADS", "*", null, TouchStatus.FAILED, SequenceRun.now()));
    }
  }

  /** An ended sequence stops buying ads at the committee (histories from before the change skip it). */
  void leaveAudiences() {
    if (!run.versions.leavesAudiences || !s.joinedAudiences) return;
    try {
      SequenceActivities.ads("Take the committee out of every ad audience").leaveAll(new AudienceCleanup(SequenceRun.workflowId()));
    } catch (ActivityFailure e) {
      log.warn("Could not take the committee out of its ad audiences: {}", rootMessage(e));
    }
  }

  /** The addressed contact due first who is still reachable and not yet sent to, or null. */
  private Contact nextRecipient(List<Contact> addressed, boolean sms) {
    return SendOrder.next(addressed, s, run.calendar(), SequenceRun.now(), sms, run.versions.promisesKept);
  }

  /**
   * Waits until the touch may go out (send window, cap deferral, absence); true when it may go out
   * right now. Touches due outside the window are deferred, never dropped.
   */
  private boolean awaitSendWindow(Contact c, boolean sms, String what) {
    waits.holdWhilePaused();
    if (s.exiting()) return false;
    Instant at = SendOrder.at(run.calendar(), c, s.progress, s.away, SequenceRun.now(), sms, run.versions.promisesKept);
    if (!at.isAfter(SequenceRun.now())) return true;
    Supplier<String> why = () -> SendOrder.waitReason(c, what, at, s, run.calendar(), SequenceRun.now());
    // An absence may be cut short or extended by a later signal: wake when it changes. An opt-out (or
    // leaving the committee) ends the wait: the step goes on to the others, or ends.
    Instant away = s.away.get(c.id());
    waits.until(() -> at, WAITING, why,
        () -> !Objects.equals(away, s.away.get(c.id())) || (run.versions.promisesKept && !SendOrder.due(c, s, sms)));
    return false;
  }

  private TouchResult touch(Supplier<TouchResult> send) {
    try {
      return send.get();
    } catch (ActivityFailure e) {
      // Only non-retryable failures get here: retryable ones are retried without a limit.
      return new TouchResult(TouchStatus.FAILED, null, rootMessage(e));
    }
  }

  private void afterTouch(Step step, String channel, Contact c, TouchResult result, Map<String, String> out) {
    if (result.status() == TouchStatus.DEFERRED) {
      // A cap was reached: try again later with the same key; never dropped, never sent twice.
      Instant retry = SendOrder.retryAt(result, SequenceRun.now());
      s.progress.deferred.put(c.id(), retry);
      log.info("{} to {} deferred until {}: {}", channel, c.id(), retry, result.detail());
      s.recordDue = true;
      return;
    }
    s.progress.done.add(c.id());
    s.addTouch(new TouchSummary(step.id(), channel, c.id(), c.role().name(), result.status(), SequenceRun.now()));
    if (result.contactLost()) {
      out.put(c.id(), result.status() == TouchStatus.BOUNCED ? "HARD_BOUNCE" : "SUPPRESSED");
      if (SequenceRules.nobodyReachable(run.committee(), s.emailOut, s.smsOut)) {
        run.exit(ExitReason.ALL_CONTACTS_OPTED_OUT, "the last reachable contact " + (result.status() == TouchStatus.BOUNCED ? "bounced" : "is suppressed"));
      }
    }
    s.recordDue = true;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage();
  }
}
