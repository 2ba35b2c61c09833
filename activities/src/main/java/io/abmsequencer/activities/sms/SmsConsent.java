package io.abmsequencer.activities.sms;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.suppression.Suppression;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import java.util.Optional;

/**
 * The checks right before every text, shared by the dry run and the live channel, so a dry run
 * shows exactly what would go out: no phone or no SMS consent → {@code SKIPPED}; a suppressed number
 * → {@code SUPPRESSED}. Each writes its outcome to the ledger (a key already final keeps its own).
 */
final class SmsConsent {
  private final Ledger ledger;
  private final SuppressionList suppressions;

  SmsConsent(Ledger ledger, SuppressionList suppressions) {
    this.ledger = ledger;
    this.suppressions = suppressions;
  }

  /** The contact's number as stored and compared (E.164), or null. */
  static String phoneOf(SmsTouch touch) {
    String phone = SuppressionList.normalize(Channel.SMS, touch.contact().phone());
    return phone == null || phone.isEmpty() ? null : phone;
  }

  /** The outcome when the touch must not be sent; empty when it may go out. */
  Optional<TouchResult> refuse(SmsTouch touch, String phone) {
    if (phone == null) return Optional.of(record(touch, TouchStatus.SKIPPED, null, "no phone number"));
    if (!touch.contact().smsConsent()) return Optional.of(record(touch, TouchStatus.SKIPPED, phone, "no SMS consent"));
    Optional<Suppression> suppressed = suppressions.find(Channel.SMS, phone);
    if (suppressed.isPresent()) {
      String detail = "not sent: number suppressed (" + suppressed.get().reason() + ")";
      return Optional.of(record(touch, TouchStatus.SUPPRESSED, phone, detail));
    }
    return Optional.empty();
  }

  private TouchResult record(SmsTouch touch, TouchStatus status, String phone, String detail) {
    return ledger.record(touch.key(), touch.account().id(), Channel.SMS, status, phone, null, null, detail)
        .row()
        .result();
  }

  /** Enough of the number to tell contacts apart in a log, not enough to text them. */
  static String masked(String phone) {
    if (phone == null) return "(none)";
    if (phone.length() <= 4) return "****";
    return phone.substring(0, Math.min(2, phone.length() - 4))
        + "*".repeat(phone.length() - 4 - Math.min(2, phone.length() - 4))
        + phone.substring(phone.length() - 4);
  }
}
