package io.abmsequencer.starter.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.zaxxer.hikari.HikariDataSource;
import io.abmsequencer.activities.email.LinkSettings;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchMetrics;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.sms.SmsSettings;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.activities.testsupport.TestDatabase;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The Twilio webhooks as an MVC slice: the controller and its service as the application wires them,
 * requests signed the way Twilio signs them, the ledger and suppression list on a real PostgreSQL,
 * a recording {@link SmsOptOuts}. Servlet filters are off: the security chain is the application's
 * to test; here the signature is the only gate.
 */
@WebMvcTest(controllers = TwilioWebhookController.class)
@AutoConfigureMockMvc(addFilters = false)
@ContextConfiguration(classes = {TwilioWebhookController.class, TwilioSignatures.class, TwilioWebhooks.class, SmsWebhookTest.Beans.class})
@TestPropertySource(properties = {
  // No in-process Temporal, PostgreSQL or SMTP: this slice brings its own database.
  "abm.embedded.enabled=false",
  "abm.public-url=https://abm.acme-sales.example/",
  "abm.sms.twilio.auth-token=" + SmsWebhookTest.TOKEN,
  "abm.sms.twilio.help-text=Acme <Sales> & Co: reply STOP to opt out, \"START\" to opt in."
})
class SmsWebhookTest {
  static final String TOKEN = "12345678901234567890123456789012";
  static final String INBOUND_URL = "https://abm.acme-sales.example/webhooks/twilio/inbound";
  static final String STATUS_URL = "https://abm.acme-sales.example/webhooks/twilio/status";

  /** Records what the webhook asked for, in order. */
  static final class RecordingOptOuts implements SmsOptOuts {
    final List<String> calls = new ArrayList<>();

    @Override
    public void stopped(String e164) {
      calls.add("stopped " + e164);
    }

    @Override
    public void started(String e164) {
      calls.add("started " + e164);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({SmsSettings.class, LinkSettings.class})
  @Import({Ledger.class, SuppressionList.class, TouchMetrics.class})
  static class Beans {
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource() {
      HikariDataSource dataSource = new HikariDataSource();
      dataSource.setJdbcUrl(TestDatabase.newDatabaseUrl());
      dataSource.setUsername(TestDatabase.USER);
      dataSource.setMaximumPoolSize(2);
      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
      return dataSource;
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
      return JdbcClient.create(dataSource);
    }

    @Bean
    DataSourceTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    RecordingOptOuts optOuts() {
      return new RecordingOptOuts();
    }
  }

  @Autowired MockMvc mvc;
  @Autowired RecordingOptOuts optOuts;
  @Autowired Ledger ledger;
  @Autowired SuppressionList suppressions;
  @Autowired SmsSettings settings;

  @BeforeEach
  void forget() {
    optOuts.calls.clear();
  }

  @Test
  void stopOptsTheSenderOutAndAnswersWithNothing() throws Exception {
    inbound(signed(INBOUND_URL, text("+14155550100", "  sToP \n")))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
        .andExpect(content().string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));

    for (String word : List.of("STOPALL", "unsubscribe", "Cancel", "END", "quit")) {
      inbound(signed(INBOUND_URL, text("+14155550100", word))).andExpect(status().isOk());
    }
    assertThat(optOuts.calls).hasSize(6).containsOnly("stopped +14155550100");
  }

  @Test
  void startOptsTheSenderBackIn() throws Exception {
    inbound(signed(INBOUND_URL, text("+14155550101", "START"))).andExpect(status().isOk());
    inbound(signed(INBOUND_URL, text("+14155550101", "unstop"))).andExpect(status().isOk());

    assertThat(optOuts.calls).containsExactly("started +14155550101", "started +14155550101");
  }

