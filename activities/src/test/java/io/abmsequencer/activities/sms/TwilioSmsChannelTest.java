package io.abmsequencer.activities.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.abmsequencer.activities.sms.TwilioApi.ACCOUNT_SID;
import static io.abmsequencer.activities.sms.TwilioApi.AUTH_TOKEN;
import static io.abmsequencer.activities.sms.TwilioApi.FROM;
import static io.abmsequencer.activities.sms.TwilioApi.MESSAGES;
import static io.abmsequencer.activities.sms.TwilioApi.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.suppression.Suppression;
import io.abmsequencer.activities.suppression.SuppressionList;
import io.abmsequencer.activities.suppression.SuppressionReason;
import io.abmsequencer.workflows.channels.SmsChannel;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The live channel against WireMock standing in for api.twilio.com, through the real SDK, on a real PostgreSQL. */
class TwilioSmsChannelTest extends DatabaseTest {
  static final TwilioApi twilio = new TwilioApi().start();
  private static final AtomicInteger steps = new AtomicInteger();

  @DynamicPropertySource
  static void live(DynamicPropertyRegistry registry) {
    registry.add("abm.sms.mode", () -> "live");
    registry.add("abm.sms.twilio.account-sid", () -> ACCOUNT_SID);
    registry.add("abm.sms.twilio.auth-token", () -> AUTH_TOKEN);
    registry.add("abm.sms.twilio.from", () -> FROM);
    registry.add("abm.sms.twilio.base-url", twilio::baseUrl);
    registry.add("abm.public-url", () -> "https://go.acme-sales.example");
  }

  @AfterAll
  static void stopTwilio() {
    twilio.stop();
  }

  @Autowired SmsChannel sms;
  @Autowired Ledger ledger;
  @Autowired SuppressionList suppressions;
  @Autowired MeterRegistry meters;
  @Autowired JdbcClient jdbc;

