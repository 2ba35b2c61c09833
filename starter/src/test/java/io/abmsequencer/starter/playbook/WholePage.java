package io.abmsequencer.starter.playbook;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** Screenshots of whole pages at 1280 px: the window grows to the page's height for the shot, then returns to 1280 × 900. */
public final class WholePage {
  private WholePage() {}

  public static void shoot(WebDriver browser, Runnable screenshot) {
    long height = ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;")).longValue();
    browser.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height + 140, 900), 8000)));
    try {
      screenshot.run();
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 900));
    }
  }
}
