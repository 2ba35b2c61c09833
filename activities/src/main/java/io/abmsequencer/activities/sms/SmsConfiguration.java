package io.abmsequencer.activities.sms;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.email.LinkSettings;
import io.abmsequencer.activities.email.SenderIdentities;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchMetrics;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.workflows.channels.SmsChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one SMS activity bean, {@code smsChannel} (the name the worker registers): the dry run or
 * Twilio, by {@code abm.sms.mode}. Says which in one line at startup.
 */
@WorkerSide
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsSettings.class)
class SmsConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

  @Bean
  SmsChannel smsChannel(
      SmsSettings settings,
      LinkSettings links,
      Ledger ledger,
      SuppressionList suppressions,
      SenderIdentities senders,
      TouchMetrics metrics) {
    if (!settings.live()) {
      log.info("SMS: dry run, recorded not sent (abm.sms.mode=live and abm.sms.twilio.* send through Twilio)");
      return new DryRunSmsChannel(ledger, suppressions, senders);
    }
    SmsSettings.Twilio twilio = settings.twilio();
    String statusCallback = twilio.statusCallbackUrl(links.publicUrl());
    log.info(
        "SMS: live via Twilio from {}{}, delivery reports to {}",
        twilio.sender(),
        twilio.redirected() ? " (API at " + twilio.baseUrl() + ")" : "",
        statusCallback);
    TwilioMessages messages = new TwilioMessages(TwilioClients.create(twilio), twilio, statusCallback);
    return new TwilioSmsChannel(ledger, suppressions, senders, metrics, messages, twilio.sender());
  }
}
