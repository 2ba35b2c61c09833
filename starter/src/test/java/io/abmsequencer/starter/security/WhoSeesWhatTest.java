package io.abmsequencer.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.abmsequencer.starter.testsupport.ConsoleSession;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Roles inside the data, tried as an SDR would: {@code sdr2} (Jane) goes through every read path of
 * the API and the console after {@code sdr}'s (Sam's) account, which has a sent e-mail with its
 * body, a task closed with a note, an open task, contact details and fresh engagement. None of it
 * reaches her, and another owner's sequence is as "not found" as one that does not exist. Marketers,
 * reviewers and ops still read everything.
 */
class WhoSeesWhatTest extends ApiTestBase {
  static final String SAM = "sam.lee@yourco.example";
  static final String JANE = "jane.doe@yourco.example";
  static final String PLAYBOOK = """
      id: who-sees-what
      name: Who sees what
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      %s
      steps:
        - id: hello
          email: {to: [CHAMPION], subject: "A short read for {{accountName}}", body: "PRIVATE-BODY for {{firstName}}"}
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call {{firstName}}", due: 2 business days}
        - id: connect
          task: {type: LINKEDIN, to: CHAMPION, title: "Connect with {{firstName}}", due: 5 business days}
        - id: breather
          wait: 2 weeks
      """.formatted(ALWAYS_OPEN);

  /** What of Sam's account must never reach Jane: its name, domain, contact's name, e-mail and phone, the task's note, the e-mail's body. */
  static final List<String> SAMS_SECRETS = List.of(
      "roles-sam Inc", "roles-sam.example", "Quartermaine", "priya@roles-sam.example", "+14155550123", "NOTE-only-for-sam",
      "PRIVATE-BODY for Priya", "Connect with Priya");

  /** Launched once for the class: the context (and its database) is shared by every API test class. */
  private static Accounts accounts;

  record Accounts(String sams, String samsOpenTask, String janes, String janesTask) {}

  @BeforeEach
  void accounts() {
    if (accounts != null) return;
    uploadPlaybook(PLAYBOOK);
    String sams = launch("who-sees-what", "roles-sam", SAM, contact("Priya", "Quartermaine", "priya@roles-sam.example", "+14155550123"));
    String janes = launch("who-sees-what", "roles-jane", JANE, contact("Jonas", "Featherstone", "jonas@roles-jane.example", "+14155550199"));
    String call = awaitOpenTask(SAM, sams).get("taskId").asText();
    assertThat(api.as("sdr", "sdr-demo").postJson("/api/tasks/" + call + "/complete",
        "{\"outcome\": \"COMPLETED\", \"note\": \"NOTE-only-for-sam\"}").status()).isEqualTo(200);
    String connect = awaitOpenTask(SAM, sams).get("taskId").asText();
    assertThat(api.postJson("/api/engagement", """
        {"eventId": "roles-sam-ev-1", "accountId": "roles-sam", "contactEmail": "priya@roles-sam.example", "type": "PRICING_PAGE_VISIT", "occurredAt": "%s"}
        """.formatted(Instant.now().minusSeconds(5))).status()).isEqualTo(202);
    awaitSequence(sams, s -> s.get("sequence").get("score").asInt() == 15);
    accounts = new Accounts(sams, connect, janes, awaitOpenTask(JANE, janes).get("taskId").asText());
  }

  private static String contact(String first, String last, String email, String phone) {
    return """
        [{"email": "%s", "firstName": "%s", "lastName": "%s", "title": "Head of Treasury", "role": "CHAMPION",
          "timeZone": "America/Chicago", "phone": "%s", "smsConsent": false}]
        """.formatted(email, first, last, phone);
  }

