package io.abmsequencer.starter.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.playbook.PlaybookStore;
import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class PlaybookApiTest extends ApiTestBase {

  @Autowired PlaybookStore store;

  static final String BROKEN = """
      id: api-playbook
      name: Broken on purpose
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      steps:
        - id: hello
          email: {to: [CFO], subject: "Hi {{first_name}}", body: "Hello"}
        - id: gap
          wait: soon
      """;

  static final String FIXED = BROKEN.replace("[CFO]", "[ECONOMIC_BUYER]").replace("{{first_name}}", "{{firstName}}").replace("soon", "3 business days");

  @Test
  void aBrokenPlaybookIsRefusedWithEveryProblemAndNothingIsStored() {
    Api.Response refused = api.post("/api/playbooks", "application/yaml", BROKEN);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    JsonNode errors = refused.get("errors");
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0).get("line").asInt()).isEqualTo(7);
    assertThat(errors.get(0).get("path").asText()).isEqualTo("steps[0].email.to[0]");
    assertThat(errors.get(0).get("message").asText()).contains("unknown role 'CFO'");
    assertThat(errors.get(1).get("message").asText()).contains("{{first_name}}");
    assertThat(errors.get(2).get("line").asInt()).isEqualTo(9);
    assertThat(api.get("/api/playbooks/api-playbook").status()).isEqualTo(404);

    Api.Response v1 = uploadPlaybook(FIXED);
    Api.Response v2 = uploadPlaybook(FIXED.replace("Broken on purpose", "Fixed"));
    assertThat(v2.get("version").asInt()).isEqualTo(v1.get("version").asInt() + 1);

    JsonNode latest = api.get("/api/playbooks/api-playbook").json();
    assertThat(latest.get("name").asText()).isEqualTo("Fixed");
    assertThat(latest.get("yaml").asText()).contains("3 business days");
    assertThat(api.get("/api/playbooks/api-playbook?version=" + v1.get("version").asInt()).json().get("name").asText())
        .isEqualTo("Broken on purpose");
    assertThat(api.get("/api/playbooks").json().findValuesAsString("id")).contains("api-playbook");
  }

  @Test
  void theShippedPlaybooksAreLoadedAndPreviewAsADatedTimeline() {
    JsonNode list = api.get("/api/playbooks").json();
    assertThat(list.findValuesAsString("id"))
        .contains("strategic-new-logo-1to1", "fintech-new-logo-1tofew", "customer-expansion-1tomany");

    Api.Response preview = api.postJson("/api/playbooks/strategic-new-logo-1to1/preview", """
        {"start": "2027-01-04T14:00:00Z",
         "contacts": [{"name": "Erin Baker", "role": "ECONOMIC_BUYER", "timeZone": "America/New_York"},
                      {"name": "Chris Moreno", "role": "CHAMPION", "timeZone": "America/Los_Angeles"},
                      {"name": "Taro Yamada", "role": "TECHNICAL_EVALUATOR", "timeZone": "Asia/Tokyo"}]}
        """);
    assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
    JsonNode result = preview.json();
    assertThat(result.get("months").asDouble()).isBetween(6.0, 18.0);
    JsonNode lines = result.get("lines");
    assertThat(lines.findValuesAsString("kind")).contains("EMAIL", "TASK", "REVIEW", "WAIT");
    assertThat(lines.get(0).get("stepId").asText()).isEqualTo("research-brief");
    // The executive intro goes to the economic buyer within their New York window.
    JsonNode intro = null;
    for (JsonNode line : lines) if (line.get("stepId").asText().equals("exec-intro")) intro = line;
    assertThat(intro.get("to").asText()).isEqualTo("Erin Baker (ECONOMIC_BUYER)");
    assertThat(intro.get("atLocal").asText()).endsWith("America/New_York");

    // Without a body: an example committee, guarded steps shown with their condition.
    JsonNode example = api.postJson("/api/playbooks/strategic-new-logo-1to1/preview", "").json();
    assertThat(example.get("lines").findValuesAsString("guard")).contains("only if score >= 20");
    assertThat(api.postJson("/api/playbooks/no-such-playbook/preview", "{}").status()).isEqualTo(404);
  }

  static final String LATE_TEXTS = """
      id: api-late-texts
      name: Evening touches
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      calendar: {timeZone: America/New_York, sendWindow: "21:00-24:00"}
      steps:
        - id: hello
          email: {to: [CHAMPION], subject: Evening, body: Hi}
        - id: nudge
          sms: {to: [CHAMPION], body: "Hi {{firstName}}"}
      """;

  /**
   * The SMS hours are a legal limit: a text step no moment of the send window allows is refused at
   * upload, on its line. A version stored before the rule still previews, with the text skipped and
   * the reason, which is what its running sequences do.
   */
  @Test
  void aTextThatCouldNeverMeetTheSmsHoursIsRefusedAndAVersionStoredBeforeShowsItSkipped() {
    Api.Response refused = api.post("/api/playbooks", "application/yaml", LATE_TEXTS);
    assertThat(refused.status()).isEqualTo(400);
    JsonNode error = refused.get("errors").get(0);
    assertThat(refused.get("errors")).hasSize(1);
    assertThat(error.get("line").asInt()).isEqualTo(10);
    assertThat(error.get("path").asText()).isEqualTo("steps[1].sms");
    assertThat(error.get("message").asText()).contains("this text could never go out", "08:00-21:00", "21:00-24:00 (line 5)");
    assertThat(api.get("/api/playbooks/api-late-texts").status()).isEqualTo(404);

    // As an upload from before the rule left it in the store.
    store.save(LATE_TEXTS, PlaybookParser.parseStored(LATE_TEXTS), "marketer");
    Api.Response preview = api.postJson("/api/playbooks/api-late-texts/preview", "{\"start\": \"2027-01-04T14:00:00Z\"}");
    assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
    JsonNode lines = preview.json().get("lines");
    assertThat(lines.findValuesAsString("kind")).containsExactly("EMAIL", "SKIPPED");
    assertThat(Instant.parse(lines.get(0).get("at").asText()).atZone(ZoneId.of("America/New_York")).getHour()).isEqualTo(21);
    assertThat(lines.get(1).get("stepId").asText()).isEqualTo("nudge");
    assertThat(lines.get(1).get("description").asText())
        .contains("skipped: texts go out only in the SMS hours, 08:00-21:00", "21:00-24:00 never meets them");
    assertThat(preview.json().get("touches").asInt()).isEqualTo(1);
  }
}
