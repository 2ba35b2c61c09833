package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Tier;
import java.util.List;

/**
 * Everything a sequence needs, snapshotted at launch. Continue-as-new passes the same input back
 * with {@code carried} set.
 *
 * @param tier the account's tier (may differ from the playbook's when a review changed it)
 * @param owner the account's SDR / owner, who gets the tasks and whose identity sends the e-mail
 * @param launchId the bulk launch that started it, or null
 * @param carried state carried over continue-as-new; null on the first run
 * @param historyBudget continue-as-new after this many history events; null means the default
 * @param optedOut contacts already unreachable on a channel when the sequence starts (the suppression
 *     list at launch, or what the sequence handing over knew): applied as opt-outs before the first
 *     step, so no task is opened about them either. Empty for sequences launched before it existed.
 */
public record SequenceInput(
    Account account,
    List<Contact> contacts,
    String owner,
    Tier tier,
    Playbook playbook,
    String launchId,
    SequenceState carried,
    Integer historyBudget,
    List<OptOut> optedOut) {

  public SequenceInput {
    contacts = List.copyOf(contacts);
    if (tier == null && playbook != null) tier = playbook.tier();
    optedOut = optedOut == null ? List.of() : List.copyOf(optedOut);
  }

  /** Nobody opted out at launch. */
  public SequenceInput(Account account, List<Contact> contacts, String owner, Tier tier, Playbook playbook, String launchId,
      SequenceState carried, Integer historyBudget) {
    this(account, contacts, owner, tier, playbook, launchId, carried, historyBudget, null);
  }

  public SequenceInput withCarried(SequenceState state) {
    return new SequenceInput(account, contacts, owner, tier, playbook, launchId, state, historyBudget, optedOut);
  }

  /** The same launch with these contacts already opted out. */
  public SequenceInput withOptedOut(List<OptOut> out) {
    return new SequenceInput(account, contacts, owner, tier, playbook, launchId, carried, historyBudget, out);
  }
}
