package io.abmsequencer.starter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium driven through chromedriver, against
 * the embedded product (the API tests' context). Screenshots of each page land in
 * {@code target/screenshots/} as test artefacts. Skipped, loudly, where Chromium is not installed
 * (see {@link Chromium}).
 */
public abstract class BrowserTestBase extends ApiTestBase {
  protected WebDriver browser;

  /**
   * A playbook whose sequence reaches the human steps the console shows at once: an e-mail, then a
   * call task for the SDR, then a review checkpoint, then a wait (always open).
   */
  protected static String humanStepsPlaybook(String id, String name) {
    return """
        id: %s
        name: %s
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        %s
        steps:
          - id: hello
            email: {to: [CHAMPION], subject: "A short read for {{accountName}}", body: "Hi {{firstName}},\\n\\nThree ideas for your team."}
          - id: call
            task: {type: CALL, to: CHAMPION, title: "Call {{firstName}} about the read", due: 2 business days}
          - id: checkpoint
            review: {question: "Is this account worth a 1:1 program?", decisions: [CONTINUE, STOP, CHANGE_TIER]}
          - id: breather
            wait: 2 weeks
        """.formatted(id, name, ALWAYS_OPEN);
  }

  @BeforeEach
  void browser() {
    browser = Chromium.browser();
    browser.manage().deleteAllCookies();
  }

  @AfterAll
  static void closeBrowser() {
    Chromium.quit();
  }

  protected String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  protected void open(String path) {
    browser.get(url(path));
  }

  protected void signIn(String user, String password) {
    open("/logout");
    browser.manage().deleteAllCookies();
    open("/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    waitFor(By.cssSelector("header.top"));
  }

  protected WebElement waitFor(By locator) {
    return new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  protected void waitForText(By locator, String text) {
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
  }

  protected String text(By locator) {
    return browser.findElement(locator).getText();
  }

  /** Saves a screenshot of the whole page as {@code target/screenshots/<name>.png}. */
  protected void screenshot(String name) {
    Chromium.screenshot(browser, name);
  }

  /** Accessibility basics on the current page: language, one h1, labels, alt texts, WCAG AA contrast. */
  protected void assertAccessible() {
    @SuppressWarnings("unchecked")
    List<String> problems = (List<String>) ((JavascriptExecutor) browser).executeScript(Accessibility.SCRIPT);
    assertThat(problems).as("accessibility problems on " + browser.getCurrentUrl()).isEmpty();
  }
}
