package io.abmsequencer.starter.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.ads.AudienceMembers;
import io.abmsequencer.activities.ads.MembershipState;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** STOP by text message: no more texts, no more e-mail, out of the ad audiences, the sequence knows, and the audit says so. */
class TextOptOutApiTest extends ApiTestBase {

  static final String PLAYBOOK = """
      id: api-sms-stop
      name: API text opt-out
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      %s
      steps:
        - id: audience
          ads: {audience: api-sms-stop-execs, platforms: [LINKEDIN, GOOGLE]}
        - id: hello
          email: {to: [CHAMPION], subject: "Hello {{firstName}}", body: "Hi"}
        - id: text
          sms: {to: [CHAMPION], body: "Hi {{firstName}}, it's {{ownerName}}"}
        - id: gap
          wait: 2 days
        - id: again
          email: {to: [CHAMPION], subject: "Again", body: "Hi again"}
      """.formatted(ALWAYS_OPEN);

  @Autowired AudienceMembers audiences;
  @Autowired JdbcClient jdbc;

  @Test
  void stopByTextSuppressesTheNumberAndTheAddressAndTakesThePersonOutOfEverything() throws Exception {
    uploadPlaybook(PLAYBOOK);
    String workflowId = launch("api-sms-stop", "oscorp", "sam@yourco.example", """
        [{"email": "otto@oscorp.example", "firstName": "Otto", "role": "CHAMPION", "phone": "+1 415 555 0123", "smsConsent": true}]
        """);
    awaitMailTo("otto@oscorp.example", 1);
    awaitSequence(workflowId, s -> "WAITING".equals(status(s)));
    assertThat(audiences.forWorkflow(workflowId)).isNotEmpty();

    Map<String, String> form = Map.of("From", "+14155550123", "To", "+14155559999", "Body", " stop ", "MessageSid", "SM0001");
    assertThat(inbound(form, "not-a-signature").statusCode()).isEqualTo(403);
    assertThat(api.get("/api/suppressions?q=otto@oscorp").json()).isEmpty();

    HttpResponse<String> stopped = inbound(form, sign("https://abm.yourco.example/webhooks/twilio/inbound", form));
    assertThat(stopped.statusCode()).isEqualTo(200);

    JsonNode suppressed = api.get("/api/suppressions?q=otto@oscorp").json();
    assertThat(suppressed.get(0).get("reason").asText()).isEqualTo("UNSUBSCRIBED");
    assertThat(api.get("/api/suppressions?q=%2B14155550123").json().get(0).get("reason").asText()).isEqualTo("SMS_STOP");
    assertThat(audiences.forWorkflow(workflowId)).extracting(m -> m.state())
        .allMatch(state -> state == MembershipState.PENDING_REMOVE || state == MembershipState.REMOVED);
    // Audited like every other suppression: the number and the address, by the recipient, the sequence told.
    assertThat(audit()).containsExactlyInAnyOrder("EMAIL ADDED UNSUBSCRIBED recipient 1", "SMS ADDED SMS_STOP recipient 1");

    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("ALL_CONTACTS_OPTED_OUT");
    temporal.skipTime(Duration.ofDays(3));
    assertThat(mail.received().stream().filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().contains("otto@oscorp.example");
      } catch (jakarta.mail.MessagingException e) {
        return false;
      }
    })).hasSize(1);

    // A second STOP adds no audit line (nothing was added); START lifts the text block, audited.
    assertThat(inbound(form, sign("https://abm.yourco.example/webhooks/twilio/inbound", form)).statusCode()).isEqualTo(200);
    assertThat(audit()).hasSize(2);
    Map<String, String> start = Map.of("From", "+14155550123", "To", "+14155559999", "Body", "START", "MessageSid", "SM0002");
    assertThat(inbound(start, sign("https://abm.yourco.example/webhooks/twilio/inbound", start)).statusCode()).isEqualTo(200);
    assertThat(audit()).hasSize(3).contains("SMS LIFTED SMS_STOP recipient 0");
  }

  private List<String> audit() {
    return jdbc.sql("select channel || ' ' || action || ' ' || reason || ' ' || done_by || ' ' || sequences_told from suppression_audit"
            + " where address in ('+14155550123', 'otto@oscorp.example') order by id")
        .query(String.class).list();
  }

  HttpResponse<String> inbound(Map<String, String> form, String signature) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/twilio/inbound"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Twilio's signature: HMAC-SHA1 of the URL followed by every parameter name and value, sorted by name. */
  static String sign(String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