  /** channel|action|reason|by of the suppression audit's lines about the number. */
  private List<String> audit(String phone) {
    return jdbc.sql("select channel, action, reason, done_by from suppression_audit where address = :a order by id")
        .param("a", phone)
        .query((rs, n) -> String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  private final Account acme = new Account("acme", "Acme", "acme.example", "Fintech");

  @BeforeEach
  void resetTwilio() {
    twilio.reset();
  }

  @Test
  void liveModeMakesTheBeanTheTwilioChannel() {
    assertThat(sms).isInstanceOf(TwilioSmsChannel.class);
  }

  @Test
  void sendsTheRenderedTextToTwilioOnceWithAStatusCallback() {
    SmsTouch touch = touch(contact("ana", "+14155550111"), "Hi {{firstName}}, {{ownerName}} from {{accountName}}'s team here");
    twilio.accepts(sid(1), "+14155550111", "Hi Ana, Jane Doe from Acme's team here");

    TouchResult first = sms.send(touch);
    TouchResult again = sms.send(touch);

    assertThat(first).isEqualTo(new TouchResult(TouchStatus.SENT, sid(1), "accepted by Twilio"));
    assertThat(again).isEqualTo(first);
    List<LoggedRequest> creates = twilio.server.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
    assertThat(creates).hasSize(1);
    LoggedRequest create = creates.get(0);
    assertThat(create.getUrl()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json");
    assertThat(create.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(create.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(create.formParameters()).containsOnlyKeys("To", "From", "Body", "StatusCallback");
    assertThat(create.formParameter("To").firstValue()).isEqualTo("+14155550111");
    assertThat(create.formParameter("From").firstValue()).isEqualTo(FROM);
    assertThat(create.formParameter("Body").firstValue()).isEqualTo("Hi Ana, Jane Doe from Acme's team here");
    assertThat(create.formParameter("StatusCallback").firstValue())
        .isEqualTo("https://go.acme-sales.example/webhooks/twilio/status");

    TouchRow row = ledger.find(touch.key()).orElseThrow();
    assertThat(row.channel()).isEqualTo(Channel.SMS);
    assertThat(row.status()).isEqualTo("SENT");
    assertThat(row.messageId()).isEqualTo(sid(1));
    assertThat(row.sender()).isEqualTo(FROM);
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.providerStatus()).isEqualTo("queued");
    assertThat(meters.get("abm.touches").tags("channel", "SMS", "status", "SENT").counter().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aRetryAfterALostReplyFindsTheMessageAtTwilioAndSendsNothing() {
    SmsTouch touch = touch(contact("bo", "+14155550112"), "Hello {{firstName}}");
    // Twilio took the message, then the reply was lost: a 500 where the 201 should have been.
    twilio.createAnswers(TwilioApi.error(500, 20500, "Internal Server Error"));

    ApplicationFailure lost = catchThrowableOfType(ApplicationFailure.class, () -> sms.send(touch));

    assertThat(lost.getType()).isEqualTo(TwilioSmsChannel.TRANSIENT);
    assertThat(lost.isNonRetryable()).isFalse();
    assertThat(ledger.find(touch.key()).orElseThrow().status()).isEqualTo(TouchRow.SENDING);

    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    twilio.lists(
        TwilioApi.message(sid(90), "+14155550112", FROM, "Hello Bo", "delivered", "outbound-api", now.minusDays(3)),
        TwilioApi.message(sid(91), "+14155550112", FROM, "Some other text", "sent", "outbound-api", now),
        TwilioApi.message(sid(92), "+14155550112", FROM, "Hello Bo", "sent", "outbound-api", now));

    TouchResult retried = sms.send(touch);

    assertThat(retried.status()).isEqualTo(TouchStatus.SENT);
    assertThat(retried.messageId()).isEqualTo(sid(92));
    twilio.server.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    twilio.server.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES))
        .withQueryParam("To", equalTo("+14155550112"))
        .withQueryParam("From", equalTo(FROM)));
    TouchRow row = ledger.find(touch.key()).orElseThrow();
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(row.providerStatus()).isEqualTo("sent");
  }

  @Test
  void aServerErrorThenSuccessSendsOnceTheLookupFindsNothing() {
    SmsTouch touch = touch(contact("cy", "+14155550113"), "Hi {{firstName}}");
    twilio.firstThenAccepts(aResponse().withStatus(503).withBody("upstream unavailable"), sid(3), "+14155550113", "Hi Cy");
    twilio.lists();

    ApplicationFailure down = catchThrowableOfType(ApplicationFailure.class, () -> sms.send(touch));
    TouchResult retried = sms.send(touch);

    assertThat(down.getType()).isEqualTo(TwilioSmsChannel.TRANSIENT);
    assertThat(retried).isEqualTo(new TouchResult(TouchStatus.SENT, sid(3), "accepted by Twilio"));
    twilio.server.verify(2, postRequestedFor(urlPathEqualTo(MESSAGES)));
    twilio.server.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES)));
    assertThat(meters.get("abm.provider.errors").tags("channel", "SMS", "code", "http-503").counter().count()).isEqualTo(1);
  }

  @Test
  void aRecipientWhoRepliedStopIsSuppressedAndNotRetried() {
    Contact dee = contact("dee", "+14155550114");
    twilio.createAnswers(TwilioApi.error(400, 21610, "Attempt to send to unsubscribed recipient"));

    TouchResult result = sms.send(touch(dee, "Hi"));
    TouchResult next = sms.send(touch(dee, "Hi again"));

    assertThat(result.status()).isEqualTo(TouchStatus.SUPPRESSED);
    assertThat(result.detail()).contains("21610").contains("unsubscribed recipient");
    Suppression suppression = suppressions.find(Channel.SMS, "+14155550114").orElseThrow();
    assertThat(suppression.reason()).isEqualTo(SuppressionReason.SMS_STOP);
    assertThat(next.status()).isEqualTo(TouchStatus.SUPPRESSED);
    twilio.server.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    assertThat(meters.get("abm.provider.errors").tags("channel", "SMS", "code", "21610").counter().count()).isEqualTo(1);
    // Audited like a suppression a person records: what, why, by whom; once, though the next touch met it too.
    assertThat(audit("+14155550114")).containsExactly("SMS|ADDED|SMS_STOP|twilio");
  }

