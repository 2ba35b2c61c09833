package io.abmsequencer.starter.launch;

import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Contact;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a refreshed target account list would change, computed before anything happens and kept in
 * the marketer's session until they confirm it (or upload another list).
 *
 * @param id what the confirm form carries, so a stale preview in another tab is not applied
 * @param playbooks the playbook version each tier runs ({@code id@version}), fixed at preview
 * @param scope the playbooks whose running sequences the list replaces (any version)
 * @param running how many sequences ran those playbooks at preview
 */
record RefreshPlan(String id, Instant createdAt, String by, String fileName, int rows, Map<Tier, String> playbooks, List<String> scope,
    int running, List<Add> adds, List<Drop> drops, List<Keep> keeps) {

  RefreshPlan {
    playbooks = Map.copyOf(playbooks);
    scope = List.copyOf(scope);
    adds = List.copyOf(adds);
    drops = List.copyOf(drops);
    keeps = List.copyOf(keeps);
  }

  /**
   * An account of the new list without a running sequence of its motion: it will be launched.
   *
   * @param ranBefore when an earlier sequence of this motion ended, and why ("ended 2 Oct: disqualified"); else null
   */
  record Add(TargetAccount account, String playbook, String ranBefore) {}

  /** A running sequence of the scope whose account is not in the new list: it ends REMOVED_FROM_LIST. */
  record Drop(String workflowId, String accountId, String accountName, Tier tier, String owner, String playbook, int score) {}

  /**
   * An account of the new list that runs already: left running, its committee brought in line.
   *
   * @param note what differs and is not changed here (tier, playbook), or null
   */
  record Keep(String workflowId, String accountId, String accountName, Tier tier, String owner, String playbook, List<Contact> added,
      List<Contact> removed, String note) {
    Keep {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }

    public boolean committeeChanges() {
      return !added.isEmpty() || !removed.isEmpty();
    }
  }

  public List<Keep> committeeChanges() {
    return keeps.stream().filter(Keep::committeeChanges).toList();
  }

  public int contactsAdded() {
    return keeps.stream().mapToInt(k -> k.added().size()).sum();
  }

  public int contactsRemoved() {
    return keeps.stream().mapToInt(k -> k.removed().size()).sum();
  }

  public boolean changesNothing() {
    return adds.isEmpty() && drops.isEmpty() && committeeChanges().isEmpty();
  }
}
