package io.abmsequencer.starter.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through chromedriver, one browser shared by the browser tests of a
 * class (the console's through {@link BrowserTestBase}, the Temporal UI's directly). Skipped,
 * loudly, where Chromium is not installed ({@code .ci/run} installs it: {@code apt-get install -y
 * chromium chromium-driver}).
 */
public final class Chromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Where screenshots land, as test artefacts: {@code starter/target/screenshots/}. */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static WebDriver shared;

  private Chromium() {}

  /** The shared browser, started on first use; the test is skipped where Chromium is missing. */
  public static WebDriver browser() {
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
    return shared;
  }

  /** Closes the shared browser (after a test class). */
  public static void quit() {
    if (shared != null) {
      shared.quit();
      shared = null;
    }
  }

  /** Saves a screenshot of the browser's window as {@code target/screenshots/<name>.png} and returns its path. */
  public static Path screenshot(WebDriver browser, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
