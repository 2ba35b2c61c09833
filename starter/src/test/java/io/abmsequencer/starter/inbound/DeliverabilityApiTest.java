package io.abmsequencer.starter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What every e-mail carries, and what a recipient can do with it: unsubscribe in one click, click a tracked link. */
class DeliverabilityApiTest extends ApiTestBase {

  static final String PLAYBOOK = """
      id: api-deliverability
      name: API deliverability
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      %s
      steps:
        - id: first
          email: {to: [CHAMPION, ECONOMIC_BUYER], subject: "The benchmark, {{firstName}}", body: "Hi {{firstName}},\\n\\nThe report: https://yourco.example/benchmark?src=abm\\n\\n{{ownerName}}"}
        - id: gap
          wait: 2 days
        - id: second
          email: {to: [CHAMPION, ECONOMIC_BUYER], subject: "Following up", body: "Hi again {{firstName}}"}
      """.formatted(ALWAYS_OPEN);

  static final Pattern ONE_CLICK = Pattern.compile("<https://abm\\.yourco\\.example(/u/[^>]+)>");
  static final Pattern TRACKED = Pattern.compile("https://abm\\.yourco\\.example(/t/\\S+)");

  @BeforeEach
  void playbook() {
    uploadPlaybook(PLAYBOOK);
  }

  String committee(String account) {
    return """
        [{"email": "chris@%1$s.example", "firstName": "Chris", "role": "CHAMPION"},
         {"email": "erin@%1$s.example", "firstName": "Erin", "role": "ECONOMIC_BUYER"}]
        """.formatted(account);
  }

  @Test
  void everyMessageCarriesOneClickUnsubscribeAFooterAndTrackedLinks() throws Exception {
    launch("api-deliverability", "initrode", "sam@yourco.example", committee("initrode"));
    MimeMessage message = awaitMailTo("chris@initrode.example", 1).get(0);

    String listUnsubscribe = message.getHeader("List-Unsubscribe", ",");
    assertThat(listUnsubscribe).containsPattern(ONE_CLICK).contains("<mailto:unsubscribe@yourco.example?subject=unsubscribe");
    assertThat(message.getHeader("List-Unsubscribe-Post", ",")).isEqualTo("List-Unsubscribe=One-Click");
    assertThat(message.getMessageID()).matches("<[0-9a-f]{32}@yourco\\.example>");

    String text = part(message, "text/plain");
    String html = part(message, "text/html");
    assertThat(text).contains("1 Example Street").contains("https://abm.yourco.example/u/");
    assertThat(html).contains("1 Example Street").contains("<a href=\"https://abm.yourco.example/u/");
    assertThat(text).doesNotContain("https://yourco.example/benchmark");

    // The tracked link redirects to the original target and scores a click.
    Matcher tracked = TRACKED.matcher(text);
    assertThat(tracked.find()).isTrue();
    Api.Response redirect = api.get(tracked.group(1));
    assertThat(redirect.status()).isEqualTo(302);
    String workflowId = "abm-new-logo-initrode";
    awaitSequence(workflowId, s -> s.get("live").get("score").asInt() == 5);

    // A changed token or link is refused and never redirects.
    String token = tracked.group(1).substring(3);
    assertThat(api.get("/t/" + flip(token)).status()).isEqualTo(400);
    Matcher unsubscribe = ONE_CLICK.matcher(listUnsubscribe);
    assertThat(unsubscribe.find()).isTrue();
    assertThat(api.post(flipPath(unsubscribe.group(1)), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").status()).isEqualTo(400);
    assertThat(api.get(flipPath(unsubscribe.group(1))).status()).isEqualTo(400);
    api.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
  }

  @Test
  void oneClickUnsubscribeStopsTheNextTouchForThatPersonOnly() throws Exception {
    String workflowId = launch("api-deliverability", "penguin", "sam@yourco.example", committee("penguin"));
    MimeMessage toChris = awaitMailTo("chris@penguin.example", 1).get(0);
    awaitMailTo("erin@penguin.example", 1);
    Matcher link = ONE_CLICK.matcher(toChris.getHeader("List-Unsubscribe", ","));
    assertThat(link.find()).isTrue();

    // A person opening the link sees one button, with their address masked.
    Api.Response page = api.get(link.group(1));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("c****@penguin.example").contains("<form method=\"post\"");

    // Gmail's one-click: a POST, no login, no confirmation page.
    Api.Response done = api.post(link.group(1), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body()).contains("unsubscribed");
    assertThat(api.get("/api/suppressions?q=chris@penguin").json().get(0).get("reason").asText()).isEqualTo("UNSUBSCRIBED");
    awaitSequence(workflowId, s -> s.get("live").get("unreachable").has(contactId("chris@penguin.example")));

    temporal.skipTime(Duration.ofDays(3));
    awaitMailTo("erin@penguin.example", 2);
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("COMPLETED");
    assertThat(mailTo("chris@penguin.example")).hasSize(1);
    // Clicking it again later changes nothing and still answers.
    assertThat(api.post(link.group(1), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").status()).isEqualTo(200);
  }

  static String contactId(String email) {
    return io.abmsequencer.workflows.sequence.ContactIds.of(email);
  }

  static String part(Part part, String type) throws Exception {
    if (part.isMimeType(type)) return (String) part.getContent();
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = part(multipart.getBodyPart(i), type);
        if (found != null) return found;
      }
    }
    return null;
  }

  /** The same token with one character changed. */
  static String flip(String token) {
    char c = token.charAt(token.length() / 2);
    char replacement = c == 'A' ? 'B' : 'A';
    return token.substring(0, token.length() / 2) + replacement + token.substring(token.length() / 2 + 1);
  }

  static String flipPath(String path) {
    return "/u/" + flip(path.substring(3));
  }
}
