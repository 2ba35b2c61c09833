package io.abmsequencer.activities.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK calls on their own (no Spring, no database): a Messaging Service sender, the look-up's filters, odd replies. */
class TwilioMessagesTest {
  static final TwilioApi twilio = new TwilioApi().start();
  static final String SERVICE = "MG0123456789abcdef0123456789abcdef";
  static final String CALLBACK = "https://go.acme.example/webhooks/twilio/status";

  @AfterAll
  static void stopTwilio() {
    twilio.stop();
  }

  @BeforeEach
  void reset() {
    twilio.reset();
  }

  private static TwilioMessages messages(String from, String service) {
    SmsSettings.Twilio settings = new SmsSettings.Twilio(ACCOUNT_SID, AUTH_TOKEN, from, service, twilio.baseUrl(), null, null);
    return new TwilioMessages(TwilioClients.create(settings), settings, CALLBACK);
  }

  @Test
  void aMessagingServiceSendsInsteadOfAFromNumber() {
    twilio.accepts(sid(7), "+14155550130", "Hi");

    TwilioMessages.Sent sent = messages(null, SERVICE).send("+14155550130", "Hi");

    assertThat(sent).isEqualTo(new TwilioMessages.Sent(sid(7), "queued"));
    LoggedRequest create = twilio.server.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).get(0);
    assertThat(create.formParameters()).containsOnlyKeys("To", "MessagingServiceSid", "Body", "StatusCallback");
    assertThat(create.formParameter("MessagingServiceSid").firstValue()).isEqualTo(SERVICE);
  }

  @Test
  void theLookUpTakesOnlyOurOutboundMessageWithThatTextSinceTheAttempt() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    Instant attempt = now.minusMinutes(1).toInstant();
    twilio.lists(
        TwilioApi.message(sid(1), FROM, "+14155550131", "Hi", "received", "inbound", now),
        TwilioApi.message(sid(2), "+14155550131", FROM, "Hi there", "sent", "outbound-api", now),
        TwilioApi.message(sid(3), "+14155550131", FROM, "Hi", "delivered", "outbound-api", now.minusHours(2)));

    assertThat(messages(FROM, null).findSent("+14155550131", "Hi", attempt)).isEmpty();

    twilio.lists(TwilioApi.message(sid(4), "+14155550131", FROM, "Hi", "sent", "outbound-api", now.minusMinutes(3)));
    // Within the allowance for Twilio's clock being behind ours.
    assertThat(messages(FROM, null).findSent("+14155550131", "Hi", attempt)).contains(new TwilioMessages.Sent(sid(4), "sent"));
    twilio.server.verify(2, getRequestedFor(urlPathEqualTo(MESSAGES)));
  }

  @Test
  void aRefusalThatIsNotTwilioJsonKeepsItsStatus() {
    twilio.createAnswers(aResponse().withStatus(403).withHeader("Content-Type", "text/html")
        .withBody("<html><body><h1>403 Forbidden</h1>\n<p>Request blocked.</p></body></html>"));

    TwilioFailure forbidden = catchThrowableOfType(TwilioFailure.class, () -> messages(FROM, null).send("+14155550132", "Hi"));

    assertThat(forbidden.kind()).isEqualTo(TwilioFailure.Kind.REJECTED);
    assertThat(forbidden.httpStatus()).isEqualTo(403);
    assertThat(forbidden.getMessage()).startsWith("Twilio (HTTP 403): reply not from Twilio's API: <html><body><h1>403 Forbidden");

    twilio.reset();
    twilio.createAnswers(aResponse().withStatus(502));
    TwilioFailure badGateway = catchThrowableOfType(TwilioFailure.class, () -> messages(FROM, null).send("+14155550132", "Hi"));
    assertThat(badGateway.kind()).isEqualTo(TwilioFailure.Kind.TRANSIENT);
    assertThat(badGateway.getMessage()).isEqualTo("Twilio (HTTP 502): no reply body");
    // One request each: the SDK's own retry of 5xx replies is off.
    twilio.server.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
  }
}
