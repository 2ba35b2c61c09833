package io.abmsequencer.starter.target;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.SequenceInput;
import java.util.List;

/** A validated account to launch: company facts, its tier and owner, and its buying committee. */
public record Target(Account account, Tier tier, String owner, List<Contact> contacts) {

  public SequenceInput input(Playbook playbook, String launchId) {
    return new SequenceInput(account, contacts, owner, tier == null ? playbook.tier() : tier, playbook, launchId, null, null);
  }
}
