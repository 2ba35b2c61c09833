package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.calendar.BusinessCalendar;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Step;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * What the workflow's collaborators share in one run: its input, its {@link SequenceState} and its
 * version decisions, with the questions they all ask of them (which playbook, who is on the
 * committee, what time it is on the workflow's clock).
 */
final class SequenceRun {
  final SequenceInput input;
  final SequenceState s;
  final Versions versions = new Versions();

  SequenceRun(SequenceInput input, SequenceState s) {
    this.input = input;
    this.s = s;
  }

  Playbook playbook() {
    return s.switchedPlaybook != null ? s.switchedPlaybook : input.playbook();
  }

  BusinessCalendar calendar() {
    return playbook().calendar();
  }

  /** The committee now: as launched, with the people a list refresh added or removed. */
  List<Contact> committee() {
    return Committee.now(input.contacts(), s);
  }

  Contact firstReachable(Role role) {
    return Committee.firstReachable(committee(), role, s);
  }

  /** Ends the sequence for the first reason given; later reasons change nothing. */
  void exit(ExitReason reason, String detail) {
    if (s.exit != null) return;
    s.exit = reason;
    s.exitDetail = detail;
  }

  /** The ledger's idempotency key of a touch: a step of a playbook switched to never reuses an old one. */
  TouchKey key(Step step, String contactId) {
    return new TouchKey(workflowId(), playbook().ref() + "/" + step.id() + (s.epoch > 0 ? "#" + s.epoch : ""), contactId);
  }

  /** "; last engagement DEMO_REQUEST on ...", for the SDR's tasks; empty before any. */
  String lastEngagement() {
    return s.lastEngagementAt == null ? "" : "; last engagement " + s.lastEngagementType + " on " + when(s.lastEngagementAt);
  }

  String when(Instant at) {
    return NextTouch.when(at, calendar().timeZone());
  }

  static String workflowId() {
    return Workflow.getInfo().getWorkflowId();
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
