package io.abmsequencer.starter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.abmsequencer.starter.api.ApiTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium driven through chromedriver, against
 * the embedded product (the API tests' context). Screenshots of each page land in
 * {@code target/screenshots/} as test artefacts. Skipped, loudly, where Chromium is not installed
 * ({@code .ci/run} installs it: {@code apt-get install -y chromium chromium-driver}).
 */
public abstract class BrowserTestBase extends ApiTestBase {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static WebDriver shared;
  protected WebDriver browser;

  @BeforeEach
  void browser() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver); .ci/run installs them");
    if (shared == null) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      // The flags the machine's probe found necessary: no sandbox as root, and no background
      // networking (this machine's closed network refuses those connections).
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--window-size=1280,900", "--lang=en-US");
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
      shared = new ChromeDriver(service, options);
      shared.manage().window().setSize(new Dimension(1280, 900));
    }
    browser = shared;
    browser.manage().deleteAllCookies();
  }

  @AfterAll
  static void closeBrowser() {
    if (shared != null) {
      shared.quit();
      shared = null;
    }
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
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accessibility basics on the current page: language, one h1, labels, alt texts, WCAG AA contrast. */
  protected void assertAccessible() {
    @SuppressWarnings("unchecked")
    List<String> problems = (List<String>) ((JavascriptExecutor) browser).executeScript(Accessibility.SCRIPT);
    assertThat(problems).as("accessibility problems on " + browser.getCurrentUrl()).isEmpty();
  }
}
