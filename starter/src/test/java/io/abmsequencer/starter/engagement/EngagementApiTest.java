package io.abmsequencer.starter.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Engagement stored once, scored in coalesced batches, high intent at once; CRM stages end sequences. */
class EngagementApiTest extends ApiTestBase {

  static final String PLAYBOOK = """
      id: api-engagement
      name: API engagement
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      %s
      scoring:
        thresholds: [{score: 60, to: CHAMPION, title: "Hot: call the champion"}]
      steps:
        - id: long-wait
          wait: 3 months
      """.formatted(ALWAYS_OPEN);

  @BeforeEach
  void playbook() {
    uploadPlaybook(PLAYBOOK);
  }

  Api.Response event(String id, String account, String type) {
    return api.postJson("/api/engagement", """
        {"eventId": "%s", "accountId": "%s", "contactEmail": "zoe@%s.example", "type": "%s", "occurredAt": "%s"}
        """.formatted(id, account, account, type, Instant.now().minusSeconds(5)));
  }

  @Test
  void eventsAreStoredOnceCoalescedIntoTheScoreAndHighIntentArrivesAtOnce() {
    String workflowId = launch("api-engagement", "umbrella", "alice@yourco.example", champion("zoe@umbrella.example"));
    awaitSequence(workflowId, s -> "WAITING".equals(status(s)));

    assertThat(event("web-1", "umbrella", "WEBSITE_VISIT").status()).isEqualTo(202);
    assertThat(event("web-2", "umbrella", "website_visit").status()).isEqualTo(202);
    Api.Response pricing = event("pricing-1", "umbrella", "PRICING_PAGE_VISIT");
    assertThat(pricing.get("duplicate").asBoolean()).isFalse();
    Api.Response repeat = event("pricing-1", "umbrella", "PRICING_PAGE_VISIT");
    assertThat(repeat.status()).isEqualTo(202);
    assertThat(repeat.get("duplicate").asBoolean()).isTrue();

    JsonNode scored = awaitSequence(workflowId, s -> s.get("live").get("score").asInt() == 25);
    assertThat(scored.get("live").get("engagement").get("WEBSITE_VISIT").asInt()).isEqualTo(2);

    Api.Response demo = event("demo-1", "umbrella", "DEMO_REQUEST");
    assertThat(demo.get("deliveredNow").asBoolean()).isTrue();
    awaitSequence(workflowId, s -> s.get("live").get("score").asInt() == 75);
    JsonNode alert = awaitOpenTask("alice@yourco.example", workflowId);
    assertThat(alert.get("type").asText()).isEqualTo("HOT_ACCOUNT");
    assertThat(alert.get("title").asText()).isEqualTo("Hot: call the champion");
    assertThat(alert.get("reason").asText()).contains("crossed 60", "DEMO_REQUEST");

    Api.Response stage = api.postJson("/api/accounts/umbrella/stage", "{\"stage\": \"OPPORTUNITY\"}");
    assertThat(stage.status()).isEqualTo(202);
    assertThat(stage.get("sequences").get(0).asText()).isEqualTo(workflowId);
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("OPPORTUNITY_CREATED");
    assertThat(ended.get("sequence").get("score").asInt()).isEqualTo(75);
    assertThat(ended.get("tasks").get(0).get("state").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void aMeetingBookedEndsTheSequence() {
    String workflowId = launch("api-engagement", "stark", "alice@yourco.example", champion("pepper@stark.example"));
    awaitSequence(workflowId, s -> "WAITING".equals(status(s)));
    event("meeting-1", "stark", "MEETING_BOOKED");
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("MEETING_BOOKED");
  }

  @Test
  void anOptOutReachesTheRunningSequence() {
    String workflowId = launch("api-engagement", "wayne", "alice@yourco.example", champion("lucius@wayne.example"));
    awaitSequence(workflowId, s -> "WAITING".equals(status(s)));
    Api.Response added = api.postJson("/api/suppressions", "{\"email\": \"Lucius@Wayne.example\", \"reason\": \"UNSUBSCRIBED\"}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.get("sequencesTold").get(0).asText()).isEqualTo(workflowId);
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("ALL_CONTACTS_OPTED_OUT");
  }

  @Test
  void badEventsAndStagesAreRefusedNamingTheField() {
    Api.Response bad = api.postJson("/api/engagement", "{\"eventId\": \"\", \"accountId\": \"x\", \"type\": \"TWEET\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.get("errors").findValuesAsString("field")).containsExactly("eventId", "type", "occurredAt");
    Api.Response wrongType = api.postJson("/api/engagement", "{\"eventId\": \"e\", \"accountId\": \"x\", \"type\": \"WEBSITE_VISIT\", \"occurredAt\": \"yesterday\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.get("detail").asText()).startsWith("occurredAt");
    Api.Response epoch = api.postJson("/api/engagement", "{\"eventId\": \"e\", \"accountId\": \"x\", \"type\": \"WEBSITE_VISIT\", \"occurredAt\": 12}");
    // An epoch number could be seconds, milliseconds or nanoseconds: refused, asking for ISO-8601.
    assertThat(epoch.status()).isEqualTo(400);
    assertThat(epoch.get("errors").get(0).get("field").asText()).isEqualTo("occurredAt");
    assertThat(epoch.get("errors").get(0).get("message").asText()).contains("ISO-8601 instant");
    assertThat(api.postJson("/api/accounts/x/stage", "{\"stage\": \"WON\"}").get("detail").asText()).contains("unknown stage 'WON'");
  }
}
