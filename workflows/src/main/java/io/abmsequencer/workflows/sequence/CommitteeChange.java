package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import java.util.List;

/**
 * People joining or leaving the buying committee (a refreshed target account list): new contacts
 * get the steps still to come, removed ones get nothing more.
 */
public record CommitteeChange(List<Contact> added, List<String> removedContactIds) {
  public CommitteeChange {
    added = added == null ? List.of() : List.copyOf(added);
    removedContactIds = removedContactIds == null ? List.of() : List.copyOf(removedContactIds);
  }
}