  @Test
  void aNumberThatCannotTakeTextsBouncesAndIsSuppressed() {
    SmsTouch touch = touch(contact("ed", "+14155550115"), "Hi");
    twilio.createAnswers(TwilioApi.error(400, 21211, "Invalid 'To' Phone Number: +14155550115"));

    TouchResult result = sms.send(touch);

    assertThat(result.status()).isEqualTo(TouchStatus.BOUNCED);
    assertThat(result.contactLost()).isTrue();
    assertThat(suppressions.find(Channel.SMS, "+14155550115").orElseThrow().reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
    assertThat(audit("+14155550115")).containsExactly("SMS|ADDED|HARD_BOUNCE|twilio");
    assertThat(sms.send(touch)).isEqualTo(result);
    twilio.server.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
  }

  @Test
  void rejectedCredentialsFailTheTouchForGood() {
    SmsTouch touch = touch(contact("flo", "+14155550116"), "Hi");
    twilio.createAnswers(TwilioApi.error(401, 20003, "Authenticate"));

    ApplicationFailure rejected = catchThrowableOfType(ApplicationFailure.class, () -> sms.send(touch));

    assertThat(rejected.getType()).isEqualTo(TwilioSmsChannel.REJECTED);
    assertThat(rejected.isNonRetryable()).isTrue();
    assertThat(rejected.getOriginalMessage()).isEqualTo("Twilio 20003 (HTTP 401): Authenticate");
    TouchRow row = ledger.find(touch.key()).orElseThrow();
    assertThat(row.status()).isEqualTo("FAILED");
    assertThat(row.detail()).isEqualTo("Twilio 20003 (HTTP 401): Authenticate");
    assertThat(sms.send(touch).status()).isEqualTo(TouchStatus.FAILED);
    twilio.server.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    assertThat(suppressions.isSuppressed(Channel.SMS, "+14155550116")).isFalse();
  }

  @Test
  void rateLimitsAndBrokenConnectionsAreRetryable() {
    SmsTouch limited = touch(contact("gus", "+14155550117"), "Hi");
    twilio.createAnswers(TwilioApi.error(429, 20429, "Too Many Requests"));
    ApplicationFailure tooMany = catchThrowableOfType(ApplicationFailure.class, () -> sms.send(limited));

    twilio.reset();
    SmsTouch reset = touch(contact("hal", "+14155550118"), "Hi");
    twilio.createAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    ApplicationFailure broken = catchThrowableOfType(ApplicationFailure.class, () -> sms.send(reset));

    assertThat(List.of(tooMany, broken)).allSatisfy(failure -> {
      assertThat(failure.getType()).isEqualTo(TwilioSmsChannel.TRANSIENT);
      assertThat(failure.isNonRetryable()).isFalse();
    });
    assertThat(ledger.find(limited.key()).orElseThrow().detail()).isEqualTo("Twilio 20429 (HTTP 429): Too Many Requests");
    assertThat(ledger.find(reset.key()).orElseThrow().status()).isEqualTo(TouchRow.SENDING);
  }

  @Test
  void consentIsCheckedBeforeTwilioIsCalled() {
    suppressions.suppress(Channel.SMS, "+14155550119", SuppressionReason.SMS_STOP, "STOP", "twilio");

    assertThat(sms.send(touch(contact("ivy", null), "Hi")).status()).isEqualTo(TouchStatus.SKIPPED);
    Contact noConsent = new Contact("jo", "jo@acme.example", "Jo", "Lee", "VP", Role.CHAMPION, "+14155550120", null, false);
    assertThat(sms.send(touch(noConsent, "Hi")).detail()).isEqualTo("no SMS consent");
    assertThat(sms.send(touch(contact("kim", "+1 (415) 555-0119"), "Hi")).status()).isEqualTo(TouchStatus.SUPPRESSED);
    assertThat(twilio.server.getAllServeEvents()).isEmpty();
  }

  private SmsTouch touch(Contact contact, String body) {
    TouchKey key = new TouchKey("abm-new-logo-acme", "enterprise@1/sms-" + steps.incrementAndGet(), contact.id());
    return new SmsTouch(key, acme, contact, "jane", body);
  }

  private static Contact contact(String id, String phone) {
    String first = id.substring(0, 1).toUpperCase() + id.substring(1);
    return new Contact(id, id + "@acme.example", first, "Lee", "VP", Role.CHAMPION, phone, null, true);
  }
}
