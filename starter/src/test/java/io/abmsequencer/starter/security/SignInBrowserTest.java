package io.abmsequencer.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.BrowserTestBase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Signing in, the start page, the modes banner, and what a role may not open. */
class SignInBrowserTest extends BrowserTestBase {

  @Test
  void aWrongPasswordIsRefusedAndTheRightOneOpensTheStartPage() {
    open("/");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    assertAccessible();
    screenshot("login");
    browser.findElement(By.id("username")).sendKeys("marketer");
    browser.findElement(By.id("password")).sendKeys("nope");
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    assertThat(waitFor(By.cssSelector("[role=alert]")).getText()).isEqualTo("Wrong username or password.");

    signIn("marketer", "marketer-demo");
    assertThat(text(By.tagName("h1"))).isEqualTo("Welcome, marketer");
    assertThat(text(By.cssSelector(".modes"))).contains("Embedded mode", "SMS: dry run", "Ads: dry run");
    assertAccessible();
    screenshot("home-marketer");
  }

  @Test
  void anSdrIsRefusedTheLaunchPage() {
    signIn("sdr", "sdr-demo");
    assertThat(browser.findElements(By.linkText("Launch"))).isEmpty();
    open("/launch");
    assertThat(browser.getPageSource()).containsAnyOf("403", "Forbidden", "do not have access");
  }
}
