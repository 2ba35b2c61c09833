package io.abmsequencer.activities.sms;

import io.abmsequencer.activities.email.SenderIdentities;
import io.abmsequencer.activities.email.TemplateFields;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchMetrics;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.workflows.channels.SmsChannel;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Templates;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text messages through Twilio's Messages API ({@code abm.sms.mode=live}).
 *
 * <p><b>Delivery guarantee.</b> Each {@link TouchKey} has one ledger row, written {@code SENDING}
 * (with the number and the rendered text, fixed from then on) right before Twilio is called; it then
 * takes one outcome for good: {@code SENT} with the message SID, {@code SUPPRESSED}, {@code BOUNCED}
 * or {@code FAILED}. A key whose row holds an outcome returns it and calls nothing. A call that finds
 * the row still {@code SENDING} — the last attempt failed, or its reply was lost (a time-out, a 500
 * after Twilio took the message, the worker dying) — first asks Twilio for an outbound message to
 * that number from our sender with that exact text, created since the row was written; if there is
 * one, its SID is recorded and nothing is sent. Only if Twilio has none is the text sent. The one
 * window left: Twilio's list not showing a message it has just created.
 *
 * <p><b>Failures.</b> 21610 (the recipient replied STOP to our sender) suppresses the number ({@code
 * SMS_STOP}) and returns {@code SUPPRESSED}: nothing to retry. A number that cannot take texts
 * (21211 invalid, 21265 short code, 21614 not a mobile, 21635 landline) suppresses it ({@code
 * HARD_BOUNCE}) and returns {@code BOUNCED}, the e-mail channel's word for "this address does not
 * exist": the workflow treats the contact as lost on this channel either way. Rejected credentials
 * (401, 20003), permissions (403) and other refusals (4xx) mark the touch {@code FAILED} and throw a
 * non-retryable {@value #REJECTED}; time-outs, I/O, 408, 429 and 5xx throw a retryable {@value
 * #TRANSIENT} and leave the row {@code SENDING}. No retry loops here (the SDK's own is turned off,
 * see {@link TwilioClients}): Temporal retries.
 *
 * <p>Quiet hours and send windows are the workflow's: this channel sends when it is called.
 */
public class TwilioSmsChannel implements SmsChannel {
  public static final String TRANSIENT = "SmsTransient";
  public static final String REJECTED = "SmsProviderRejected";

  private static final Logger log = LoggerFactory.getLogger(TwilioSmsChannel.class);

  private final Ledger ledger;
  private final SuppressionList suppressions;
  private final SmsConsent consent;
  private final SenderIdentities senders;
  private final TouchMetrics metrics;
  private final TwilioMessages twilio;
  private final String sender;

  TwilioSmsChannel(
      Ledger ledger,
      SuppressionList suppressions,
      SenderIdentities senders,
      TouchMetrics metrics,
      TwilioMessages twilio,
      String sender) {
    this.ledger = ledger;
    this.suppressions = suppressions;
    this.consent = new SmsConsent(ledger, suppressions);
    this.senders = senders;
    this.metrics = metrics;
    this.twilio = twilio;
    this.sender = sender;
  }

  @Override
  public TouchResult send(SmsTouch touch) {
    TouchKey key = touch.key();
    String phone = SmsConsent.phoneOf(touch);
    Optional<TouchResult> refused = consent.refuse(touch, phone);
    if (refused.isPresent()) return refused.get();

    String body =
        Templates.render(touch.body(), TemplateFields.of(touch.account(), touch.contact(), senders.forOwner(touch.owner())));
    TouchRow row = ledger.begin(key, touch.account().id(), Channel.SMS, phone, sender, null, body, null, null);
    if (row.isFinal()) return row.result();

    try {
      if (row.attempts() > 1) {
        Optional<TwilioMessages.Sent> earlier = twilio.findSent(row.recipient(), row.body(), row.createdAt());
        if (earlier.isPresent()) {
          log.info("{}: Twilio already has it as {}: recorded, not sent again", key, earlier.get().sid());
          return sent(key, earlier.get(), "accepted by Twilio (found after an interrupted attempt)");
        }
      }
      TwilioMessages.Sent sent = twilio.send(row.recipient(), row.body());
      log.info("{}: text to {} accepted by Twilio as {}", key, SmsConsent.masked(row.recipient()), sent.sid());
      return sent(key, sent, "accepted by Twilio");
    } catch (TwilioFailure failure) {
      return failed(key, row.recipient(), failure);
    }
  }

  private TouchResult sent(TouchKey key, TwilioMessages.Sent sent, String detail) {
    TouchResult result = ledger.complete(key, TouchStatus.SENT, sent.sid(), detail).result();
    // Twilio sends no status callback for a message's first status (queued / accepted): record it here.
    if (sent.status() != null) ledger.updateDeliveryStatus(sent.sid(), sent.status(), null);
    return result;
  }

  private TouchResult failed(TouchKey key, String phone, TwilioFailure failure) {
    metrics.providerError(Channel.SMS, failure.metricCode());
    switch (failure.kind()) {
      case UNSUBSCRIBED -> {
        // Suppress first: a crash in between leaves a suppressed number, never a lost opt-out.
        suppressions.suppressAndAudit(Channel.SMS, phone, SuppressionReason.SMS_STOP, failure.getMessage(), "twilio");
        log.info("{}: {} has opted out at Twilio (21610): number suppressed", key, SmsConsent.masked(phone));
        return ledger.complete(key, TouchStatus.SUPPRESSED, null, failure.getMessage()).result();
      }
      case INVALID_NUMBER -> {
        suppressions.suppressAndAudit(Channel.SMS, phone, SuppressionReason.HARD_BOUNCE, failure.getMessage(), "twilio");
        log.info("{}: {} cannot take texts: {}", key, SmsConsent.masked(phone), failure.getMessage());
        return ledger.complete(key, TouchStatus.BOUNCED, null, failure.getMessage()).result();
      }
      case REJECTED -> {
        // Retrying cannot help: the touch ends FAILED, visible in the ledger and the sequence's history.
        ledger.complete(key, TouchStatus.FAILED, null, failure.getMessage());
        log.warn("{}: {} ({})", key, failure.getMessage(), REJECTED);
        throw ApplicationFailure.newNonRetryableFailure(failure.getMessage(), REJECTED);
      }
      default -> {
        ledger.note(key, failure.getMessage());
        log.warn("{}: {} ({}; Temporal retries)", key, failure.getMessage(), TRANSIENT);
        throw ApplicationFailure.newFailure(failure.getMessage(), TRANSIENT);
      }
    }
  }
}
