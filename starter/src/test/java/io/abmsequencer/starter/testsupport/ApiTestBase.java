package io.abmsequencer.starter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.starter.StarterApplication;
import io.abmsequencer.starter.embedded.EmbeddedMailServer;
import io.abmsequencer.starter.embedded.EmbeddedTemporalServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The product as a user runs it: embedded mode (in-process Temporal, worker, PostgreSQL, SMTP) on
 * random ports, driven over real HTTP. All API test classes share one application context.
 */
@SpringBootTest(
    classes = StarterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "abm.embedded.temporal.port=0",
      "abm.embedded.postgres.port=0",
      "abm.embedded.postgres.data-dir=temp",
      "abm.embedded.smtp.port=0",
      "abm.embedded.imap.port=0",
      "abm.engagement.flush-interval=1s",
      "abm.mail.from-domain=yourco.example",
      "abm.public-url=https://abm.yourco.example",
      "abm.mail.inbound.poll-interval=1h",
      // The whole product runs with payload encryption on in these tests (a test-only key).
      "abm.codec.key=" + ApiTestBase.CODEC_KEY,
      "abm.sms.twilio.auth-token=" + ApiTestBase.TWILIO_TOKEN,
      // Every test of this shared context signs in from 127.0.0.1: the wrong passwords some of them
      // try on purpose must not lock that address for the others (the per-user limit stays).
      "abm.security.sign-in.max-failures-per-address=0"
    })
public abstract class ApiTestBase {
  public static final String CODEC_KEY = "q6P1b7rJ3Zc0yq2Zr0ZQyv0m8H0Q2m7v8k3a1b2c3d4=";
  public static final String TWILIO_TOKEN = "test-twilio-auth-token";

  /** Sends at any hour, so tests need not wait for a send window. */
  public static final String ALWAYS_OPEN = "calendar: {timeZone: UTC, workDays: [MON, TUE, WED, THU, FRI, SAT, SUN], sendWindow: \"00:00-24:00\"}";

  /** Every kind of step once (e-mail, task, review, wait, e-mail), always open: the lifecycle the API tests walk. */
  public static final String LIFECYCLE_PLAYBOOK = """
      id: api-lifecycle
      name: API lifecycle
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      %s
      steps:
        - id: hello
          email: {to: [CHAMPION], subject: "A note for {{accountName}}", body: "Hi {{firstName}},\\n\\nA short read.\\n\\n{{ownerName}}"}
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call the champion", due: 2 business days}
        - id: checkpoint
          review: {question: "Keep going with this account?", due: 5 business days}
        - id: gap
          wait: 3 business days
        - id: follow-up
          email: {to: [CHAMPION], subject: "Following up, {{firstName}}", body: "Hi again"}
      """.formatted(ALWAYS_OPEN);

  @LocalServerPort protected int port;
  @Autowired protected EmbeddedMailServer mail;
  @Autowired protected EmbeddedTemporalServer temporal;
  protected Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  protected Api.Response uploadPlaybook(String yaml) {
    Api.Response response = api.post("/api/playbooks", "application/yaml", yaml);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response;
  }

  /** Launches one account through the API and returns its workflow id. */
  protected String launch(String playbookId, String accountId, String owner, String contactsJson) {
    Api.Response response = api.postJson("/api/sequences", """
        {"account": {"id": "%s", "name": "%s Inc", "domain": "%s.example", "industry": "Fintech"},
         "owner": "%s", "playbook": "%s", "contacts": %s}
        """.formatted(accountId, accountId, accountId, owner, playbookId, contactsJson));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.get("workflowId").asText();
  }

  protected static String champion(String email) {
    return """
        [{"email": "%s", "firstName": "Zoë", "lastName": "O'Brien", "title": "Head of Payments Ops", "role": "CHAMPION", "timeZone": "Europe/Dublin",
          "linkedinUrl": "https://www.linkedin.com/in/zoe-obrien-example"}]
        """.formatted(email);
  }

  protected JsonNode sequence(String workflowId) {
    Api.Response response = api.get("/api/sequences/" + workflowId);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  protected JsonNode awaitSequence(String workflowId, Predicate<JsonNode> condition) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          Api.Response response = api.get("/api/sequences/" + workflowId);
          return response.status() == 200 ? response.json() : null;
        }, s -> s != null && condition.test(s));
  }

  protected JsonNode awaitOpenTask(String owner, String workflowId) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (JsonNode task : api.get("/api/tasks?assignee=" + owner).json()) {
        if (task.get("workflowId").asText().equals(workflowId)) return task;
      }
      return null;
    }, t -> t != null);
  }

  protected List<MimeMessage> awaitMailTo(String email, int count) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> mailTo(email), list -> list.size() >= count);
  }

  /** The messages the embedded SMTP server received for {@code email} (its first recipient), in order. */
  protected List<MimeMessage> mailTo(String email) {
    return mail.received().stream().filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().contains(email);
      } catch (jakarta.mail.MessagingException e) {
        return false;
      }
    }).toList();
  }

  protected static String status(JsonNode detail) {
    return detail.get("sequence").get("status").asText();
  }
}
