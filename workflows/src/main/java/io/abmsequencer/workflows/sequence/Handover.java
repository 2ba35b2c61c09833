package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.channels.PlaybookLookup;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Playbook;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * A closed-won new logo moves into the expansion motion: the new-logo sequence starts the account's
 * expansion sequence as a child that outlives it (so ops see the lineage in the Temporal UI).
 */
final class Handover {
  private static final Logger log = Workflow.getLogger(Handover.class);

  private Handover() {}

  /** What the sequence knows of opt-outs, one entry per contact (channel EMAIL, SMS or ALL). */
  static List<OptOut> optedOut(SequenceState s) {
    List<OptOut> out = new ArrayList<>();
    s.emailOut.forEach((id, reason) -> out.add(new OptOut(id, s.smsOut.containsKey(id) ? "ALL" : "EMAIL", reason)));
    s.smsOut.forEach((id, reason) -> {
      if (!s.emailOut.containsKey(id)) out.add(new OptOut(id, "SMS", reason));
    });
    return out;
  }

  /** Starts the expansion sequence; returns its workflow id, or null when there is nothing to start. */
  static String toExpansion(SequenceInput input, List<Contact> committee, Playbook current, SequenceState s) {
    if (current.motion() != Motion.NEW_LOGO || current.closedWonHandover() == null) return null;
    Playbook expansion = SequenceActivities.catalog("Find expansion playbook " + current.closedWonHandover())
        .find(PlaybookLookup.byId(current.closedWonHandover()));
    if (expansion == null || expansion.motion() != Motion.EXPANSION) {
      log.warn("Closed won, but no expansion playbook '{}' is stored: no handover", current.closedWonHandover());
      return null;
    }
    String childId = WorkflowIds.of(Motion.EXPANSION, input.account().id());
    ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
        .setWorkflowId(childId)
        .setTaskQueue(Workflow.getInfo().getTaskQueue())
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setStaticSummary(Summaries.of(expansion, input.account(), input.tier()))
        .build();
    AccountSequenceWorkflow child = Workflow.newChildWorkflowStub(AccountSequenceWorkflow.class, options);
    // Who opted out stays out: the expansion sequence neither mails them nor opens tasks about them.
    SequenceInput childInput = new SequenceInput(input.account(), committee, input.owner(), expansion.tier(),
        expansion, input.launchId(), null, input.historyBudget(), optedOut(s));
    Async.function(child::run, childInput);
    try {
      Workflow.getWorkflowExecution(child).get();
      log.info("Handed over to {} ({})", childId, expansion.ref());
      return childId;
    } catch (ChildWorkflowFailure e) {
      log.warn("Expansion sequence {} could not start (already running?): {}", childId, e.getMessage());
      return null;
    }
  }
}
