package io.abmsequencer.starter.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.BrowserTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The scorecard in Chromium for three accounts launched on their own playbook: its numbers, its
 * two charts with their tables, and the CSV export with a formula-looking playbook name neutralised.
 */
class ScorecardBrowserTest extends BrowserTestBase {
  static final String PLAYBOOK = """
      id: scorecard-browser
      name: "=1+1 Scorecard playbook"
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      %s
      steps:
        - id: hello
          email: {to: [CHAMPION], subject: "A short read for {{accountName}}", body: "Hi {{firstName}}"}
        - id: breather
          wait: 8 weeks
        - id: follow-up
          email: {to: [CHAMPION], subject: "Following up", body: "Any thoughts?"}
      """.formatted(ALWAYS_OPEN);

  @Test
  void showsTheNumbersAndChartsForLaunchedSequencesAndExportsThemSafely() throws Exception {
    uploadPlaybook(PLAYBOOK);
    String alpha = launch("scorecard-browser", "sc-alpha", "sam.lee@yourco.example", champion("ana@sc-alpha.example"));
    String beta = launch("scorecard-browser", "sc-beta", "sam.lee@yourco.example", champion("ben@sc-beta.example"));
    launch("scorecard-browser", "sc-gamma", "sam.lee@yourco.example", champion("gus@sc-gamma.example"));
    awaitMailTo("ana@sc-alpha.example", 1);
    awaitMailTo("ben@sc-beta.example", 1);
    awaitMailTo("gus@sc-gamma.example", 1);
    // alpha's champion looks at pricing; beta's books a meeting, which ends beta's sequence.
    event("sc-ev-1", "sc-alpha", "ana@sc-alpha.example", "PRICING_PAGE_VISIT");
    event("sc-ev-2", "sc-beta", "ben@sc-beta.example", "MEETING_BOOKED");
    awaitSequence(beta, s -> "EXITED".equals(status(s)));
    awaitSequence(alpha, s -> s.get("live").get("score").asInt() == 15);
    // The "now" figure is the read model's: a waiting sequence writes its score there when it next wakes.
    String averageNow = expectedAverageScore(alpha, beta);

    signIn("marketer", "marketer-demo");
    open("/scorecard?playbook=scorecard-browser&days=30");
    assertThat(text(By.tagName("h1"))).isEqualTo("Scorecard");
    assertThat(text(By.cssSelector("#m-accounts .big"))).isEqualTo("3");
    assertThat(text(By.cssSelector("#m-engagement"))).contains("67 %", "2 of 3 accounts engaged in the last 30 days");
    assertThat(text(By.cssSelector("#m-contacted"))).contains("100 %", "3 of 3 people");
    assertThat(text(By.cssSelector("#m-engaged"))).contains("67 %", "2 of 3 people", "accounts with an engaged buyer: 67 %");
    assertThat(text(By.cssSelector("#m-score .big"))).isEqualTo(averageNow);
    assertThat(text(By.cssSelector("#m-meetings .big"))).isEqualTo("1");
    assertThat(text(By.cssSelector("#m-exits .big"))).isEqualTo("1");

    // The trend: an SVG line with a title and a point per week that has accounts, and its table.
    WebElement trend = browser.findElement(By.id("trend-chart"));
    assertThat(trend.getAttribute("role")).isEqualTo("img");
    assertThat(browser.findElement(By.id("trend-title")).getAttribute("textContent")).isEqualTo("Average engagement score, week by week");
    assertThat(trend.findElements(By.cssSelector("circle.dot"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#trend-table tbody tr"))).hasSize(12);
    // Exits by reason: one bar, and the same in the table.
    assertThat(browser.findElements(By.cssSelector("#exits-chart rect.bar"))).hasSize(1);
    assertThat(text(By.cssSelector("#exits-table tbody"))).isEqualTo("Meeting booked 1");
    assertThat(text(By.cssSelector("#playbook-table tbody"))).contains("=1+1 Scorecard playbook", "3", "67 %");
    assertAccessible();
    screenshot("scorecard");
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('trend-h').scrollIntoView()");
    screenshot("scorecard-charts");

    // The export, with the browser's session and the same filters.
    String href = browser.findElement(By.id("csv")).getAttribute("href");
    assertThat(href).endsWith("/scorecard.csv?playbook=scorecard-browser&days=30");
    Cookie session = browser.manage().getCookieNamed("JSESSIONID");
    HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
        .header("Cookie", "JSESSIONID=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment; filename=\"abm-scorecard-");
    List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
    assertThat(lines).hasSize(3); // header, all, the one playbook
    assertThat(lines.get(0)).startsWith("scope,period_start,period_end,motion,tier,playbook_id,playbook_name,target_accounts,");
    assertThat(lines.get(2)).startsWith("playbook,").contains(",NEW_LOGO,ONE_TO_FEW,scorecard-browser,'=1+1 Scorecard playbook,3,2,67,3,3,100,");
    assertThat(lines.get(1)).startsWith("all,").contains(",,,,,3,2,67,");
  }

  /** The read model's average over the three sequences (gamma has no engagement: 0). */
  private String expectedAverageScore(String alpha, String beta) {
    int sum = sequence(alpha).get("sequence").get("score").asInt() + sequence(beta).get("sequence").get("score").asInt();
    return String.format(java.util.Locale.ROOT, "%.1f", sum / 3.0);
  }

  private void event(String id, String account, String email, String type) {
    assertThat(api.postJson("/api/engagement", """
        {"eventId": "%s", "accountId": "%s", "contactEmail": "%s", "type": "%s", "occurredAt": "%s"}
        """.formatted(id, account, email, type, Instant.now().minusSeconds(5))).status()).isEqualTo(202);
  }
}
