package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.ads.AudienceMembers.Target;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.Ledger.Recorded;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.workflows.channels.AdAudiences;
import io.abmsequencer.workflows.channels.AudienceCleanup;
import io.abmsequencer.workflows.channels.AudienceResult;
import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.account.Contact;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ad-audience activity: records what should change and leaves the sending to {@link
 * AudienceFlusher}, which batches every sequence's changes per platform and audience. So the
 * activity never calls a platform, never waits on one, and thousands of accounts joining one
 * audience cost a handful of requests.
 *
 * <p>Each call is one ledger row keyed by the step, written in the same transaction as the
 * membership rows, so a retried call changes nothing. In dry-run mode the row is {@code DRY_RUN}.
 * In live mode it is {@code SENDING} ("3 contacts queued for ...") until the platforms have
 * answered, then SENT or FAILED with the platform's words ({@link AudienceSteps}); the activity
 * returns {@code SENT}: the change is recorded and will go out. The row's body lists the contact ids,
 * from which a repeated call's result is rebuilt.
 */
@WorkerSide
@Component("adAudiences")
public class BatchedAdAudiences implements AdAudiences {
  /** The step key of the ledger row of {@link #leaveAll}: {@code <workflowId>/audiences/leave/*}. */
  public static final String LEAVE_STEP = "audiences/leave";

  private static final Logger log = LoggerFactory.getLogger(BatchedAdAudiences.class);

