package io.abmsequencer.starter.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.production.Accounts.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * What a marketer, an SDR and a reviewer do through the REST API, and waiting for its effects. The
 * real server runs in real time and its visibility is eventually consistent: everything polls, with
 * generous limits that are safety nets, never measurements.
 */
final class Drive {
  static final Duration PATIENCE = Duration.ofSeconds(90);

  private final Api api;

  Drive(Api api) {
    this.api = api;
  }

  static Api.Response expect(int status, Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    return response;
  }

  void upload(String yaml) {
    expect(201, api.post("/api/playbooks", "application/yaml", yaml));
  }

  /** A target account list launched whole; returns its progress once every account is started. */
  JsonNode launch(String playbooks, List<Account> accounts) {
    String launchId = expect(202, api.post("/api/launches?" + playbooks, "text/csv", Accounts.csv(accounts))).get("launchId").asText();
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> api.get("/api/launches/" + launchId).json(), p -> p.get("done").asBoolean());
  }

  /** One account launched on its own ({@code POST /api/sequences}); returns its workflow id. */
  String launchOne(Account account, String playbook) {
    return expect(201, api.postJson("/api/sequences", """
        {"account": {"id": "%s", "name": "%s", "domain": "%s", "industry": "Fintech"}, "owner": "%s", "playbook": "%s", "contacts": %s}
        """.formatted(account.id(), account.name(), account.domain(), account.owner(), playbook, Accounts.contactsJson(account))))
        .get("workflowId").asText();
  }

  /** The sequence as the API shows it once {@code condition} holds. */
  JsonNode awaitSequence(String workflowId, Predicate<JsonNode> condition) {
    return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      Api.Response response = api.get("/api/sequences/" + workflowId);
      return response.status() == 200 ? response.json() : null;
    }, s -> s != null && condition.test(s));
  }

  JsonNode awaitStatus(String workflowId, String status) {
    return awaitSequence(workflowId, s -> status.equals(s.get("sequence").get("status").asText()));
  }

  JsonNode awaitOpenTask(String workflowId) {
    return openOnes(awaitSequence(workflowId, s -> !openOnes(s.get("tasks")).isEmpty()).get("tasks")).get(0);
  }

  JsonNode awaitOpenReview(String workflowId) {
    return openOnes(awaitSequence(workflowId, s -> !openOnes(s.get("reviews")).isEmpty()).get("reviews")).get(0);
  }

  private static List<JsonNode> openOnes(JsonNode items) {
    List<JsonNode> open = new java.util.ArrayList<>();
    for (JsonNode item : items) if ("OPEN".equals(item.get("state").asText())) open.add(item);
    return open;
  }

  void event(Account account, String type) {
    expect(202, api.postJson("/api/engagement", """
        {"eventId": "%s-%s", "accountId": "%s", "type": "%s", "occurredAt": "%s"}
        """.formatted(account.id(), type, account.id(), type, Instant.now().minusSeconds(5))));
  }

  void stage(Account account, String stage) {
    expect(202, api.postJson("/api/accounts/" + account.id() + "/stage", "{\"stage\": \"" + stage + "\"}"));
  }

  void control(String workflowId, String action) {
    expect(202, api.postJson("/api/sequences/" + workflowId + "/" + action, "{\"reason\": \"production-mode suite\"}"));
  }

  Api.Response completeTask(String taskId, String body) {
    return api.postJson("/api/tasks/" + taskId + "/complete", body);
  }

  Api.Response decideReview(String reviewId, String body) {
    return api.postJson("/api/reviews/" + reviewId + "/decision", body);
  }
}
