package io.abmsequencer.starter.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.email.SenderPauses;
import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.abmsequencer.starter.testsupport.ConsoleSession;
import io.abmsequencer.workflows.channels.TouchKey;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A burst of policy refusals paused a sender (as the worker records them, see SmtpRefusalsTest in
 * activities/): the console says so on every page, where marketers look, and GET /api/system lists
 * it, until a marketer, ops or an admin resumes it.
 */
class SendingPauseApiTest extends ApiTestBase {
  static final String SENDER = "pat.paused@yourco.example";
  static final String RELAY_DENIED = "554 5.7.1 <x@example.com>: Relay access denied";

  @Autowired SenderPauses pauses;

  @Test
  void aPausedSenderIsShownOnEveryConsolePageAndInTheApiUntilSomeoneResumesIt() {
    for (int i = 0; i < 3; i++) pauses.policyBlock(SENDER, new TouchKey("abm-new-logo-paused", "relay@1/hello", "c-" + i), RELAY_DENIED);
    try {
      JsonNode paused = api.get("/api/system").get("sendingPaused");
      assertThat(paused).hasSize(1);
      assertThat(paused.get(0).get("sender").asText()).isEqualTo(SENDER);
      assertThat(paused.get(0).get("blocks").asInt()).isEqualTo(3);
      assertThat(paused.get(0).get("lastReply").asText()).isEqualTo(RELAY_DENIED);

      ConsoleSession marketer = new ConsoleSession(port, "marketer", "marketer-demo");
      for (String page : List.of("/", "/outbox", "/sequences")) {
        assertThat(marketer.get(page).body()).as(page)
            .contains("E-mail from " + SENDER + " is paused.", "Relay access denied", "Resume sending");
      }
      String sdrHome = new ConsoleSession(port, "sdr", "sdr-demo").get("/").body();
      assertThat(sdrHome).as("an SDR sees it too, without the button").contains("E-mail from " + SENDER + " is paused.")
          .doesNotContain("Resume sending");

      assertThat(api.as("sdr", "sdr-demo").post("/api/sending-pauses/" + SENDER + "/resume", "application/json", "").status())
          .isEqualTo(403);
      Api.Response resumed = api.as("ops", "ops-demo").post("/api/sending-pauses/" + SENDER + "/resume", "application/json", "");
      assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
      assertThat(resumed.get("sendingPaused")).isEmpty();
      assertThat(api.as("ops", "ops-demo").post("/api/sending-pauses/" + SENDER + "/resume", "application/json", "").status())
          .isEqualTo(404);
      HttpResponse<String> home = marketer.get("/");
      assertThat(home.body()).doesNotContain("is paused.");
    } finally {
      pauses.resume(SENDER, "test");
    }
  }

  /** The console's button: a marketer resumes from the banner (a form with its CSRF token) and lands on the outbox. */
  @Test
  void theBannersButtonResumesTheSender() {
    String sender = "quinn.paused@yourco.example";
    for (int i = 0; i < 3; i++) pauses.policyBlock(sender, new TouchKey("abm-new-logo-paused", "dmarc@1/hello", "c-" + i), RELAY_DENIED);
    try {
      ConsoleSession marketer = new ConsoleSession(port, "marketer", "marketer-demo");
      HttpResponse<String> resumed = marketer.post("/outbox/sending-pauses/resume", java.util.Map.of("sender", sender), "/outbox");

      assertThat(resumed.statusCode()).isEqualTo(302);
      assertThat(resumed.headers().firstValue("Location").orElse("")).endsWith("/outbox");
      assertThat(pauses.find(sender)).isEmpty();
    } finally {
      pauses.resume(sender, "test");
    }
  }
}
