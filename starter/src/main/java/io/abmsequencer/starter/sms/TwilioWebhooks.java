package io.abmsequencer.starter.sms;

import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.sms.SmsSettings;
import io.abmsequencer.activities.suppression.SuppressionList;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * What Twilio's two webhooks mean, once their signature has been checked: an inbound text (opt-out,
 * opt-in, help, or a reply nobody acts on here) and a delivery report for a text we sent.
 */
@Service
class TwilioWebhooks {
  private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);

  private final SmsOptOuts optOuts;
  private final Ledger ledger;
  private final String helpText;

  TwilioWebhooks(ObjectProvider<SmsOptOuts> optOuts, SuppressionList suppressions, Ledger ledger, SmsSettings settings) {
    this.optOuts = optOuts.getIfAvailable(() -> new SuppressionOnlyOptOuts(suppressions));
    this.ledger = ledger;
    this.helpText = settings.twilio().helpText();
  }

  /**
   * An inbound text ({@code From}, {@code Body}, {@code MessageSid}, ...). Returns the TwiML answer:
   * the help text for HELP / INFO, else nothing. Opt-out and opt-in keywords get no reply of ours:
   * Twilio already confirms them to the sender. The text itself is never logged.
   */
  String inbound(Map<String, String> form) {
    SmsKeyword keyword = SmsKeyword.of(form.get("Body"));
    Optional<String> from = InboundNumbers.e164(form.get("From"));
    String who = from.map(InboundNumbers::masked).orElse("an unreadable number");
    switch (keyword) {
      case STOP -> {
        if (from.isPresent()) {
          optOuts.stopped(from.get());
          log.info("Inbound text {}: opt-out from {}", form.get("MessageSid"), who);
        } else {
          log.warn("Inbound text {}: opt-out keyword from {}: no phone number to suppress", form.get("MessageSid"), who);
        }
        return TwiML.empty();
      }
      case START -> {
        from.ifPresent(optOuts::started);
        log.info("Inbound text {}: opt-in from {}", form.get("MessageSid"), who);
        return TwiML.empty();
      }
      case HELP -> {
        log.info("Inbound text {}: help requested by {}", form.get("MessageSid"), who);
        return TwiML.message(helpText);
      }
      default -> {
        log.info("Inbound text {} from {}: not a keyword, no action", form.get("MessageSid"), who);
        return TwiML.empty();
      }
    }
  }

  /**
   * A status callback ({@code MessageSid}, {@code MessageStatus}, {@code ErrorCode} when it failed).
   * Records the status on the touch; an unknown SID is only logged (it is acknowledged all the same:
   * Twilio would otherwise keep retrying a report nobody can use).
   */
  void status(Map<String, String> form) {
    String sid = first(form, "MessageSid", "SmsSid");
    String status = first(form, "MessageStatus", "SmsStatus");
    String errorCode = form.get("ErrorCode");
    String errorMessage = form.get("ErrorMessage");
    String detail = errorCode == null || errorCode.isBlank()
        ? null
        : "Twilio " + errorCode + (errorMessage == null || errorMessage.isBlank() ? "" : ": " + errorMessage);
    Optional<TouchRow> touch = ledger.updateDeliveryStatus(sid, status, detail);
    if (touch.isEmpty()) {
      log.info("Twilio status '{}' for message {}: no touch has that SID; acknowledged, nothing recorded", status, sid);
    } else if (detail != null) {
      log.info("{}: Twilio reports {} ({})", touch.get().touchKey(), status, detail);
    }
  }

  private static String first(Map<String, String> form, String name, String legacyName) {
    String value = form.get(name);
    return value == null || value.isBlank() ? form.get(legacyName) : value;
  }
}
