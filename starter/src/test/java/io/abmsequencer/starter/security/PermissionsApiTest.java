package io.abmsequencer.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The same roles rule the API as the console: who may launch, whose tasks one may see, who decides reviews. */
class PermissionsApiTest extends ApiTestBase {

  @Test
  void withoutCredentialsTheApiAnswers401AndWebhooksStayPublic() {
    Api anonymous = api.as(null, null);
    assertThat(anonymous.get("/api/sequences").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/playbooks").status()).isEqualTo(401);
    assertThat(api.as("admin", "wrong-password").get("/api/sequences").status()).isEqualTo(401);
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/t/forged-token").status()).isEqualTo(400);
    assertThat(anonymous.get("/u/forged-token").status()).isEqualTo(400);
  }

  @Test
  void anSdrCannotLaunchNorSeeAnotherSdrsTasks() {
    uploadPlaybook(LIFECYCLE_PLAYBOOK);
    String forSam = launch("api-lifecycle", "perm-sam", "sam.lee@yourco.example", champion("a@perm-sam.example"));
    String forJane = launch("api-lifecycle", "perm-jane", "jane.doe@yourco.example", champion("b@perm-jane.example"));
    JsonNode janesTask = awaitOpenTask("jane.doe@yourco.example", forJane);
    awaitOpenTask("sam.lee@yourco.example", forSam);

    Api sam = api.as("sdr", "sdr-demo"); // owner sam.lee@yourco.example
    assertThat(sam.postJson("/api/sequences", "{}").status()).isEqualTo(403);
    assertThat(sam.post("/api/launches?playbook=api-lifecycle", "text/csv", "x").status()).isEqualTo(403);
    assertThat(sam.post("/api/playbooks", "application/yaml", "id: x").status()).isEqualTo(403);

    // Their own inbox only, whatever they ask for.
    JsonNode own = sam.get("/api/tasks").json();
    assertThat(own.findValuesAsString("owner")).containsOnly("sam.lee@yourco.example");
    assertThat(sam.get("/api/tasks?assignee=jane.doe@yourco.example").status()).isEqualTo(403);
    String janesTaskId = janesTask.get("taskId").asText();
    assertThat(sam.get("/api/tasks/" + janesTaskId).status()).isEqualTo(403);
    assertThat(sam.postJson("/api/tasks/" + janesTaskId + "/complete", "{\"outcome\": \"COMPLETED\"}").status()).isEqualTo(403);
    assertThat(api.get("/api/tasks/" + janesTaskId).json().get("state").asText()).isEqualTo("OPEN");

    api.postJson("/api/sequences/" + forSam + "/cancel", "{}");
    api.postJson("/api/sequences/" + forJane + "/cancel", "{}");
  }

  @Test
  void aMarketerCannotDecideReviewsAndAReviewerCan() {
    uploadPlaybook(LIFECYCLE_PLAYBOOK);
    String workflowId = launch("api-lifecycle", "perm-review", "sam.lee@yourco.example", champion("c@perm-review.example"));
    JsonNode task = awaitOpenTask("sam.lee@yourco.example", workflowId);
    assertThat(api.as("sdr", "sdr-demo").postJson("/api/tasks/" + task.get("taskId").asText() + "/complete", "{\"outcome\": \"COMPLETED\"}")
        .status()).isEqualTo(200);
    JsonNode review = awaitSequence(workflowId, s -> s.get("reviews").size() == 1).get("reviews").get(0);
    String path = "/api/reviews/" + review.get("reviewId").asText() + "/decision";

    assertThat(api.as("marketer", "marketer-demo").postJson(path, "{\"decision\": \"STOP\"}").status()).isEqualTo(403);
    assertThat(api.as("sdr", "sdr-demo").get("/api/reviews").status()).isEqualTo(403);
    Api.Response decided = api.as("reviewer", "reviewer-demo").postJson(path, "{\"decision\": \"STOP\", \"note\": \"not this year\"}");
    assertThat(decided.status()).isEqualTo(200);
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("reviews").get(0).get("decidedBy").asText()).isEqualTo("reviewer");
  }

  @Test
  void adminsAddUsersKeptHashedInTheDatabase() {
    Api.Response added = api.postJson("/api/users", "{\"username\": \"kim\", \"password\": \"a-long-enough-secret\", \"roles\": [\"SDR\"], \"owner\": \"kim@yourco.example\"}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(api.as("kim", "a-long-enough-secret").get("/api/tasks").status()).isEqualTo(200);
    assertThat(api.as("kim", "a-long-enough-secret").postJson("/api/users", "{}").status()).isEqualTo(403);
    assertThat(api.postJson("/api/users", "{\"username\": \"lee\", \"password\": \"short\", \"roles\": [\"SDR\"]}").status()).isEqualTo(400);
    assertThat(api.get("/api/users").body()).doesNotContain("a-long-enough-secret");
  }
}
