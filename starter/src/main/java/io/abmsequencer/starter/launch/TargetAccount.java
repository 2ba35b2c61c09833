package io.abmsequencer.starter.launch;

import io.abmsequencer.workflows.playbook.Tier;
import java.util.List;

/**
 * A validated target account and its buying committee, in file order.
 *
 * @param accountId part of the sequence's workflow id: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
 * @param domain lower case, or null
 * @param industry null when empty
 * @param owner the account owner's e-mail or username
 * @param firstRow the line of the file where the account's first record starts
 */
public record TargetAccount(
    String accountId,
    String name,
    String domain,
    String industry,
    Tier tier,
    String owner,
    int firstRow,
    List<TargetContact> contacts) {

  public TargetAccount {
    contacts = List.copyOf(contacts);
  }
}
