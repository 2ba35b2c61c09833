package io.abmsequencer.starter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.BrowserTestBase;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The weekly account review in Chromium: an account that engaged has advanced, one at its review needs a decision. */
class WeeklyBrowserTest extends BrowserTestBase {
  static final String OWNER = "weekly.owner@yourco.example";
  static final String PLAYBOOK = """
      id: weekly-browser
      name: Weekly review test
      motion: NEW_LOGO
      tier: ONE_TO_ONE
      %s
      steps:
        - id: checkpoint
          review: {question: "Is this account worth a 1:1 program?", decisions: [CONTINUE, STOP]}
        - id: hello
          email: {to: [CHAMPION], subject: "Hi {{firstName}}", body: "Hello"}
      """.formatted(ALWAYS_OPEN);

  @Test
  void listsAnEngagedAccountAsAdvancedAndOneAtItsReviewAsNeedingADecision() {
    uploadPlaybook(PLAYBOOK);
    String engaged = launch("weekly-browser", "wk-engaged", OWNER, champion("eve@wk-engaged.example"));
    awaitSequence(engaged, s -> "AWAITING_REVIEW".equals(status(s)));
    assertThat(api.postJson("/api/engagement", """
        {"eventId": "wk-ev-1", "accountId": "wk-engaged", "contactEmail": "eve@wk-engaged.example", "type": "DEMO_REQUEST", "occurredAt": "%s"}
        """.formatted(Instant.now().minusSeconds(5))).status()).isEqualTo(202);

    // The week's list shows the account's score as the read model has it: wait until the demo request reached it.
    awaitSequence(engaged, s -> s.get("sequence").get("score").asInt() == 50);

    signIn("marketer", "marketer-demo");
    open("/weekly?owner=" + OWNER);
    assertThat(text(By.tagName("h1"))).isEqualTo("Weekly account review");
    assertThat(new Select(browser.findElement(By.id("owner"))).getFirstSelectedOption().getText()).isEqualTo(OWNER);
    assertThat(text(By.cssSelector("#advanced tbody"))).contains("wk-engaged Inc", "1:1", "50 +50 this week (demo request)");
    assertThat(text(By.cssSelector("#decisions tbody"))).contains("wk-engaged Inc", "Is this account worth a 1:1 program?");
    assertThat(text(By.id("summary"))).isEqualTo("This week: 1 advanced, 1 review waiting.");
    assertThat(text(By.cssSelector("#lines tbody"))).isEqualTo(OWNER + " 1:1 1 0 1 0");
    assertThat(browser.findElements(By.cssSelector("#stalled tbody tr"))).isEmpty();
    assertAccessible();
    screenshot("weekly-review");

    // The filters by keyboard-reachable form: another tier shows nothing for this owner.
    new Select(browser.findElement(By.id("tier"))).selectByValue("ONE_TO_MANY");
    browser.findElement(By.cssSelector("form.in-filters button[type=submit]")).click();
    waitForText(By.id("summary"), "Nothing to report this week.");
  }

  @Test
  void anSdrSeesTheirOwnAccountsByDefault() {
    signIn("sdr", "sdr-demo");
    open("/weekly");
    assertThat(new Select(browser.findElement(By.id("owner"))).getFirstSelectedOption().getText()).isEqualTo("sam.lee@yourco.example (you)");
    assertAccessible();
  }
}
