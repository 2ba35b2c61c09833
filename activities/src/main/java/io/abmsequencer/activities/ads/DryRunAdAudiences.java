package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.Ledger.Recorded;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.workflows.channels.AdAudiences;
import io.abmsequencer.workflows.channels.AudienceResult;
import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.sequence.Contact;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ad audiences kept in the database, not yet pushed to LinkedIn or Google. Membership is exact
 * (added contacts are the ones a later removal takes out) and each call is one ledger row ({@code
 * DRY_RUN}) keyed by the step, written in the same transaction as the membership, so a retried call
 * changes nothing. The ledger row's body lists the contact ids added or removed, from which a
 * replay's result is rebuilt.
 */
@Component("adAudiences")
public class DryRunAdAudiences implements AdAudiences {
  private static final Logger log = LoggerFactory.getLogger(DryRunAdAudiences.class);

  private final Ledger ledger;
  private final SuppressionList suppressions;
  private final AudienceMembers members;
  private final TransactionTemplate transaction;

  public DryRunAdAudiences(
      Ledger ledger, SuppressionList suppressions, AudienceMembers members, PlatformTransactionManager transactions) {
    this.ledger = ledger;
    this.suppressions = suppressions;
    this.members = members;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public AudienceResult sync(AudienceSync sync) {
    return transaction.execute(status -> syncOnce(sync));
  }

  /** Interim: marks the sequence's memberships removed (the live adapter replaces this with real removals). */
  @Override
  public AudienceResult leaveAll(io.abmsequencer.workflows.channels.AudienceCleanup cleanup) {
    int removed = 0;
    for (var member : members.forWorkflow(cleanup.workflowId())) {
      if (member.removedAt() == null) removed += members.remove(member.audience(), List.of(member.platform()), List.of(member.contactId()));
    }
    return new AudienceResult(removed, io.abmsequencer.workflows.channels.TouchStatus.DRY_RUN, members(removed) + " taken out of their audiences (dry run)");
  }

  private AudienceResult syncOnce(AudienceSync sync) {
    TouchRow existing = ledger.find(sync.key()).orElse(null);
    if (existing != null && existing.isFinal()) return recorded(existing);

    List<AdPlatform> platforms = sync.platforms() == null ? List.of() : List.copyOf(sync.platforms());
    List<Contact> contacts = sync.contacts() == null ? List.of() : sync.contacts();
    String where = sync.audience() + " on " + platforms.stream().map(Enum::name).collect(Collectors.joining(", "));
    List<String> ids;
    String detail;
    if (sync.action() == AudienceAction.ADD) {
      List<Contact> reachable = contacts.stream().filter(c -> c.email() != null && !c.email().isBlank()).toList();
      Set<String> suppressed =
          suppressions.suppressedAmong(Channel.EMAIL, reachable.stream().map(Contact::email).toList());
      ids = reachable.stream()
          .filter(c -> !suppressed.contains(SuppressionList.normalize(Channel.EMAIL, c.email())))
          .map(Contact::id)
          .distinct()
          .toList();
      int skipped = contacts.size() - ids.size();
      detail = members(ids.size()) + " added to " + where + " (dry run)"
          + (skipped > 0 ? "; " + skipped + " suppressed or without e-mail skipped" : "");
    } else {
      // Suppressed contacts are removed too: removal is what an opt-out asks for.
      List<String> requested = contacts.stream().map(Contact::id).distinct().toList();
      ids = members.activeAmong(sync.audience(), platforms, requested);
      detail = members(ids.size()) + " removed from " + where + " (dry run)";
    }

    Recorded recorded =
        ledger.record(
            sync.key(), sync.accountId(), Channel.ADS, TouchStatus.DRY_RUN, sync.audience(),
            sync.action() + " " + where, String.join("\n", ids), detail);
    if (!recorded.applied()) return recorded(recorded.row());

    if (sync.action() == AudienceAction.ADD) {
      for (String id : ids) {
        for (AdPlatform platform : platforms) {
          members.add(sync.audience(), platform, id, sync.key().workflowId(), sync.accountId());
        }
      }
    } else {
      members.remove(sync.audience(), platforms, ids);
    }
    log.info("Ad audience dry run: {}: {}", sync.key(), detail);
    return new AudienceResult(ids.size(), TouchStatus.DRY_RUN, detail);
  }

  private static String members(int n) {
    return n + (n == 1 ? " member" : " members");
  }

  /** A replayed call's result, from the row the first call wrote (its body lists the contact ids). */
  private static AudienceResult recorded(TouchRow row) {
    int count = row.body() == null || row.body().isEmpty() ? 0 : row.body().split("\n").length;
    return new AudienceResult(count, row.touchStatus(), row.detail());
  }
}
