package io.abmsequencer.starter.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.BrowserTestBase;
import io.abmsequencer.starter.tasks.FullPage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The suppression list in Chromium: add an address, lift it with a reason, the audit trail shows both. */
class SuppressionsBrowserTest extends BrowserTestBase {

  @Test
  void anAddressIsAddedThenLiftedAndTheAuditTrailSaysWhoAndWhy() {
    String address = "Pat.Doe@Suppress-Console.example";
    String stored = "pat.doe@suppress-console.example";
    signIn("marketer", "marketer-demo");
    open("/suppressions");
    assertThat(text(By.tagName("h1"))).isEqualTo("Suppression list");
    assertAccessible();

    browser.findElement(By.id("email")).sendKeys(address);
    new Select(browser.findElement(By.id("reason"))).selectByValue("COMPLAINT");
    browser.findElement(By.id("note")).sendKeys("Asked on the phone to hear nothing more");
    browser.findElement(By.cssSelector("form[action$='/suppressions'] button[type=submit]")).click();
    waitForText(By.cssSelector("main p.notice"), "Added " + stored + " to the suppression list");
    WebElement row = waitFor(By.cssSelector("tr.wk-suppression"));
    assertThat(row.getText()).contains(stored, "E-mail", "Complaint", "Asked on the phone to hear nothing more", "by marketer");
    assertThat(text(By.cssSelector("tr.wk-audit.wk-added"))).contains("marketer", "Added", stored, "Complaint", "Asked on the phone");
    assertThat(api.get("/api/suppressions?q=suppress-console").json().findValuesAsString("address")).containsExactly(stored);
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("suppressions-added"));

    row.findElement(By.cssSelector("input[name=note]")).sendKeys("Wrote back asking for the newsletter again");
    row.findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(By.cssSelector("main p.notice"), "Lifted " + stored);
    assertThat(browser.findElements(By.cssSelector("tr.wk-suppression"))).isEmpty();
    assertThat(text(By.cssSelector("tr.wk-audit.wk-lifted"))).contains("marketer", "Lifted", stored, "Complaint",
        "Wrote back asking for the newsletter again");
    assertThat(browser.findElements(By.cssSelector("tr.wk-audit"))).hasSize(2);
    assertThat(api.get("/api/suppressions?q=suppress-console").json()).isEmpty();
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("suppressions-lifted"));

    // A typo is refused with the reason, and nothing is added.
    browser.findElement(By.id("email")).sendKeys("pat.doe@nodot");
    browser.findElement(By.cssSelector("form[action$='/suppressions'] button[type=submit]")).click();
    assertThat(waitFor(By.cssSelector("form p.wk-problem")).getText()).startsWith("Not added:").contains("pat.doe@nodot");
    assertThat(api.get("/api/suppressions?q=nodot").json()).isEmpty();
  }

  @Test
  void anAddressAddedThroughTheApiOrByTheRecipientIsInTheAuditTrailToo() {
    Api.Response added = api.as("marketer", "marketer-demo").postJson("/api/suppressions",
        "{\"email\": \"lee.api@suppress-trail.example\", \"reason\": \"COMPLAINT\", \"detail\": \"Asked by e-mail\"}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    // A second add changes nothing, so it leaves no second line.
    assertThat(api.as("marketer", "marketer-demo").postJson("/api/suppressions",
        "{\"email\": \"lee.api@suppress-trail.example\", \"reason\": \"COMPLAINT\"}").status()).isEqualTo(200);

    signIn("marketer", "marketer-demo");
    open("/suppressions?q=suppress-trail");
    List<WebElement> trail = browser.findElements(By.cssSelector("tr.wk-audit.wk-added"));
    assertThat(trail).hasSize(1);
    assertThat(trail.get(0).getText()).contains("marketer", "Added", "lee.api@suppress-trail.example", "Complaint", "Asked by e-mail");
  }
}
