package io.abmsequencer.starter.suppression;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.suppression.Suppression;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.starter.suppression.SuppressionAudit.Action;
import io.abmsequencer.starter.target.ContactRules;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's suppression list: additions go through {@link ConsentService} (so running
 * sequences are told and the person leaves every ad audience, as with any opt-out), lifts take a
 * reason, and both are written to the audit trail.
 */
@Service
class SuppressionDesk {

  /** Reasons a person may give by hand; SMS_STOP only ever comes from the person's own text. */
  static final List<SuppressionReason> REASONS =
      List.of(SuppressionReason.MANUAL, SuppressionReason.UNSUBSCRIBED, SuppressionReason.COMPLAINT, SuppressionReason.HARD_BOUNCE);

  static final int LIST_LIMIT = 200;
  static final int TRAIL_LIMIT = 50;

  /** @param added false when the address was on the list already (nothing changed) */
  record Added(String email, boolean added, int sequencesTold) {}

  private final SuppressionList suppressions;
  private final ConsentService consent;
  private final SuppressionAudit audit;
  private final TransactionTemplate transaction;

  SuppressionDesk(SuppressionList suppressions, ConsentService consent, SuppressionAudit audit, PlatformTransactionManager transactions) {
    this.suppressions = suppressions;
    this.consent = consent;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions);
  }

  List<Suppression> search(String q) {
    return suppressions.search(q, LIST_LIMIT);
  }

  List<SuppressionAudit.Entry> trail(String q) {
    return audit.recent(q, TRAIL_LIMIT);
  }

  /**
   * Suppresses the e-mail address, takes the person out of ad audiences and tells the running
   * sequences that target them, and writes the audit row (all through {@link ConsentService}).
   *
   * @throws IllegalArgumentException for an address that is not one, or a reason not given by hand
   */
  Added add(String email, SuppressionReason reason, String note, String by) {
    String address = ContactRules.normaliseEmail(email);
    if (reason == null || !REASONS.contains(reason)) throw new IllegalArgumentException("reason: one of " + REASONS);
    ConsentService.OptedOut out = consent.optOutEmail(address, reason, blankToNull(note), by);
    return new Added(out.email(), out.added(), out.sequencesTold().size());
  }

  /**
   * Lets the address be contacted again. Sequences that already dropped the person do not take them
   * back; new launches may contact them.
   *
   * @return the suppression that was lifted; empty when the address was not suppressed
   */
  Optional<Suppression> lift(Channel channel, String address, String note, String by) {
    if (note == null || note.isBlank()) throw new IllegalArgumentException("note: say why the address may be contacted again");
    return transaction.execute(status -> {
      Optional<Suppression> existing = suppressions.find(channel, address);
      if (existing.isEmpty() || !suppressions.lift(channel, address)) return Optional.<Suppression>empty();
      Suppression lifted = existing.get();
      audit.record(channel, lifted.address(), Action.LIFTED, lifted.reason().name(), note.trim(), 0, by);
      return existing;
    });
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
