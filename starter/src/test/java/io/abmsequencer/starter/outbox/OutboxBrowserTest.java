package io.abmsequencer.starter.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.BrowserTestBase;
import io.abmsequencer.starter.tasks.FullPage;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The outbox in Chromium: the e-mail a sequence sent, as the embedded SMTP server received it. */
class OutboxBrowserTest extends BrowserTestBase {

  static final String PLAYBOOK = """
      id: console-outbox
      name: Console outbox
      motion: NEW_LOGO
      tier: ONE_TO_MANY
      %s
      steps:
        - id: opener
          email: {to: [CHAMPION], subject: "Three ideas for {{accountName}}", body: "Hi {{firstName}},\\n\\nSee https://yourco.example/ideas for the details.\\n\\nSam"}
        - id: breather
          wait: 2 weeks
      """.formatted(ALWAYS_OPEN);

  @Test
  void theOutboxShowsASentEmailRendered() throws Exception {
    uploadPlaybook(PLAYBOOK);
    String workflowId = launch("console-outbox", "soylent-outbox", "sam.lee@yourco.example", champion("zoe@soylent-outbox.example"));
    MimeMessage sent = awaitMailTo("zoe@soylent-outbox.example", 1).get(0);

    signIn("ops", "ops-demo");
    open("/outbox");
    assertThat(text(By.tagName("h1"))).isEqualTo("Outbox");
    assertThat(browser.findElements(By.cssSelector(".wk-live-banner"))).as("embedded mode: nothing reaches real people").isEmpty();
    assertThat(browser.findElement(By.cssSelector(".wk-tabs a[aria-current=page]")).getText()).isEqualTo("E-mail");
    WebElement link = waitFor(By.linkText("Three ideas for soylent-outbox Inc"));
    WebElement row = link.findElement(By.xpath("ancestor::tr"));
    assertThat(row.getText()).contains("zoe@soylent-outbox.example", "Sent", workflowId, "from sam.lee@yourco.example");
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("outbox-email-list"));

    link.click();
    assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("Three ideas for soylent-outbox Inc");
    assertThat(text(By.tagName("main"))).contains("exactly as the embedded SMTP server received it");
    assertThat(text(By.cssSelector("dd.wk-from"))).contains("sam.lee@yourco.example");
    assertThat(text(By.cssSelector("dd.wk-to"))).contains("zoe@soylent-outbox.example");
    assertThat(text(By.cssSelector("dd.wk-message-id"))).isEqualTo(sent.getMessageID());
    assertThat(text(By.cssSelector("dd.wk-list-unsubscribe"))).startsWith("<https://abm.yourco.example/u/").contains("mailto:");
    assertThat(text(By.cssSelector("pre.wk-mail-text"))).contains("Hi Zoë,", "https://abm.yourco.example/t/");
    WebElement frame = browser.findElement(By.cssSelector("iframe.wk-mail-html"));
    assertThat(frame.getAttribute("sandbox")).isEmpty();
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("outbox-email-rendered"));
    browser.switchTo().frame(frame);
    try {
      assertThat(browser.findElement(By.tagName("body")).getText()).contains("Hi Zoë,", "https://yourco.example/ideas");
    } finally {
      browser.switchTo().defaultContent();
    }

    open("/outbox/" + workflowId + "/console-outbox@1/opener/no-such-contact");
    assertThat(text(By.tagName("h1"))).isEqualTo("There is nothing here.");
    open("/outbox?page=last");
    assertThat(text(By.tagName("h1"))).isEqualTo("Something went wrong");

    open("/outbox?channel=SMS");
    assertThat(browser.findElement(By.cssSelector(".wk-tabs a[aria-current=page]")).getText()).isEqualTo("SMS");
    assertAccessible();
    api.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
  }
}
