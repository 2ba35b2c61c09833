package io.abmsequencer.starter.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.BrowserTestBase;
import io.abmsequencer.starter.playbook.WholePage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Pause, resume and cancel from a sequence's page; who sees the buttons; an unknown sequence. */
class SequenceControlsBrowserTest extends BrowserTestBase {
  @Autowired JdbcClient jdbc;

  @Test
  void pauseThenResumeThenCancelFromTheSequencePage() {
    uploadPlaybook("""
        id: console-controls
        name: Console controls — one e-mail, then a long wait
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        %s
        steps:
          - id: hello
            email: {to: [CHAMPION], subject: "A short read for {{accountName}}", body: "Hi {{firstName}}"}
          - id: breather
            wait: 4 weeks
          - id: follow-up
            when: score >= 20
            email: {to: [CHAMPION], subject: "Following up", body: "Hi {{firstName}}, any thoughts?"}
        """.formatted(ALWAYS_OPEN));
    String workflowId = launch("console-controls", "console-umbrella", "sam.lee@yourco.example", champion("alice@umbrella.example"));
    awaitSequence(workflowId, s -> "WAITING".equals(status(s)));

    signIn("marketer", "marketer-demo");
    open("/sequences/" + workflowId);
    assertThat(text(By.cssSelector(".au-head .badge"))).isEqualTo("Waiting");
    assertThat(text(By.cssSelector("section[aria-labelledby=timeline-heading]")))
        .contains("A short read for console-umbrella Inc", "only if score >= 20", "wait 4 weeks — until");

    browser.findElement(By.id("pause-reason")).sendKeys("the AE asked to hold until after their board meeting");
    browser.findElement(By.xpath("//button[normalize-space()='Pause']")).click();
    assertThat(waitFor(By.cssSelector("[role=status].notice")).getText()).startsWith("Pause requested");
    reloadUntil("Paused");
    assertThat(browser.findElements(By.xpath("//button[normalize-space()='Pause']"))).isEmpty();
    assertAccessible();
    WholePage.shoot(browser, () -> screenshot("sequence-paused"));

    browser.findElement(By.xpath("//button[normalize-space()='Resume']")).click();
    assertThat(waitFor(By.cssSelector("[role=status].notice")).getText()).startsWith("Resume requested");
    reloadUntil("Waiting");
    assertThat(browser.findElements(By.xpath("//button[normalize-space()='Pause']"))).hasSize(1);

    // Cancelling asks first; saying no keeps it running.
    browser.findElement(By.xpath("//button[normalize-space()='Cancel the sequence']")).click();
    browser.switchTo().alert().dismiss();
    assertThat(text(By.cssSelector(".au-head .badge"))).isEqualTo("Waiting");
    browser.findElement(By.id("cancel-reason")).sendKeys("moved to a partner");
    browser.findElement(By.xpath("//button[normalize-space()='Cancel the sequence']")).click();
    browser.switchTo().alert().accept();
    assertThat(waitFor(By.cssSelector("[role=status].notice")).getText()).startsWith("Cancel requested");
    reloadUntil("Ended");
    assertThat(text(By.cssSelector("section[aria-labelledby=now-heading]"))).contains("Ended: cancelled");
    assertThat(browser.findElements(By.xpath("//button[normalize-space()='Resume' or normalize-space()='Pause']"))).isEmpty();
    WholePage.shoot(browser, () -> screenshot("sequence-ended"));
  }

