package io.abmsequencer.starter.sms;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;

/**
 * Keeps SMS consent on the suppression list alone, while no {@link SmsOptOuts} bean exists: every
 * channel checks that list right before each text, so a STOP is honoured from the next text on.
 */
final class SuppressionOnlyOptOuts implements SmsOptOuts {
  private final SuppressionList suppressions;

  SuppressionOnlyOptOuts(SuppressionList suppressions) {
    this.suppressions = suppressions;
  }

  @Override
  public void stopped(String e164) {
    suppressions.suppressAndAudit(Channel.SMS, e164, SuppressionReason.SMS_STOP, "replied with an opt-out keyword", "recipient");
  }

  /** Lifts only a suppression a STOP put there: a manual one, or a bounce, stays. */
  @Override
  public void started(String e164) {
    suppressions.liftAndAudit(Channel.SMS, e164, SuppressionReason.SMS_STOP, "START by text message", "recipient");
  }
}
