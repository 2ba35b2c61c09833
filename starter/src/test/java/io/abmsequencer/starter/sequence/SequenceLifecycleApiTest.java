package io.abmsequencer.starter.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One account's whole path through the API: launch, a real e-mail over SMTP, an SDR task in the
 * inbox, a review decision, business days later the next e-mail, the end — and the refusals a
 * user would meet along the way.
 */
class SequenceLifecycleApiTest extends ApiTestBase {


  @BeforeEach
  void playbook() {
    uploadPlaybook(LIFECYCLE_PLAYBOOK);
  }

  @Test
  void launchEmailTaskReviewWaitAndEnd() throws Exception {
    String workflowId = launch("api-lifecycle", "initech", "sam.lee@yourco.example", champion("zoe@initech.example"));
    assertThat(workflowId).isEqualTo("abm-new-logo-initech");

    // A second launch of the same account and motion is refused while the first runs.
    Api.Response again = api.postJson("/api/sequences", """
        {"account": {"id": "initech", "name": "Initech"}, "owner": "sam.lee@yourco.example", "playbook": "api-lifecycle",
         "contacts": [{"email": "x@initech.example", "firstName": "X", "role": "CHAMPION"}]}
        """);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(again.get("detail").asText()).contains("already runs", "abm-new-logo-initech");

    MimeMessage first = awaitMailTo("zoe@initech.example", 1).get(0);
    assertThat(first.getSubject()).isEqualTo("A note for initech Inc");
    assertThat(first.getFrom()[0].toString()).contains("sam.lee@yourco.example");

    JsonNode task = awaitOpenTask("sam.lee@yourco.example", workflowId);
    assertThat(task.get("title").asText()).isEqualTo("Call the champion");
    assertThat(task.get("contactName").asText()).isEqualTo("Zoë O'Brien");
    assertThat(task.get("contactLinkedin").asText()).isEqualTo("https://www.linkedin.com/in/zoe-obrien-example");
    String taskId = task.get("taskId").asText();

    assertThat(api.postJson("/api/tasks/" + taskId + "/complete", "{\"outcome\": \"NOT_AN_OUTCOME\"}").status()).isEqualTo(400);
    assertThat(api.postJson("/api/tasks/no-such-task/complete", "{\"outcome\": \"COMPLETED\"}").status()).isEqualTo(404);
    Api.Response done = api.postJson("/api/tasks/" + taskId + "/complete", "{\"outcome\": \"COMPLETED\", \"note\": \"left a voicemail\"}");
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.get("endsSequence").asBoolean()).isFalse();
    Api.Response twice = api.postJson("/api/tasks/" + taskId + "/complete", "{\"outcome\": \"COMPLETED\"}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.get("detail").asText()).contains("already closed");

    JsonNode review = awaitSequence(workflowId, s -> s.get("reviews").size() == 1).get("reviews").get(0);
    assertThat(review.get("question").asText()).isEqualTo("Keep going with this account?");
    String reviewId = review.get("reviewId").asText();
    assertThat(api.get("/api/reviews").json().findValuesAsString("reviewId")).contains(reviewId);
    // The workflow's validator refuses a move to the tier the account is in, naming the field.
    Api.Response sameTier = api.postJson("/api/reviews/" + reviewId + "/decision", "{\"decision\": \"CHANGE_TIER\", \"tier\": \"ONE_TO_FEW\"}");
    assertThat(sameTier.status()).as(sameTier.toString()).isEqualTo(400);
    assertThat(sameTier.get("errors").get(0).get("field").asText()).isEqualTo("tier");
    assertThat(sameTier.get("detail").asText()).isEqualTo("The account is already in tier ONE_TO_FEW");
    Api.Response decided = api.postJson("/api/reviews/" + reviewId + "/decision", "{\"decision\": \"CONTINUE\", \"note\": \"champion engaged\"}");
    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);

    JsonNode waiting = awaitSequence(workflowId, s -> "WAITING".equals(status(s)));
    assertThat(waiting.get("live").get("details").asText()).startsWith("Waiting 3 business days");
    assertThat(waiting.get("sequence").get("nextTouch").asText()).isEqualTo("email to CHAMPION: Following up, {{firstName}}");

    temporal.skipTime(Duration.ofDays(4));
    List<MimeMessage> both = awaitMailTo("zoe@initech.example", 2);
    assertThat(both.get(1).getSubject()).isEqualTo("Following up, Zoë");

    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("COMPLETED");
    assertThat(ended.get("sequence").get("touches").asInt()).isEqualTo(2);
    assertThat(ended.get("touches")).hasSize(2);
    assertThat(ended.get("tasks").get(0).get("state").asText()).isEqualTo("DONE");
    assertThat(ended.get("reviews").get(0).get("decision").asText()).isEqualTo("CONTINUE");
    assertThat(ended.get("contacts").get(0).get("email").asText()).isEqualTo("zoe@initech.example");

    // Once it has ended the account may be launched again.
    assertThat(launch("api-lifecycle", "initech", "sam.lee@yourco.example", champion("zoe@initech.example"))).isEqualTo(workflowId);
    api.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
  }

  @Test
  void pauseResumeAndCancel() {
    String workflowId = launch("api-lifecycle", "hooli", "sam.lee@yourco.example", champion("gavin@hooli.example"));
    awaitOpenTask("sam.lee@yourco.example", workflowId);

    assertThat(api.postJson("/api/sequences/" + workflowId + "/pause", "{\"reason\": \"merger announced\"}").status()).isEqualTo(202);
    awaitSequence(workflowId, s -> "PAUSED".equals(status(s)));
    assertThat(api.postJson("/api/sequences/" + workflowId + "/resume", "{}").status()).isEqualTo(202);
    awaitSequence(workflowId, s -> "AWAITING_TASK".equals(status(s)));
    assertThat(api.postJson("/api/sequences/" + workflowId + "/cancel", "{\"reason\": \"moved to partner\"}").status()).isEqualTo(202);
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("CANCELLED");
    assertThat(ended.get("tasks").get(0).get("state").asText()).isEqualTo("CANCELLED");

    Api.Response late = api.postJson("/api/sequences/" + workflowId + "/pause", "{}");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.get("detail").asText()).contains("has ended");
    assertThat(api.postJson("/api/sequences/abm-new-logo-nobody/pause", "{}").status()).isEqualTo(404);
  }

  @Test
  void listsFilterFromTheReadModel() {
    String workflowId = launch("api-lifecycle", "vandelay", "kramer@yourco.example", champion("art@vandelay.example"));
    awaitSequence(workflowId, s -> "AWAITING_TASK".equals(status(s)));
    JsonNode page = api.get("/api/sequences?owner=kramer@yourco.example&status=AWAITING_TASK&motion=NEW_LOGO").json();
    assertThat(page.get("total").asInt()).isEqualTo(1);
    assertThat(page.get("items").get(0).get("workflowId").asText()).isEqualTo(workflowId);
    assertThat(api.get("/api/sequences?owner=kramer@yourco.example&status=PAUSED").json().get("total").asInt()).isZero();
    assertThat(api.get("/api/sequences?status=SLEEPING").status()).isEqualTo(400);
    api.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
  }
}