  @Test
  void anSdrReadsASequenceWithoutItsControlsAndAnUnknownOneIsNotFound() {
    uploadPlaybook("""
        id: console-work
        name: Console work — two e-mails, then a call
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        %s
        steps:
          - id: to-the-buyer
            email: {to: [ECONOMIC_BUYER], subject: "Three ideas for {{accountName}}", body: "Hi {{firstName}}"}
          - id: to-the-champion
            email: {to: [CHAMPION], subject: "For your team", body: "Hi {{firstName}}"}
          - id: call
            task: {type: CALL, to: ECONOMIC_BUYER, title: "Call {{firstName}} about the ideas", due: 2 business days}
        """.formatted(ALWAYS_OPEN));
    String workflowId = launch("console-work", "console-initrode", "sam.lee@yourco.example", """
        [{"email": "bill@initrode.example", "firstName": "Bill", "lastName": "Lumbergh", "title": "VP Finance", "role": "ECONOMIC_BUYER", "timeZone": "America/Chicago"},
         {"email": "milton@initrode.example", "firstName": "Milton", "lastName": "Waddams", "title": "Collator", "role": "CHAMPION", "timeZone": "America/Chicago"}]
        """);
    awaitOpenTask("sam.lee@yourco.example", workflowId);
    // Milton unsubscribes: the live status marks him, and the page says so.
    api.postJson("/api/suppressions", "{\"email\": \"milton@initrode.example\", \"reason\": \"UNSUBSCRIBED\"}");
    awaitSequence(workflowId, s -> s.get("live").get("unreachable").size() == 1);
    try {
      signIn("sdr", "sdr-demo");
      open("/sequences/" + workflowId);
      assertThat(text(By.tagName("h1"))).contains("console-initrode Inc");
      assertThat(text(By.xpath("//tr[contains(., 'Milton Waddams')]"))).contains("Opted out");
      assertThat(text(By.xpath("//tr[contains(., 'Bill Lumbergh')]"))).contains("Yes");
      assertThat(text(By.cssSelector("section[aria-labelledby=work-heading]"))).contains("Call", "Call Bill about the ideas", "sam.lee@yourco.example");
      assertThat(text(By.cssSelector("section[aria-labelledby=timeline-heading]"))).contains("Three ideas for console-initrode Inc", "For your team");
      assertThat(browser.findElements(By.cssSelector("form[action$='/pause'], form[action$='/cancel']"))).isEmpty();
      assertThat(browser.findElement(By.linkText("Open in Temporal UI")).getAttribute("href")).endsWith("/workflows/" + workflowId);
      assertAccessible();
      WholePage.shoot(browser, () -> screenshot("sequence-page-sdr"));

      // The list: Sam's own accounts, even when the address asks for Jane's, and the owner field says so.
      open("/sequences?owner=jane.doe@yourco.example&account=console-initrode");
      assertThat(browser.findElement(By.id("owner")).getAttribute("value")).isEqualTo("sam.lee@yourco.example");
      assertThat(browser.findElement(By.id("owner")).getAttribute("readonly")).isNotNull();
      assertThat(text(By.tagName("main"))).contains("Your accounts only", "console-initrode Inc");
      assertAccessible();

      open("/sequences/abm-new-logo-nobody-here");
      assertThat(text(By.tagName("h1"))).isEqualTo("There is nothing here.");
      assertThat(browser.getPageSource()).contains("404").doesNotContain("problem");
    } finally {
      api.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
    }
  }

  @Test
  void aSequenceTemporalNoLongerKnowsIsShownFromItsLastRecordWithTheNoteAndNoControls() {
    // What an embedded restart leaves behind: a row in the read model, no workflow in Temporal.
    String workflowId = "abm-new-logo-console-ghost";
    jdbc.sql("""
            insert into sequences (workflow_id, account_id, account_name, motion, tier, playbook_id, playbook_version, owner, status,
                                   current_step, score, touches, started_at, updated_at)
            values (:id, 'console-ghost', 'Ghost Ltd', 'NEW_LOGO', 'ONE_TO_FEW', 'fintech-new-logo-1tofew', 1, 'sam.lee@yourco.example',
                    'WAITING', 'wait 5 business days', 25, 3, now() - interval '9 days', now() - interval '2 days')
            """).param("id", workflowId).update();
    try {
      signIn("ops", "ops-demo");
      open("/sequences/" + workflowId);
      assertThat(text(By.cssSelector("[role=note]"))).startsWith("Temporal no longer knows this sequence");
      assertThat(text(By.cssSelector(".au-big"))).isEqualTo("25");
      assertThat(browser.findElements(By.cssSelector("form[action$='/pause'], form[action$='/cancel']"))).isEmpty();
      assertAccessible();
      WholePage.shoot(browser, () -> screenshot("sequence-unknown-to-temporal"));
    } finally {
      jdbc.sql("delete from sequences where workflow_id = :id").param("id", workflowId).update();
    }
  }

  private void reloadUntil(String status) {
    new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(300)).until(d -> {
      d.navigate().refresh();
      return d.findElement(By.cssSelector(".au-head .badge")).getText().equals(status);
    });
  }
}
