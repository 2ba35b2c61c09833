package io.abmsequencer.activities.sms;

import io.abmsequencer.activities.email.MailSettings.Sender;
import io.abmsequencer.activities.email.SenderIdentities;
import io.abmsequencer.activities.email.TemplateFields;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.Ledger.Recorded;
import io.abmsequencer.activities.suppression.Suppression;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.workflows.channels.SmsChannel;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Templates;
import io.abmsequencer.workflows.sequence.Contact;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Text messages recorded, not sent, until a provider is configured: the ledger gets a {@code
 * DRY_RUN} row with the rendered body, exactly once per key. Consent rules apply as for a real
 * send, so what the dry run shows is what would go out.
 */
@Component("smsChannel")
public class DryRunSmsChannel implements SmsChannel {
  private static final Logger log = LoggerFactory.getLogger(DryRunSmsChannel.class);

  private final Ledger ledger;
  private final SuppressionList suppressions;
  private final SenderIdentities senders;

  public DryRunSmsChannel(Ledger ledger, SuppressionList suppressions, SenderIdentities senders) {
    this.ledger = ledger;
    this.suppressions = suppressions;
    this.senders = senders;
  }

  @Override
  public TouchResult send(SmsTouch touch) {
    Contact contact = touch.contact();
    String accountId = touch.account().id();
    String phone = SuppressionList.normalize(Channel.SMS, contact.phone());
    if (phone == null || phone.isEmpty()) {
      return skip(touch, null, "no phone number");
    }
    if (!contact.smsConsent()) {
      return skip(touch, phone, "no SMS consent");
    }
    Optional<Suppression> suppressed = suppressions.find(Channel.SMS, phone);
    if (suppressed.isPresent()) {
      String detail = "not sent: number suppressed (" + suppressed.get().reason() + ")";
      return ledger.record(touch.key(), accountId, Channel.SMS, TouchStatus.SUPPRESSED, phone, null, null, detail)
          .row()
          .result();
    }
    Sender owner = senders.forOwner(touch.owner());
    String body = Templates.render(touch.body(), TemplateFields.of(touch.account(), contact, owner));
    Recorded recorded =
        ledger.record(
            touch.key(), accountId, Channel.SMS, TouchStatus.DRY_RUN, phone, null, body,
            "dry run: not sent (no SMS provider configured)");
    if (recorded.applied()) {
      log.info("SMS dry run: {} to {}: {}", touch.key(), masked(phone), body);
    }
    return recorded.row().result();
  }

  private TouchResult skip(SmsTouch touch, String phone, String why) {
    return ledger.record(touch.key(), touch.account().id(), Channel.SMS, TouchStatus.SKIPPED, phone, null, null, why)
        .row()
        .result();
  }

  /** Enough of the number to tell contacts apart in a log, not enough to text them. */
  static String masked(String phone) {
    if (phone.length() <= 4) return "****";
    return phone.substring(0, Math.min(2, phone.length() - 4))
        + "*".repeat(phone.length() - 4 - Math.min(2, phone.length() - 4))
        + phone.substring(phone.length() - 4);
  }
}
