package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A target account list launched whole, with progress; a bad list starts nothing. */
class LaunchApiTest extends ApiTestBase {

  static final String PER_TIER = "/api/launches?playbook.ONE_TO_ONE=strategic-new-logo-1to1"
      + "&playbook.ONE_TO_FEW=fintech-new-logo-1tofew&playbook.ONE_TO_MANY=customer-expansion-1tomany";

  @Test
  void theExampleListStartsOneSequencePerAccountAndReportsProgress() throws IOException {
    byte[] csv = Files.readAllBytes(Path.of("..", "playbooks", "accounts-example.csv"));
    Api.Response accepted = api.postBytes(PER_TIER, "text/csv", csv);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    String launchId = accepted.get("launchId").asText();
    int total = accepted.get("total").asInt();
    assertThat(total).isEqualTo(8);

    JsonNode progress = await().atMost(Duration.ofSeconds(30)).until(
        () -> api.get("/api/launches/" + launchId).json(), p -> p.get("done").asBoolean());
    assertThat(progress.get("started").asInt()).isEqualTo(total);
    assertThat(progress.get("failed").asInt()).isZero();

    JsonNode page = await().atMost(Duration.ofSeconds(30)).until(
        () -> api.get("/api/sequences?launchId=" + launchId).json(), p -> p.get("total").asInt() == total);
    assertThat(page.get("items").findValuesAsString("motion")).contains("NEW_LOGO", "EXPANSION");

    // The same list again: every account already runs its motion, nothing is duplicated.
    String second = api.postBytes(PER_TIER, "text/csv", csv).get("launchId").asText();
    JsonNode again = await().atMost(Duration.ofSeconds(30)).until(
        () -> api.get("/api/launches/" + second).json(), p -> p.get("done").asBoolean());
    assertThat(again.get("alreadyRunning").asInt()).isEqualTo(total);
    assertThat(again.get("started").asInt()).isZero();

    for (JsonNode item : page.get("items")) api.postJson("/api/sequences/" + item.get("workflowId").asText() + "/cancel", "{}");
  }

  @Test
  void aListWithBadRowsIsRefusedWholeAndStartsNothing() {
    String csv = """
        account_id,account_name,domain,industry,tier,owner,email,first_name,last_name,title,role,phone,timezone
        good-co,Good Co,good.example,SaaS,ONE_TO_FEW,sam@yourco.example,ana@good.example,Ana,Lima,CFO,ECONOMIC_BUYER,,America/New_York
        bad-co,Bad Co,bad.example,SaaS,ONE_TO_FEW,sam@yourco.example,not-an-email,Bo,Ek,CTO,CTO,12345,Mars/Olympus
        """;
    long before = api.get("/api/sequences?accountId=good-co").json().get("total").asLong();
    Api.Response refused = api.post("/api/launches?playbook=fintech-new-logo-1tofew", "text/csv", csv);
    assertThat(refused.status()).isEqualTo(400);
    JsonNode errors = refused.get("errors");
    assertThat(errors.findValuesAsString("column")).contains("email", "role", "phone", "timezone");
    for (JsonNode e : errors) assertThat(e.get("row").asInt()).isEqualTo(3);
    assertThat(refused.get("detail").asText()).contains("nothing was started");
    assertThat(api.get("/api/sequences?accountId=good-co").json().get("total").asLong()).isEqualTo(before);
  }

  @Test
  void aTierWithoutAPlaybookIsARowError() {
    String csv = """
        account_id,account_name,tier,owner,email,first_name,role
        strategic-co,Strategic Co,ONE_TO_ONE,sam@yourco.example,ceo@strategic.example,Kim,ECONOMIC_BUYER
        """;
    Api.Response refused = api.post("/api/launches?playbook.ONE_TO_FEW=fintech-new-logo-1tofew", "text/csv", csv);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.get("errors").get(0).get("row").asInt()).isEqualTo(2);
    assertThat(refused.get("errors").get(0).get("column").asText()).isEqualTo("tier");
    assertThat(refused.get("errors").get(0).get("message").asText()).contains("playbook.ONE_TO_ONE");
  }

  @Test
  void launchParametersAreChecked() {
    assertThat(api.post("/api/launches", "text/csv", "x").get("detail").asText()).contains("Say which playbook");
    Api.Response unknown = api.post("/api/launches?playbook=nope&playbook.ONE_TO_TWO=x", "text/csv", "x");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.get("errors")).hasSize(2);
    assertThat(api.get("/api/launches/L-none").status()).isEqualTo(404);
  }
}
