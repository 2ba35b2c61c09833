package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.BrowserTestBase;
import io.abmsequencer.starter.playbook.WholePage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/** What the launch page refuses, and where it says so; who may launch at all. */
class LaunchBrowserTest extends BrowserTestBase {

  @Test
  void aListWithBadRowsShowsEveryBadRowAndStartsNothing() throws IOException {
    Path csv = Files.createTempFile("bad-tal-", ".csv");
    Files.writeString(csv, """
        account_id,account_name,domain,industry,tier,owner,email,first_name,last_name,title,role,phone,timezone
        console-good,Good Co,good.example,SaaS,1:few,sam.lee@yourco.example,ana@good.example,Ana,Lima,CFO,economic buyer,,America/New_York
        console-bad,Bad Co,bad.example,SaaS,1:few,sam.lee@yourco.example,not-an-email,Bo,Ek,CTO,CTO,12345,Mars/Olympus
        console-worse,Worse Co,worse.example,SaaS,2:1,sam.lee@yourco.example,cy@worse.example,,Oh,CEO,champion,,
        """);
    signIn("marketer", "marketer-demo");
    open("/launch");
    browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
    new Select(browser.findElement(By.id("playbook-ONE_TO_ONE"))).selectByValue("");
    new Select(browser.findElement(By.id("playbook-ONE_TO_FEW"))).selectByValue("fintech-new-logo-1tofew");
    new Select(browser.findElement(By.id("playbook-ONE_TO_MANY"))).selectByValue("");
    browser.findElement(By.xpath("//button[normalize-space()='Check and launch the list']")).click();

    WebElement problems = waitFor(By.cssSelector(".au-problems"));
    assertThat(problems.findElement(By.tagName("h3")).getText()).endsWith("nothing was started");
    List<List<String>> rows = problems.findElements(By.cssSelector("tbody tr")).stream()
        .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    assertThat(rows).extracting(r -> r.get(0) + " " + r.get(1)).contains("3 email", "3 role", "3 phone", "3 timezone");
    assertThat(rows).allMatch(r -> r.get(0).equals("3") || r.get(0).equals("4"));
    assertThat(rows).extracting(r -> r.get(0) + " " + r.get(1)).contains("4 tier", "4 first_name");
    assertThat(browser.getCurrentUrl()).endsWith("/launch/csv");
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("launch-csv-bad-rows"));