  @Test
  void theApiShowsAnSdrNothingOfAnotherSdrsAccounts() {
    Api jane = api.as("sdr2", "sdr2-demo");

    // One sequence: Sam's answers exactly as a sequence that does not exist.
    Api.Response sams = jane.get("/api/sequences/" + accounts.sams());
    Api.Response nobody = jane.get("/api/sequences/abm-new-logo-roles-nobody");
    assertThat(sams.status()).isEqualTo(404);
    assertThat(sams.body().replace(accounts.sams(), "ID")).isEqualTo(nobody.body().replace("abm-new-logo-roles-nobody", "ID"));
    assertNothingOfSams(sams.body());

    // The list: her own accounts, whatever owner or account she asks for.
    for (String query : List.of("", "?owner=" + SAM, "?owner=SAM.LEE@yourco.example", "?accountId=roles-sam", "?size=500")) {
      Api.Response list = jane.get("/api/sequences" + query);
      assertThat(list.status()).as(query).isEqualTo(200);
      assertThat(list.json().get("items").findValuesAsString("owner")).as(query).isSubsetOf(JANE);
      assertThat(list.json().get("items").findValuesAsString("workflowId")).as(query).doesNotContain(accounts.sams());
      assertNothingOfSams(list.body());
    }
    assertThat(jane.get("/api/sequences?accountId=roles-jane").json().get("items").findValuesAsString("workflowId"))
        .containsExactly(accounts.janes());

    // Tasks were already her own only: Sam's open task, his inbox, everyone's closed tasks.
    assertThat(jane.get("/api/tasks/" + accounts.samsOpenTask()).status()).isEqualTo(403);
    assertNothingOfSams(jane.get("/api/tasks/" + accounts.samsOpenTask()).body());
    assertThat(jane.get("/api/tasks?assignee=" + SAM).status()).isEqualTo(403);
    Api.Response allHers = jane.get("/api/tasks?state=all");
    assertThat(allHers.json().findValuesAsString("owner")).containsOnly(JANE);
    assertNothingOfSams(allHers.body());

    // Everything else under /api an SDR might GET: refused by role, or holds no account.
    for (String path : List.of("/api/reviews", "/api/launches/any", "/api/suppressions", "/api/users", "/actuator/metrics")) {
      assertThat(jane.get(path).status()).as(path).isEqualTo(403);
    }
    for (String path : List.of("/api/playbooks", "/api/playbooks/who-sees-what", "/api/system")) {
      Api.Response open = jane.get(path);
      assertThat(open.status()).as(path).isEqualTo(200);
      assertNothingOfSams(open.body());
    }

    // Her own account, in full; and Sam reads his.
    assertThat(jane.get("/api/sequences/" + accounts.janes()).body()).contains("Featherstone", "jonas@roles-jane.example");
    Api.Response his = api.as("sdr", "sdr-demo").get("/api/sequences/" + accounts.sams());
    assertThat(his.status()).isEqualTo(200);
    assertThat(his.body()).contains(SAMS_SECRETS.toArray(String[]::new));
  }

