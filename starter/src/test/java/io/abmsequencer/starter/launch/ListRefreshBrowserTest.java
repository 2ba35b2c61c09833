package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.BrowserTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The quarterly list refresh in Chromium, on the example list (account ids prefixed, its own
 * playbook): the preview shows what would be added, dropped, kept and whose committee changes,
 * nothing happens until the marketer applies it, and then it does.
 */
class ListRefreshBrowserTest extends BrowserTestBase {
  static final String PLAYBOOK = """
      id: refresh-browser
      name: List refresh test
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      %s
      steps:
        - id: breather
          wait: 4 weeks
        - id: hello
          email: {to: [CHAMPION], subject: "Hi {{firstName}}", body: "Hello"}
      """.formatted(ALWAYS_OPEN);

  static final String NIA = "rf-ledgerline,Ledgerline Capital,ledgerline.example,Fintech,1:few,sam.lee@yourco.example,"
      + "nia.patel@ledgerline.example,Nia,Patel,Head of Treasury,champion,,Europe/London,,";
  static final String HARBOR = """
      rf-harbor-labs,Harbor Labs,harborlabs.example,SaaS,1:many,jane.doe@yourco.example,omar.haddad@harborlabs.example,Omar,Haddad,CTO,economic buyer,,Europe/London,,
      rf-harbor-labs,Harbor Labs,harborlabs.example,SaaS,1:many,jane.doe@yourco.example,lin.wu@harborlabs.example,Lin,Wu,Platform Lead,champion,,Europe/London,,
      """;

  @Test
  void previewsTheDifferenceAndAppliesItOnlyWhenConfirmed() throws Exception {
    uploadPlaybook(PLAYBOOK);
    List<String> example = Files.readAllLines(Path.of("..", "playbooks", "accounts-example.csv"), StandardCharsets.UTF_8);
    List<String> current = new ArrayList<>(List.of(example.get(0)));
    example.stream().skip(1).filter(l -> !l.isBlank()).forEach(l -> current.add("rf-" + l));
    Api.Response launched = api.post("/api/launches?playbook=refresh-browser", "text/csv", String.join("\n", current) + "\n");
    assertThat(launched.status()).as(launched.toString()).isEqualTo(202);
    String launchId = launched.get("launchId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/launches/" + launchId).json().get("started").asInt() == 8);
    String tidewater = "abm-new-logo-rf-tidewater-freight";
    String ledgerline = "abm-new-logo-rf-ledgerline";
    awaitSequence(tidewater, s -> "WAITING".equals(status(s)));
    awaitSequence(ledgerline, s -> "WAITING".equals(status(s)) && s.get("contacts").size() == 4);

    // Next quarter's list: Tidewater out, Harbor Labs in, Ledgerline's security head replaced by a new champion.
    List<String> next = new ArrayList<>();
    for (String line : current) {
      if (line.startsWith("rf-tidewater-freight,") || line.contains("rhys.evans@")) continue;
      next.add(line);
      if (line.contains("amara.nwosu@")) next.add(NIA);
    }
    Path file = Files.createTempFile("tal-next-quarter", ".csv");
    Files.writeString(file, String.join("\n", next) + "\n" + HARBOR, StandardCharsets.UTF_8);

    signIn("marketer", "marketer-demo");
    open("/list-refresh");
    assertThat(text(By.tagName("h1"))).isEqualTo("Refresh the target account list");
    assertAccessible();
    screenshot("list-refresh-form");
    browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    for (String tier : List.of("ONE_TO_ONE", "ONE_TO_FEW", "ONE_TO_MANY")) {
      new Select(browser.findElement(By.id("playbook-" + tier))).selectByValue("refresh-browser");
    }
    browser.findElement(By.cssSelector("form.in-refresh button[type=submit]")).click();