    for (String account : List.of("console-good", "console-bad", "console-worse")) {
      assertThat(api.get("/api/sequences?accountId=" + account).json().get("total").asInt()).as(account).isZero();
    }
  }

  @Test
  void oneAccountWithAMistakeIsShownOnItsFieldThenStarts() {
    signIn("marketer", "marketer-demo");
    open("/launch?playbook=fintech-new-logo-1tofew");
    assertThat(new Select(browser.findElement(By.id("playbook"))).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("fintech-new-logo-1tofew");
    browser.findElement(By.id("account.id")).sendKeys("console-globex");
    browser.findElement(By.id("account.name")).sendKeys("Globex");
    browser.findElement(By.id("account.domain")).sendKeys("globex.example");
    browser.findElement(By.id("owner")).sendKeys("sam.lee@yourco.example");
    // Row 1 right, row 3 with a bad phone (row 2 left empty: ignored).
    person(0, "ana@globex.example", "Ana", "ECONOMIC_BUYER", "", "America/Chicago");
    person(2, "bo@globex.example", "Bo", "CHAMPION", "555-0100", "Europe/Berlin");
    browser.findElement(By.xpath("//button[normalize-space()='Start the sequence']")).click();

    WebElement phone = waitFor(By.id("contacts2.phone"));
    WebElement error = phone.findElement(By.xpath("following-sibling::span[contains(@class,'error')]"));
    assertThat(error.getText()).contains("international format");
    assertThat(text(By.cssSelector("form [role=alert]"))).contains("Nothing was started");
    assertThat(browser.findElement(By.id("contacts0.email")).getAttribute("value")).isEqualTo("ana@globex.example");
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("launch-account-error"));

    // With JavaScript a sixth row can be added.
    browser.findElement(By.id("add-person")).click();
    assertThat(browser.findElements(By.cssSelector("tr.au-person"))).hasSize(6);
    assertThat(browser.findElement(By.id("contacts5.email")).getAttribute("name")).isEqualTo("contacts[5].email");

    phone.clear();
    phone.sendKeys("+49 30 901820");
    browser.findElement(By.id("contacts5.email")).sendKeys("cy@globex.example");
    browser.findElement(By.id("contacts5.firstName")).sendKeys("Cy");
    new Select(browser.findElement(By.id("contacts5.role"))).selectByValue("TECHNICAL_EVALUATOR");
    browser.findElement(By.xpath("//button[normalize-space()='Start the sequence']")).click();
    waitForText(By.cssSelector("[role=status].notice"), "Sequence started for Globex");
    assertThat(browser.getCurrentUrl()).contains("/sequences/abm-new-logo-console-globex");
    assertThat(browser.findElements(By.cssSelector("section[aria-labelledby=committee-heading] tbody tr"))).hasSize(3);
    api.postJson("/api/sequences/abm-new-logo-console-globex/cancel", "{}");
  }

  @Test
  void anSdrSeesNoEditNorLaunchAndIsRefusedTheLaunchPage() {
    signIn("sdr", "sdr-demo");
    open("/playbooks/strategic-new-logo-1to1");
    assertThat(browser.findElements(By.linkText("Preview the timeline"))).hasSize(1);
    assertThat(browser.findElements(By.linkText("Edit"))).isEmpty();
    assertThat(browser.findElements(By.linkText("Launch with this playbook"))).isEmpty();
    assertThat(browser.findElements(By.linkText("Launch"))).isEmpty();
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("playbook-page-sdr"));
    open("/playbooks");
    assertThat(browser.findElements(By.linkText("New playbook"))).isEmpty();
    open("/launch");
    assertThat(text(By.tagName("h1"))).isEqualTo("You do not have access to this page.");
    open("/playbooks/strategic-new-logo-1to1/edit");
    assertThat(text(By.tagName("h1"))).isEqualTo("You do not have access to this page.");
  }

  @Test
  void opsFollowALaunchButCannotStartOne() {
    String csv = """
        account_id,account_name,domain,industry,tier,owner,email,first_name,last_name,title,role,phone,timezone
        console-ops-co,Ops Co,ops-co.example,SaaS,1:few,sam.lee@yourco.example,ana@ops-co.example,Ana,Lima,CFO,economic buyer,,UTC
        """;
    String launchId = api.post("/api/launches?playbook=fintech-new-logo-1tofew", "text/csv", csv).get("launchId").asText();
    signIn("ops", "ops-demo");
    open("/launch/" + launchId);
    assertThat(text(By.tagName("h1"))).isEqualTo("Launch " + launchId);
    open("/launch");
    assertThat(text(By.tagName("h1"))).isEqualTo("You do not have access to this page.");
    JsonNode page = api.get("/api/sequences?launchId=" + launchId).json();
    for (JsonNode item : page.get("items")) api.postJson("/api/sequences/" + item.get("workflowId").asText() + "/cancel", "{}");
  }

  private void person(int row, String email, String firstName, String role, String phone, String zone) {
    browser.findElement(By.id("contacts" + row + ".email")).sendKeys(email);
    browser.findElement(By.id("contacts" + row + ".firstName")).sendKeys(firstName);
    new Select(browser.findElement(By.id("contacts" + row + ".role"))).selectByValue(role);
    browser.findElement(By.id("contacts" + row + ".phone")).sendKeys(phone);
    browser.findElement(By.id("contacts" + row + ".timeZone")).sendKeys(zone);
  }
}
