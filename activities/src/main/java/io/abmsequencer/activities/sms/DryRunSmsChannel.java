package io.abmsequencer.activities.sms;

import io.abmsequencer.activities.email.MailSettings.Sender;
import io.abmsequencer.activities.email.SenderIdentities;
import io.abmsequencer.activities.email.TemplateFields;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.Ledger.Recorded;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.workflows.channels.SmsChannel;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Templates;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text messages recorded, not sent ({@code abm.sms.mode=dry-run}, the default): the ledger gets a
 * {@code DRY_RUN} row with the rendered body, exactly once per key. Consent rules apply as for a real
 * send ({@link SmsConsent}), so what the dry run shows is what would go out. The bean {@code
 * smsChannel} is this or {@link TwilioSmsChannel}, by mode ({@link SmsConfiguration}).
 */
public class DryRunSmsChannel implements SmsChannel {
  private static final Logger log = LoggerFactory.getLogger(DryRunSmsChannel.class);

  private final Ledger ledger;
  private final SmsConsent consent;
  private final SenderIdentities senders;

  public DryRunSmsChannel(Ledger ledger, SuppressionList suppressions, SenderIdentities senders) {
    this.ledger = ledger;
    this.consent = new SmsConsent(ledger, suppressions);
    this.senders = senders;
  }

  @Override
  public TouchResult send(SmsTouch touch) {
    String phone = SmsConsent.phoneOf(touch);
    Optional<TouchResult> refused = consent.refuse(touch, phone);
    if (refused.isPresent()) return refused.get();
    Sender owner = senders.forOwner(touch.owner());
    String body = Templates.render(touch.body(), TemplateFields.of(touch.account(), touch.contact(), owner));
    Recorded recorded =
        ledger.record(
            touch.key(), touch.account().id(), Channel.SMS, TouchStatus.DRY_RUN, phone, null, body,
            "dry run: not sent (no SMS provider configured)");
    if (recorded.applied()) {
      log.info("SMS dry run: {} to {}: {}", touch.key(), SmsConsent.masked(phone), body);
    }
    return recorded.row().result();
  }
}