  private final AdsSettings settings;
  private final Ledger ledger;
  private final SuppressionList suppressions;
  private final AudienceMembers members;
  private final AudienceSteps steps;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public BatchedAdAudiences(
      AdsSettings settings,
      Ledger ledger,
      SuppressionList suppressions,
      AudienceMembers members,
      AudienceSteps steps,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.settings = settings;
    this.ledger = ledger;
    this.suppressions = suppressions;
    this.members = members;
    this.steps = steps;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @Override
  public AudienceResult sync(AudienceSync sync) {
    return transaction.execute(status -> syncOnce(sync, status));
  }

  /** Takes everyone the sequence put into audiences out of all of them (the sequence ended). Idempotent. */
  @Override
  public AudienceResult leaveAll(AudienceCleanup cleanup) {
    return transaction.execute(status -> leaveOnce(cleanup.workflowId(), status));
  }

  private AudienceResult syncOnce(AudienceSync sync, TransactionStatus status) {
    TouchRow existing = ledger.find(sync.key()).orElse(null);
    if (existing != null) return recorded(existing);

    List<AdPlatform> platforms = sync.platforms() == null ? List.of() : sync.platforms().stream().distinct().toList();
    List<Contact> contacts = sync.contacts() == null ? List.of() : sync.contacts();
    String where = platforms.stream().map(StepProgress::name).collect(Collectors.joining(", ")) + " audience '" + sync.audience() + "'";
    List<String> ids;
    String detail;
    if (sync.action() == AudienceAction.ADD) {
      Map<String, Target> targets = reachable(contacts);
      ids = List.copyOf(targets.keySet());
      members.queueAdds(sync.audience(), platforms, List.copyOf(targets.values()), sync.key(), sync.accountId());
      int skipped = contacts.size() - ids.size();
      detail = StepProgress.contacts(ids.size()) + (settings.live() ? " queued for " : " recorded for ") + where
          + (settings.live() ? "" : " (dry run: not sent)")
          + (skipped > 0 ? "; " + skipped + " suppressed or without e-mail skipped" : "");
    } else {
      // Suppressed contacts are removed too: removal is what an opt-out asks for.
      List<String> requested = contacts.stream().map(Contact::id).distinct().toList();
      ids = members.queueRemovals(sync.audience(), platforms, requested, sync.key());
      detail = StepProgress.contacts(ids.size()) + (settings.live() ? " queued for removal from " : " removed from ") + where
          + (settings.live() ? "" : " (dry run: not sent)");
    }
    String subject = sync.action() + " " + where;
    TouchRow row = write(sync.key(), sync.accountId(), sync.audience(), subject, ids, detail);
    if (row != null) {
      status.setRollbackOnly(); // another attempt of this call recorded it first: keep its result
      return recorded(row);
    }
    log.info("Ad audience {}: {}: {}", settings.live() ? "queued" : "dry run", sync.key(), detail);
    return new AudienceResult(ids.size(), resultStatus(ids.size()), detail);
  }

  private AudienceResult leaveOnce(String workflowId, TransactionStatus status) {
    TouchKey key = new TouchKey(workflowId, LEAVE_STEP, "*");
    TouchRow existing = ledger.find(key).orElse(null);
    List<String> ids = members.memberContacts(workflowId);
    String account = members.accountOf(workflowId).orElse(null);
    members.removeForWorkflow(workflowId, settings.live() ? LEAVE_STEP : null);
    if (existing != null) return recorded(existing);
    if (ids.isEmpty()) return new AudienceResult(0, resultStatus(0), "in no ad audience: nothing to take out");

    String detail = StepProgress.contacts(ids.size())
        + (settings.live() ? " queued for removal from every ad audience" : " taken out of every ad audience (dry run: not sent)");
    TouchRow row = write(key, account, null, "LEAVE every ad audience", ids, detail);
    if (row != null) {
      status.setRollbackOnly();
      return recorded(row);
    }
    log.info("Ad audiences left: {}: {}", workflowId, detail);
    return new AudienceResult(ids.size(), resultStatus(ids.size()), detail);
  }

  /**
   * The step's ledger row: {@code DRY_RUN} at once, or (live) {@code SENDING} with the queued detail
   * until the flusher writes the platforms' answer; with nothing to send, {@code SKIPPED}.
   *
   * @return null when this call wrote it; else the row another attempt of the same call wrote first
   */
  private TouchRow write(TouchKey key, String accountId, String recipient, String subject, List<String> ids, String detail) {
    String body = String.join("\n", ids);
    if (!settings.live() || ids.isEmpty()) {
      Recorded recorded = ledger.record(key, accountId, Channel.ADS, resultStatus(ids.size()), recipient, subject, body, detail);
      return recorded.applied() ? null : recorded.row();
    }
    TouchRow row = ledger.begin(key, accountId, Channel.ADS, recipient, subject, body);
    if (row.isFinal() || row.attempts() > 1) return row;
    ledger.note(key, detail);
    steps.open(key, clock.instant());
    return null;
  }

  /** Contacts with an e-mail address that is not suppressed, by contact id, hashed. */
  private Map<String, Target> reachable(List<Contact> contacts) {
    List<Contact> withEmail = contacts.stream().filter(c -> c.email() != null && !c.email().isBlank()).toList();
    Set<String> suppressed = suppressions.suppressedAmong(Channel.EMAIL, withEmail.stream().map(Contact::email).toList());
    Map<String, Target> targets = new LinkedHashMap<>();
    for (Contact c : withEmail) {
      if (suppressed.contains(SuppressionList.normalize(Channel.EMAIL, c.email()))) continue;
      targets.putIfAbsent(c.id(), new Target(c.id(), AudienceHashing.emailSha256(c.email()), AudienceHashing.phoneSha256(c.phone())));
    }
    return targets;
  }

  private TouchStatus resultStatus(int members) {
    if (!settings.live()) return TouchStatus.DRY_RUN;
    return members == 0 ? TouchStatus.SKIPPED : TouchStatus.SENT;
  }

  /** A repeated call's result, from the row the first call wrote (its body lists the contact ids). */
  private static AudienceResult recorded(TouchRow row) {
    int count = row.body() == null || row.body().isEmpty() ? 0 : row.body().split("\n").length;
    TouchStatus status = row.isFinal() ? row.touchStatus() : TouchStatus.SENT;
    return new AudienceResult(count, status, row.detail());
  }
}