  @Test
  void helpGetsTheConfiguredTextBackAsEscapedTwiml() throws Exception {
    for (String word : List.of("HELP", " info ")) {
      inbound(signed(INBOUND_URL, text("+14155550102", word)))
          .andExpect(status().isOk())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
          .andExpect(content().string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
              + "Acme &lt;Sales&gt; &amp; Co: reply STOP to opt out, &quot;START&quot; to opt in.</Message></Response>"));
    }
    assertThat(optOuts.calls).isEmpty();
  }

  @Test
  void anyOtherTextIsAnsweredWithNothingAndChangesNothing() throws Exception {
    for (String body : List.of("please stop texting me", "Yes, interested!", "")) {
      inbound(signed(INBOUND_URL, text("+14155550103", body)))
          .andExpect(status().isOk())
          .andExpect(content().string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));
    }
    assertThat(optOuts.calls).isEmpty();
  }

  @Test
  void theSenderIsNormalisedBeforeItIsMatched() throws Exception {
    inbound(signed(INBOUND_URL, text("+1 (415) 555-0104", "STOP"))).andExpect(status().isOk());
    inbound(signed(INBOUND_URL, text("+44 20 7946 0958", "STOP"))).andExpect(status().isOk());

    assertThat(optOuts.calls).containsExactly("stopped +14155550104", "stopped +442079460958");
  }

  @Test
  void aMissingOrWrongSignatureIsRefusedAndChangesNothing() throws Exception {
    Map<String, String> form = text("+14155550105", "STOP");
    // No signature at all.
    inbound(form, null).andExpect(status().isForbidden());
    // Signed with another token.
    inbound(form, TwilioSignature.of(INBOUND_URL, form, "another-auth-token")).andExpect(status().isForbidden());
    // Signed for another URL (what a Host header would make it), or for the other endpoint.
    inbound(form, TwilioSignature.of("http://localhost/webhooks/twilio/inbound", form, TOKEN)).andExpect(status().isForbidden());
    inbound(form, TwilioSignature.of(STATUS_URL, form, TOKEN)).andExpect(status().isForbidden());
    // A parameter changed after signing.
    String signature = TwilioSignature.of(INBOUND_URL, form, TOKEN);
    Map<String, String> tampered = new LinkedHashMap<>(form);
    tampered.put("From", "+14155550999");
    inbound(tampered, signature).andExpect(status().isForbidden());

    assertThat(optOuts.calls).isEmpty();
  }

  @Test
  void statusCallbacksRecordTheDeliveryOnTheTouch() throws Exception {
    String sid = "SM0000000000000000000000000000c0de";
    TouchKey key = new TouchKey("abm-new-logo-acme", "enterprise@1/text", "ana");
    ledger.begin(key, "acme", Channel.SMS, "+14155550106", "+14155550199", null, "Hi Ana", null, null);
    ledger.complete(key, TouchStatus.SENT, sid, "accepted by Twilio");
    ledger.updateDeliveryStatus(sid, "queued", null);

    statusCallback(signed(STATUS_URL, report(sid, "sent", null))).andExpect(status().isOk());
    assertThat(ledger.find(key).orElseThrow().providerStatus()).isEqualTo("sent");
    statusCallback(signed(STATUS_URL, report(sid, "delivered", null))).andExpect(status().isOk());

    TouchRow row = ledger.find(key).orElseThrow();
    assertThat(row.providerStatus()).isEqualTo("delivered");
    assertThat(row.status()).isEqualTo("SENT");
    assertThat(row.providerDetail()).isNull();

    Map<String, String> forged = report(sid, "failed", "30003");
    statusCallback(forged, TwilioSignature.of(STATUS_URL, forged, "wrong-token")).andExpect(status().isForbidden());
    assertThat(ledger.find(key).orElseThrow().providerStatus()).isEqualTo("delivered");
  }

  @Test
  void aFailedDeliveryKeepsTwiliosErrorCode() throws Exception {
    String sid = "SM0000000000000000000000000000fa11";
    TouchKey key = new TouchKey("abm-new-logo-acme", "enterprise@1/text", "bo");
    ledger.begin(key, "acme", Channel.SMS, "+14155550107", "+14155550199", null, "Hi Bo", null, null);
    ledger.complete(key, TouchStatus.SENT, sid, "accepted by Twilio");

    statusCallback(signed(STATUS_URL, report(sid, "undelivered", "30003"))).andExpect(status().isOk());

    TouchRow row = ledger.find(key).orElseThrow();
    assertThat(row.providerStatus()).isEqualTo("undelivered");
    assertThat(row.providerDetail()).isEqualTo("Twilio 30003");
    assertThat(row.touchStatus()).isEqualTo(TouchStatus.SENT);
  }

  @Test
  void aReportForAnUnknownMessageIsAcknowledged() throws Exception {
    statusCallback(signed(STATUS_URL, report("SM00000000000000000000000000000000", "delivered", null)))
        .andExpect(status().isOk());
  }

  @Test
  void withoutAnOptOutsBeanTheSuppressionListKeepsConsent() {
    TwilioWebhooks fallback =
        new TwilioWebhooks(new StaticListableBeanFactory().getBeanProvider(SmsOptOuts.class), suppressions, ledger, settings);

    fallback.inbound(text("+14155550108", "STOP"));
    assertThat(suppressions.find(Channel.SMS, "+14155550108").orElseThrow().reason()).isEqualTo(SuppressionReason.SMS_STOP);
    fallback.inbound(text("+14155550108", "START"));
    assertThat(suppressions.isSuppressed(Channel.SMS, "+14155550108")).isFalse();

    suppressions.suppress(Channel.SMS, "+14155550109", SuppressionReason.MANUAL, "do not text", "ops");
    fallback.inbound(text("+14155550109", "START"));
    assertThat(suppressions.find(Channel.SMS, "+14155550109").orElseThrow().reason()).isEqualTo(SuppressionReason.MANUAL);
  }

  private record Signed(Map<String, String> form, String signature) {}

  private static Signed signed(String url, Map<String, String> form) {
    return new Signed(form, TwilioSignature.of(url, form, TOKEN));
  }

  private ResultActions inbound(Signed request) throws Exception {
    return inbound(request.form(), request.signature());
  }

  private ResultActions inbound(Map<String, String> form, String signature) throws Exception {
    return send(TwilioWebhookController.INBOUND, form, signature);
  }

  private ResultActions statusCallback(Signed request) throws Exception {
    return statusCallback(request.form(), request.signature());
  }

  private ResultActions statusCallback(Map<String, String> form, String signature) throws Exception {
    return send(TwilioWebhookController.STATUS, form, signature);
  }

  private ResultActions send(String path, Map<String, String> form, String signature) throws Exception {
    var request = post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
    form.forEach(request::param);
    if (signature != null) request.header(TwilioSignatures.HEADER, signature);
    return mvc.perform(request);
  }

  /** An inbound text as Twilio posts it (the parameters its incoming-message webhook documents). */
  private static Map<String, String> text(String from, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("ToCountry", "US");
    form.put("SmsMessageSid", "SM11111111111111111111111111111111");
    form.put("NumMedia", "0");
    form.put("Body", body);
    form.put("MessageSid", "SM11111111111111111111111111111111");
    form.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    form.put("From", from);
    form.put("To", "+14155550199");
    form.put("ApiVersion", "2010-04-01");
    return form;
  }

  /** A status callback as Twilio posts it. */
  private static Map<String, String> report(String sid, String status, String errorCode) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("SmsSid", sid);
    form.put("SmsStatus", status);
    form.put("MessageStatus", status);
    form.put("To", "+14155550106");
    form.put("MessageSid", sid);
    form.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    form.put("From", "+14155550199");
    form.put("ApiVersion", "2010-04-01");
    if (errorCode != null) form.put("ErrorCode", errorCode);
    return form;
  }
}