    waitFor(By.id("n-add"));
    assertThat(text(By.tagName("h1"))).isEqualTo("What the new list changes");
    assertThat(text(By.id("n-add"))).isEqualTo("1");
    assertThat(text(By.id("n-drop"))).isEqualTo("1");
    assertThat(text(By.id("n-keep"))).isEqualTo("7");
    assertThat(text(By.id("n-committee"))).isEqualTo("1");
    assertThat(text(By.cssSelector("#add tbody"))).contains("Harbor Labs", "rf-harbor-labs", "1:many", "2 people", "refresh-browser@1");
    assertThat(text(By.cssSelector("#drop tbody"))).contains("Tidewater Freight", "sam.lee@yourco.example");
    assertThat(text(By.cssSelector("#committee tbody"))).contains("Ledgerline Capital", "Nia Patel (champion, nia.patel@ledgerline.example)",
        "Rhys Evans (rhys.evans@ledgerline.example)");
    assertThat(text(By.cssSelector("#keep tbody"))).contains("Northwind Pay", "Ledgerline Capital").doesNotContain("Tidewater");
    assertAccessible();
    screenshot("list-refresh-preview");

    // Nothing has happened yet.
    assertThat(status(sequence(tidewater))).isEqualTo("WAITING");
    assertThat(api.get("/api/sequences/abm-new-logo-rf-harbor-labs").status()).isEqualTo(404);

    browser.findElement(By.id("confirm")).click();
    waitFor(By.id("outcome"));
    assertThat(text(By.id("outcome"))).isEqualTo("1 new account(s) launching, 1 sequence(s) ended, 1 committee(s) updated.");
    assertThat(text(By.id("removed"))).isEqualTo("Tidewater Freight: ending (removed from the target account list)");
    assertThat(text(By.id("committees"))).isEqualTo("Ledgerline Capital: told");
    assertAccessible();
    screenshot("list-refresh-done");

    JsonNode dropped = awaitSequence(tidewater, s -> "EXITED".equals(status(s)));
    assertThat(dropped.get("sequence").get("exitReason").asText()).isEqualTo("REMOVED_FROM_LIST");
    JsonNode harbor = awaitSequence("abm-new-logo-rf-harbor-labs", s -> "WAITING".equals(status(s)));
    assertThat(harbor.get("sequence").get("tier").asText()).isEqualTo("ONE_TO_MANY");
    JsonNode committee = awaitSequence(ledgerline, s -> s.get("contacts").toString().contains("nia.patel@ledgerline.example"));
    assertThat(committee.get("contacts").toString()).doesNotContain("rhys.evans@");
    assertThat(status(committee)).isEqualTo("WAITING");

    // The preview was used up: applying it again (a reload, a second click) changes nothing.
    browser.navigate().back();
    if (!browser.findElements(By.id("confirm")).isEmpty()) {
      browser.findElement(By.id("confirm")).click();
      waitForText(By.cssSelector("[role=alert]"), "no longer current");
    }
  }

  @Test
  void aBadListShowsEveryBadRowAndChangesNothing() throws IOException {
    Path file = Files.createTempFile("tal-bad", ".csv");
    Files.writeString(file, """
        account_id,account_name,domain,industry,tier,owner,email,first_name,last_name,title,role,phone,timezone
        rf-bad-1,Bad One,badone.example,SaaS,1:few,sam.lee@yourco.example,not-an-address,Ann,Lee,CFO,economic buyer,,UTC
        rf-bad-2,Bad Two,badtwo.example,SaaS,1:several,sam.lee@yourco.example,bo@badtwo.example,Bo,Ma,CTO,economic buyer,,Mars/Base
        """, StandardCharsets.UTF_8);
    signIn("marketer", "marketer-demo");
    open("/list-refresh");
    browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    new Select(browser.findElement(By.id("playbook-ONE_TO_FEW"))).selectByIndex(1);
    browser.findElement(By.cssSelector("form.in-refresh button[type=submit]")).click();

    String errors = waitFor(By.id("errors")).getText();
    assertThat(errors).contains("nothing was changed");
    List<String> rows = browser.findElements(By.cssSelector("#errors tbody tr")).stream().map(r -> r.getText()).toList();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("2 email"));
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("3 tier"));
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("3 timezone"));
    assertAccessible();
    screenshot("list-refresh-errors");
    assertThat(api.get("/api/sequences/abm-new-logo-rf-bad-1").status()).isEqualTo(404);
  }

  @Test
  void anSdrMayNotRefreshTheList() {
    signIn("sdr", "sdr-demo");
    open("/list-refresh");
    assertThat(browser.getPageSource()).containsAnyOf("403", "Forbidden", "do not have access");
  }
}
