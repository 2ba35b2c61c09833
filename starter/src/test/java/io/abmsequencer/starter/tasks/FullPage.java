package io.abmsequencer.starter.tasks;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** Screenshots of the whole page, not just the first screenful: the window grows to the page for the shot. */
public final class FullPage {
  private FullPage() {}

  public static void shoot(WebDriver browser, Runnable screenshot) {
    Dimension before = browser.manage().window().getSize();
    long height = ((Number) ((JavascriptExecutor) browser).executeScript(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")).longValue();
    int tall = (int) Math.min(Math.max(before.getHeight(), height + 120), 5000);
    browser.manage().window().setSize(new Dimension(before.getWidth(), tall));
    try {
      screenshot.run();
    } finally {
      browser.manage().window().setSize(before);
    }
  }
}
