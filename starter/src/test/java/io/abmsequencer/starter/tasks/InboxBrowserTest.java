package io.abmsequencer.starter.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.BrowserTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** The SDR inbox in Chromium: an SDR closes a task and the sequence moves on; another SDR's task is refused. */
class InboxBrowserTest extends BrowserTestBase {

  static final String PLAYBOOK = humanStepsPlaybook("console-inbox", "Console inbox");

  static String committee(String email) {
    return """
        [{"email": "%s", "firstName": "Zoë", "lastName": "O'Brien", "title": "Head of Payments Ops", "role": "CHAMPION",
          "timeZone": "Europe/Dublin", "phone": "+35315550100", "linkedinUrl": "https://www.linkedin.com/in/zoe-obrien-example"}]
        """.formatted(email);
  }

  @BeforeEach
  void playbook() {
    uploadPlaybook(PLAYBOOK);
  }

  @Test
  void anSdrCompletesATaskFromTheInboxAndTheSequenceMovesOnToItsReview() {
    String workflowId = launch("console-inbox", "globex-inbox", "sam.lee@yourco.example", committee("zoe@globex-inbox.example"));
    String taskId = awaitOpenTask("sam.lee@yourco.example", workflowId).get("taskId").asText();
    engagement("globex-inbox", "PRICING_PAGE_VISIT", Duration.ofHours(3));
    engagement("globex-inbox", "CONTENT_DOWNLOAD", Duration.ofDays(2));
    // The score beside the task is the account's as the read model has it: wait until the first
    // batch of engagement reached it (both events usually travel together: 25).
    int score = awaitSequence(workflowId, s -> s.get("sequence").get("score").asInt() >= 15).get("sequence").get("score").asInt();

    signIn("sdr", "sdr-demo");
    open("/inbox");
    assertThat(text(By.tagName("h1"))).isEqualTo("Inbox");
    assertThat(browser.findElements(By.id("owner"))).as("an SDR sees only their own inbox: no owner to pick").isEmpty();
    WebElement card = findOnInbox(taskId);
    assertThat(card.getText()).contains("Call: Call Zoë about the read", "globex-inbox Inc", "Zoë O'Brien", "Champion",
        "Head of Payments Ops", "zoe@globex-inbox.example", "Pricing page visit", "+15", "Content download", "+10");
    assertThat(card.findElement(By.cssSelector(".wk-score .wk-big")).getText()).isEqualTo(String.valueOf(score));
    assertThat(card.findElement(By.cssSelector("a[href^='tel:']")).getAttribute("href")).isEqualTo("tel:+35315550100");
    assertThat(card.findElement(By.linkText("LinkedIn profile")).getAttribute("href"))
        .isEqualTo("https://www.linkedin.com/in/zoe-obrien-example");
    assertThat(card.findElements(By.cssSelector("input[name=outcome]")).stream().map(e -> e.getAttribute("value")).toList())
        .containsExactly("COMPLETED", "SKIPPED", "MEETING_BOOKED", "DISQUALIFIED");
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("inbox-sdr"));

    card.findElement(By.id("outcome-" + taskId + "-COMPLETED")).click();
    card.findElement(By.id("note-" + taskId)).sendKeys("Spoke with Zoë: wants a deeper look");
    card.findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(By.cssSelector("main p.notice"), "Task done: Call Zoë about the read for globex-inbox Inc (Completed).");
    assertThat(browser.findElements(By.cssSelector("article.wk-task[data-task='" + taskId + "']"))).isEmpty();
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("inbox-sdr-done"));

    JsonNode sequence = awaitSequence(workflowId, s -> "AWAITING_REVIEW".equals(status(s)));
    assertThat(sequence.get("tasks").get(0).get("outcome").asText()).isEqualTo("COMPLETED");
    assertThat(sequence.get("tasks").get(0).get("note").asText()).isEqualTo("Spoke with Zoë: wants a deeper look");
    assertThat(sequence.get("reviews").get(0).get("question").asText()).isEqualTo("Is this account worth a 1:1 program?");

    // The same form again (a second tab, say): the task is closed, and the inbox says so in words.
    open("/inbox/" + taskId);
    assertThat(browser.findElements(By.cssSelector("form.wk-close-task"))).isEmpty();
    assertThat(text(By.tagName("main"))).contains("Closed: Done Completed (by sdr)");
    api.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
  }

  @Test
  void anSdrIsRefusedAnotherSdrsTaskAndAMarketerPicksWhoseInbox() {
    String workflowId = launch("console-inbox", "initrode-inbox", "jane.doe@yourco.example", committee("zoe@initrode-inbox.example"));
    String taskId = awaitOpenTask("jane.doe@yourco.example", workflowId).get("taskId").asText();

    signIn("sdr", "sdr-demo");
    open("/inbox/" + taskId);
    assertThat(text(By.tagName("h1"))).isEqualTo("You do not have access to this page.");
    assertThat(text(By.tagName("main"))).contains("403").doesNotContain("Exception");
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("inbox-other-sdr-403"));

    signIn("marketer", "marketer-demo");
    open("/inbox");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("owner"))).selectByValue("jane.doe@yourco.example");
    browser.findElement(By.cssSelector("form.wk-owner-pick button")).click();
    WebElement card = findOnInbox(taskId);
    assertThat(card.getText()).contains("owner jane.doe@yourco.example");
    assertThat(browser.findElements(By.cssSelector("article.wk-task")).stream().map(e -> e.getText()).toList())
        .allSatisfy(text -> assertThat(text).contains("owner jane.doe@yourco.example"));
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("inbox-marketer"));

    // Jane closes it elsewhere meanwhile (her phone, say): the marketer's form is stale, and the 409 comes back in words.
    assertThat(api.postJson("/api/tasks/" + taskId + "/complete", "{\"outcome\": \"SKIPPED\"}").status())
        .isEqualTo(200);
    card.findElement(By.id("outcome-" + taskId + "-COMPLETED")).click();
    card.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(waitFor(By.cssSelector("main p.wk-problem")).getText())
        .startsWith("Not changed: Task " + taskId + " is already closed");
    assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("owner"))).getFirstSelectedOption().getText())
        .as("the inbox keeps the owner picked").isEqualTo("jane.doe@yourco.example");
    assertThat(text(By.tagName("body"))).doesNotContain("Exception", "\"status\"");
    api.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
  }

  /** The task's card on the inbox, following the pager (other tests' tasks may come first). */
  private WebElement findOnInbox(String taskId) {
    By card = By.cssSelector("article.wk-task[data-task='" + taskId + "']");
    for (int page = 0; page < 20; page++) {
      waitFor(By.tagName("h1"));
      List<WebElement> found = browser.findElements(card);
      if (!found.isEmpty()) return found.get(0);
      List<WebElement> next = browser.findElements(By.linkText("Next"));
      if (next.isEmpty()) break;
      next.get(0).click();
    }
    throw new AssertionError("task " + taskId + " is not on the inbox");
  }

  private void engagement(String accountId, String type, Duration ago) {
    assertThat(api.postJson("/api/engagement", """
        {"eventId": "%s-%s", "accountId": "%s", "type": "%s", "occurredAt": "%s"}
        """.formatted(accountId, type, accountId, type, Instant.now().minus(ago))).status()).isEqualTo(202);
  }
}
