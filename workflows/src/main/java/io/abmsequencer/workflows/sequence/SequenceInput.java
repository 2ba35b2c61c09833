package io.abmsequencer.workflows.sequence;

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
 */
public record SequenceInput(
    Account account,
    List<Contact> contacts,
    String owner,
    Tier tier,
    Playbook playbook,
    String launchId,
    SequenceState carried,
    Integer historyBudget) {

  public SequenceInput {
    contacts = List.copyOf(contacts);
    if (tier == null && playbook != null) tier = playbook.tier();
  }

  public SequenceInput withCarried(SequenceState state) {
    return new SequenceInput(account, contacts, owner, tier, playbook, launchId, state, historyBudget);
  }
}
