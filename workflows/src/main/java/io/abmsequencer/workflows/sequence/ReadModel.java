package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Step;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * What people see of a sequence: its status (the query and the Temporal UI's current details), the
 * read model the console lists (the record) and the search attributes ops filter by.
 */
final class ReadModel {
  private final SequenceRun run;
  private final SequenceState s;
  private final Versions v;

  ReadModel(SequenceRun run) {
    this.run = run;
    this.s = run.s;
    this.v = run.versions;
  }

  /** What the status and the record both show beside the state itself. */
  private record View(NextTouch.Planned next, String currentStep) {}

  private View view() {
    NextTouch.Planned next = s.exiting() ? null : nextTouch();
    List<Step> steps = run.playbook().steps();
    return new View(next, s.exiting() || s.cursor >= steps.size() ? null : steps.get(s.cursor).describe());
  }

  SequenceStatus status() {
    View view = view();
    Playbook playbook = run.playbook();
    NextTouch.Planned next = view.next();
    return new SequenceStatus(SequenceRun.workflowId(), run.input.account().id(), run.input.account().name(), playbook.motion(),
        s.tier, playbook.id(), playbook.version(), run.input.owner(), s.status, s.details, s.exiting() ? -1 : s.cursor,
        view.currentStep(), next == null ? null : next.description(), next == null ? null : next.at(), s.score,
        new TreeMap<>(s.engagement), new ArrayList<>(s.openTasks.values()), new ArrayList<>(s.openReviews.values()), s.touches,
        new ArrayList<>(s.recentTouches), new LinkedHashMap<>(Committee.unreachable(s)), s.paused, s.exit, s.startedAt);
  }

  void setStatus(SequenceStatusCode code, String details) {
    boolean changed = code != s.status || !details.equals(s.details);
    s.status = code;
    s.details = details;
    Workflow.setCurrentDetails(details);
    // With "kept-promises" the words above decide nothing: the record is due when what it writes changed.
    if (v.promisesKept) changed = !recordedState(nextTouch()).equals(s.recorded);
    if (!changed) return;
    if (v.recordsWhenWaiting) s.recordDue = true;
    else record(false);
  }

  /**
   * With "records-when-waiting", the record that status changes and handlers asked for goes out here:
   * before every wait, and before every provider call, because a provider that is slow or down keeps
   * its activity retrying for as long as it takes, and the read model should then show the step being
   * run, not the wait before it.
   */
  void recordIfDue() {
    if (v.recordsWhenWaiting && s.recordDue) record(false);
  }

  void record(boolean withContacts) {
    if (s.committeeDue) withContacts = true;
    s.committeeDue = false;
    s.recordDue = false;
    if (s.scoreDirty) s.lastScoreRecordAt = SequenceRun.now();
    s.scoreDirty = false;
    s.lastRecordAt = SequenceRun.now();
    View view = view();
    NextTouch.Planned next = view.next();
    s.recorded = recordedState(next);
    Playbook playbook = run.playbook();
    String summary = "Update the sequences list: " + s.status;
    (v.recordsWhenWaiting ? SequenceActivities.recordsLocally(summary) : SequenceActivities.records(summary))
        .record(new SequenceSnapshot(SequenceRun.workflowId(), run.input.account(), playbook.motion(), s.tier,
            playbook.id(), playbook.version(), run.input.owner(), s.status, view.currentStep(),
            next == null ? null : next.description(), next == null ? null : next.at(), s.score, s.touches,
            s.exit, run.input.launchId(), s.startedAt, SequenceRun.now(), withContacts ? run.committee() : null));
    // Read after the record: a regular activity yields, and a handler may have ended the sequence meanwhile.
    NextTouch.Planned indexed = v.promisesKept || s.exiting() ? next : nextTouchAsBefore();
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
    if (!v.indexes) return;
    Playbook playbook = run.playbook();
    String status = s.status.name();
    String signature = String.join("|", s.tier.name(), playbook.ref(), status, String.valueOf(s.score), String.valueOf(nextTouchAt));
    if (signature.equals(s.indexed)) return;
    s.indexed = signature;
    Workflow.upsertTypedSearchAttributes(SequenceSearchAttributes.updates(run.input.account().id(), playbook.motion().name(),
        s.tier.name(), playbook.ref(), status, run.input.owner(), s.score, nextTouchAt).toArray(new SearchAttributeUpdate<?>[0]));
  }

  /** What the sequence will really do next (the status, the read model, and with "kept-promises" all else). */
  private NextTouch.Planned nextTouch() {
    return s.exiting() ? null : NextTouch.of(run.playbook(), s, run.committee(), SequenceRun.now());
  }

  /** The next touch as runs from before "kept-promises" computed it for their details and search attribute. */
  private NextTouch.Planned nextTouchAsBefore() {
    Instant waitEnds = s.progress != null && s.progress.itemId == null ? s.progress.deadline : null;
    return NextTouch.asBefore(run.playbook(), s.cursor, waitEnds, SequenceRun.now(), run.committee(), s.emailOut, s.smsOut, s.score);
  }

  /** "; next: email to CHAMPION on ...", for the details of a wait; empty when nothing is planned. */
  String next() {
    NextTouch.Planned next = v.promisesKept ? nextTouch() : nextTouchAsBefore();
    return next == null ? "" : "; next: " + next.description() + (next.at() == null ? "" : " on " + run.when(next.at()));
  }
}