  @Test
  void theConsoleShowsAnSdrNothingOfAnotherSdrsAccounts() {
    ConsoleSession jane = new ConsoleSession(port, "sdr2", "sdr2-demo");

    HttpResponse<String> sams = jane.get("/sequences/" + accounts.sams());
    HttpResponse<String> nobody = jane.get("/sequences/abm-new-logo-roles-nobody");
    assertThat(sams.statusCode()).isEqualTo(404);
    assertThat(page(sams, accounts.sams())).isEqualTo(page(nobody, "abm-new-logo-roles-nobody"));
    assertNothingOfSams(sams.body());
    // Just launched, as the launch form's redirect says: the same "starting" page as for an unknown one.
    HttpResponse<String> starting = jane.get("/sequences/" + accounts.sams() + "?started=");
    assertThat(page(starting, accounts.sams())).isEqualTo(page(jane.get("/sequences/abm-new-logo-roles-nobody?started="), "abm-new-logo-roles-nobody"));
    assertNothingOfSams(starting.body());

    for (String query : List.of("", "?owner=" + SAM, "?account=roles-sam", "?owner=&account=roles-sam")) {
      HttpResponse<String> list = jane.get("/sequences" + query);
      assertThat(list.statusCode()).as(query).isEqualTo(200);
      assertNothingOfSams(list.body());
      assertThat(list.body()).as("the owner field says whose list it is").contains("value=\"" + JANE + "\"", "Your accounts only");
    }
    assertThat(jane.get("/sequences?account=roles-jane").body()).contains("roles-jane Inc");

    // The weekly review: her own accounts only, with no other owner (nor "everyone") to pick.
    for (String query : List.of("", "?owner=" + SAM, "?owner=")) {
      HttpResponse<String> weekly = jane.get("/weekly" + query);
      assertThat(weekly.statusCode()).as(query).isEqualTo(200);
      assertNothingOfSams(weekly.body());
      assertThat(weekly.body()).as(query).doesNotContain(">Everyone<", "<option value=\"" + SAM + "\"");
    }

    // The inbox, whichever owner the address names; Sam's task by its id.
    for (String query : List.of("", "?owner=" + SAM, "?assignee=" + SAM)) {
      HttpResponse<String> inbox = jane.get("/inbox" + query);
      assertThat(inbox.statusCode()).as(query).isEqualTo(200);
      assertNothingOfSams(inbox.body());
      assertThat(inbox.body()).as(query).contains("roles-jane Inc");
    }
    HttpResponse<String> samsTask = jane.get("/inbox/" + accounts.samsOpenTask());
    assertThat(samsTask.statusCode()).isEqualTo(403);
    assertNothingOfSams(samsTask.body());

    // Aggregates without any account stay open to her; pages that list accounts or touches are not hers.
    for (String path : List.of("/", "/scorecard", "/scorecard.csv", "/playbooks", "/playbooks/who-sees-what")) {
      HttpResponse<String> open = jane.get(path);
      assertThat(open.statusCode()).as(path).isEqualTo(200);
      assertNothingOfSams(open.body());
    }
    for (String path : List.of("/outbox", "/reviews", "/suppressions", "/launch/any", "/list-refresh")) {
      assertThat(jane.get(path).statusCode()).as(path).isEqualTo(403);
    }

    // Sam, on his own account's page and list.
    ConsoleSession sam = new ConsoleSession(port, "sdr", "sdr-demo");
    assertThat(sam.get("/sequences/" + accounts.sams()).body()).contains("roles-sam Inc", "Quartermaine", "priya@roles-sam.example",
        "NOTE-only-for-sam");
    assertThat(sam.get("/sequences?owner=" + JANE + "&account=roles-sam").body()).contains("roles-sam Inc");
    assertThat(sam.get("/sequences?owner=" + JANE + "&account=roles-jane").body()).doesNotContain("roles-jane Inc");
  }

  @Test
  void marketersReviewersAndOpsStillReadEveryAccount() {
    for (String[] who : List.of(new String[] {"marketer", "marketer-demo"}, new String[] {"reviewer", "reviewer-demo"},
        new String[] {"ops", "ops-demo"}, new String[] {"admin", "admin-demo"})) {
      Api someone = api.as(who[0], who[1]);
      Api.Response sams = someone.get("/api/sequences/" + accounts.sams());
      assertThat(sams.status()).as(who[0]).isEqualTo(200);
      assertThat(sams.body()).as(who[0]).contains(SAMS_SECRETS.toArray(String[]::new));
      JsonNode bySam = someone.get("/api/sequences?owner=" + SAM + "&accountId=roles-sam").json();
      assertThat(bySam.get("items").findValuesAsString("workflowId")).as(who[0]).contains(accounts.sams());
      assertThat(someone.get("/api/sequences?accountId=roles-jane").json().get("items").findValuesAsString("workflowId"))
          .as(who[0]).containsExactly(accounts.janes());

      ConsoleSession console = new ConsoleSession(port, who[0], who[1]);
      assertThat(console.get("/sequences/" + accounts.sams()).body()).as(who[0])
          .contains("roles-sam Inc", "Quartermaine", "priya@roles-sam.example", "+14155550123", "NOTE-only-for-sam");
      assertThat(console.get("/sequences?owner=" + SAM + "&account=roles-sam").body()).as(who[0])
          .contains("roles-sam Inc").doesNotContain("Your accounts only");
      assertThat(console.get("/weekly?owner=" + SAM).body()).as(who[0]).contains("roles-sam Inc");
    }
  }

  /** A page as its reader sees it, whichever id was asked for; the CSRF token is masked afresh on every response. */
  private static String page(HttpResponse<String> response, String id) {
    return response.body().replace(id, "ID").replaceAll("(name=\"_csrf\" (content|value)=)\"[^\"]+\"", "$1\"TOKEN\"");
  }

  private static void assertNothingOfSams(String body) {
    assertThat(body).doesNotContain(SAMS_SECRETS.toArray(String[]::new));
  }
}
