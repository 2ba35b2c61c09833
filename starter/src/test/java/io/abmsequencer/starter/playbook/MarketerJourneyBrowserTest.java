package io.abmsequencer.starter.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.BrowserTestBase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The marketer's day in the console: a playbook uploaded with a mistake, the mistake shown on its
 * line, fixed, previewed; the example target account list launched with a playbook per tier and
 * followed to the end; the sequences list filtered by tier; one sequence opened.
 */
class MarketerJourneyBrowserTest extends BrowserTestBase {
  static final String PLAYBOOK_ID = "console-strategic-18m";

  @Autowired WorkflowClient workflows;

  @Test
  void uploadFixPreviewLaunchAndFollow() {
    signIn("marketer", "marketer-demo");

    open("/playbooks");
    assertThat(text(By.tagName("h1"))).isEqualTo("Playbooks");
    assertThat(browser.findElements(By.linkText("strategic-new-logo-1to1"))).isEmpty(); // names link, ids are shown as code
    assertThat(browser.getPageSource()).contains("strategic-new-logo-1to1", "1:1", "New-logo");
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("playbooks-list"));

    // A playbook with a role that does not exist: refused, the problem on its line.
    browser.findElement(By.linkText("New playbook")).click();
    waitFor(By.id("yaml"));
    // Two mistakes: a role that does not exist and a misspelt duration.
    String broken = eighteenMonthPlaybook("CFO").replaceFirst("wait: 11 weeks", "wait: 11 wekes");
    int badRole = lineOf(broken, "to: [CFO]");
    int badWait = lineOf(broken, "wekes");
    type(broken);
    submit();
    WebElement marked = waitFor(By.id("line-" + badRole));
    assertThat(marked.getAttribute("class")).contains("au-bad");
    assertThat(marked.getText()).contains("unknown role 'CFO'");
    assertThat(text(By.id("line-" + badWait))).contains("wekes");
    assertThat(text(By.cssSelector(".au-problems h2"))).isEqualTo("2 problems: nothing was saved");
    assertThat(browser.findElements(By.cssSelector(".au-problems li a")).stream().map(WebElement::getText).toList())
        .containsExactly("Line " + badRole + ", column 18", "Line " + badWait + ", column 11");
    assertThat(browser.findElement(By.id("yaml")).getAttribute("value")).isEqualTo(broken);
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("playbook-upload-problems"));

    // Fixed: saved, and the playbook's page says which version.
    type(eighteenMonthPlaybook("ECONOMIC_BUYER"));
    submit();
    waitForText(By.cssSelector("[role=status].notice"), "saved");
    assertThat(text(By.cssSelector("[role=status].notice"))).matches("Version \\d+ saved\\.");
    assertThat(text(By.tagName("h1"))).isEqualTo("Console test — 18-month strategic program");
    assertThat(browser.findElements(By.linkText("Edit"))).hasSize(1);
    assertThat(browser.findElements(By.linkText("Launch with this playbook"))).hasSize(1);
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("playbook-page"));

    // Edit: the editor opens on this version's YAML; saving it makes the next version.
    int saved = Integer.parseInt(text(By.cssSelector("[role=status].notice")).replaceAll("\\D", ""));
    browser.findElement(By.linkText("Edit")).click();
    assertThat(waitFor(By.id("yaml")).getAttribute("value")).startsWith("id: " + PLAYBOOK_ID);
    submit();
    waitForText(By.cssSelector("[role=status].notice"), "Version " + (saved + 1) + " saved.");
    assertThat(browser.findElements(By.cssSelector("section[aria-labelledby=versions-heading] tbody tr"))).hasSize(saved + 1);

    // The preview: a pure calculation of 18 months of a 1:1 program (its speed is the preview benchmark's business).
    browser.findElement(By.linkText("Preview the timeline")).click();
    waitFor(By.cssSelector("svg.au-strip"));
    assertThat(text(By.cssSelector(".au-summary"))).containsPattern("over 1[78]\\.\\d months");
    assertThat(browser.findElements(By.cssSelector("svg.au-strip .au-cell")).size()).isGreaterThanOrEqualTo(18);
    assertThat(browser.findElements(By.cssSelector("svg.au-strip .au-mark")).size()).isGreaterThan(40);
    assertThat(browser.findElements(By.cssSelector(".au-month-group")).size()).isGreaterThanOrEqualTo(6);
    assertThat(text(By.cssSelector(".au-guard"))).isEqualTo("only if score >= 40");
    assertThat(browser.getPageSource()).contains("America/New_York", "Assumptions:");
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("playbook-preview"));

    // The same preview for a committee of two, one of them in Tokyo.
    browser.findElement(By.id("people0.name")).sendKeys("Aiko Sato");
    new Select(browser.findElement(By.id("people0.role"))).selectByValue("ECONOMIC_BUYER");
    browser.findElement(By.id("people0.timeZone")).sendKeys("Asia/Tokyo");
    browser.findElement(By.cssSelector(".au-panel form button[type=submit]")).click();
    waitFor(By.xpath("//li[contains(@class, 'au-k-EMAIL')][contains(., 'Asia/Tokyo')]"));
    assertThat(browser.getPageSource()).contains("Aiko Sato (ECONOMIC_BUYER)", "the committee you entered");

    // Launch the example list, one playbook per tier, and watch it to the end.
    open("/launch");
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("launch-form"));
    browser.findElement(By.id("file")).sendKeys(Path.of("..", "playbooks", "accounts-example.csv").toAbsolutePath().normalize().toString());
    new Select(browser.findElement(By.id("playbook-ONE_TO_ONE"))).selectByValue("strategic-new-logo-1to1");
    new Select(browser.findElement(By.id("playbook-ONE_TO_FEW"))).selectByValue("fintech-new-logo-1tofew");
    new Select(browser.findElement(By.id("playbook-ONE_TO_MANY"))).selectByValue("customer-expansion-1tomany");
    browser.findElement(By.xpath("//button[normalize-space()='Check and launch the list']")).click();
    waitFor(By.tagName("progress"));
    String launchId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
    assertThat(launchId).startsWith("L-");
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector(".au-done")).isEmpty());
    int started = count("started");
    assertThat(started + count("alreadyRunning")).isEqualTo(8);
    assertThat(count("failed")).isZero();
    assertThat(count("pending")).isZero();
    WebElement bar = browser.findElement(By.tagName("progress"));
    assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max"));
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("launch-progress-done"));

    try {
      // The sequences list, filtered by the tier of the launch's 1:few accounts.
      browser.findElement(By.linkText("Sequences")).click();
      new Select(waitFor(By.id("tier"))).selectByValue("ONE_TO_FEW");
      browser.findElement(By.cssSelector(".au-filters button[type=submit]")).click();
      waitFor(By.cssSelector("table.au-seqs"));
      assertThat(browser.getCurrentUrl()).contains("tier=ONE_TO_FEW").doesNotContain("_csrf");
      List<String> tiers = browser.findElements(By.cssSelector("table.au-seqs tbody td:nth-child(3)")).stream().map(WebElement::getText).toList();
      assertThat(tiers).isNotEmpty().containsOnly("1:few");
      assertThat(browser.getPageSource()).contains("Ledgerline");
      assertAccessible();
      WholePage.shoot(browser, () -> screenshot("sequences-list-one-to-few"));

      // One sequence: where it is, its committee, its timeline, the controls.
      browser.findElement(By.linkText("Ledgerline Capital")).click();
      waitFor(By.id("timeline-heading"));
      assertThat(text(By.tagName("h1"))).contains("Ledgerline");
      assertThat(text(By.id("committee-heading"))).isEqualTo("Buying committee");
      assertThat(browser.findElements(By.cssSelector("section[aria-labelledby=committee-heading] tbody tr")).size()).isGreaterThanOrEqualTo(2);
      assertThat(browser.findElements(By.xpath("//button[normalize-space()='Pause']"))).hasSize(1);
      assertThat(browser.findElements(By.xpath("//button[normalize-space()='Cancel the sequence']"))).hasSize(1);
      assertThat(browser.findElement(By.linkText("Open in Temporal UI")).getAttribute("href"))
          .endsWith("/namespaces/default/workflows/abm-new-logo-ledgerline");
      assertThat(browser.findElements(By.cssSelector(".au-planned .au-tl-item"))).isNotEmpty();
      assertAccessible();
      WholePage.shoot(browser, () -> screenshot("sequence-page"));

    } finally {
      endLaunch(launchId);
    }
  }

  /** Cancels what the launch started and waits until each has closed, so other tests can launch the list again. */
  private void endLaunch(String launchId) {
    JsonNode page = api.get("/api/sequences?launchId=" + launchId + "&size=50").json();
    for (JsonNode item : page.get("items")) {
      String workflowId = item.get("workflowId").asText();
      api.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
    }
    for (JsonNode item : page.get("items")) {
      WorkflowStub stub = workflows.newUntypedWorkflowStub(item.get("workflowId").asText());
      try {
        stub.getResult(30, TimeUnit.SECONDS, Object.class);
      } catch (Exception e) {
        // Ended in some other way; it is closed either way.
      }
    }
  }

  private int count(String name) {
    return Integer.parseInt(text(By.cssSelector("[data-count=" + name + "]")));
  }

  private void type(String yaml) {
    WebElement area = browser.findElement(By.id("yaml"));
    ((JavascriptExecutor) browser).executeScript(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area, yaml);
  }

  private void submit() {
    browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
  }

  static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) if (lines[i].contains(needle)) return i + 1;
    throw new IllegalArgumentException(needle);
  }

  /** A 1:1 program of six quarters (about 18 months); {@code buyer} is the role its quarterly e-mail goes to. */
  static String eighteenMonthPlaybook(String buyer) {
    StringBuilder yaml = new StringBuilder("""
        id: %s
        name: Console test — 18-month strategic program
        description: Six quarters of executive outreach for the accounts sales and marketing agreed to win.
        motion: NEW_LOGO
        tier: ONE_TO_ONE
        calendar: {timeZone: America/New_York, workDays: [MON, TUE, WED, THU, FRI], sendWindow: "09:00-17:00"}
        steps:
          - id: research-brief
            task: {type: MANUAL_EMAIL, title: "Build the account brief for {{accountName}}", due: 5 business days}
        """.formatted(PLAYBOOK_ID));
    for (int q = 1; q <= 6; q++) {
      String to = q == 1 ? buyer : "ECONOMIC_BUYER";
      yaml.append("""
            - id: q%1$d-exec-note
              email: {to: [%2$s], subject: "Quarter %1$d: what we learned about {{industry}}", body: "Hi {{firstName}},\\n\\nA short read.\\n\\n{{ownerName}}"}
            - id: q%1$d-champion
              email: {to: [CHAMPION, TECHNICAL_EVALUATOR], subject: "For your team at {{accountName}}", body: "Hi {{firstName}}, the notes from our research."}
            - id: q%1$d-audience
              ads: {audience: strategic-committees, platforms: [LINKEDIN], action: ADD}
            - id: q%1$d-linkedin
              task: {type: LINKEDIN, to: CHAMPION, title: "Engage with {{firstName}}'s latest post", due: 3 business days}
            - id: q%1$d-hot-call
              when: score >= 40
              task: {type: CALL, to: ECONOMIC_BUYER, title: "Call {{firstName}}: the account is warm", due: 2 business days}
            - id: q%1$d-review
              review: {question: "Quarter %1$d: continue, stop, or change tier?", due: 5 business days}
            - id: q%1$d-gap
              wait: 11 weeks
          """.formatted(q, to));
    }
    return yaml.toString();
  }
}
