package io.abmsequencer.starter.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.BrowserTestBase;
import io.abmsequencer.starter.tasks.FullPage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** Review checkpoints in Chromium: a marketer reads one, a reviewer stops the sequence from the page. */
class ReviewsBrowserTest extends BrowserTestBase {

  static final String PLAYBOOK = humanStepsPlaybook("console-reviews", "Console reviews");

  @Test
  void aReviewerStopsASequenceFromTheReviewsPage() {
    uploadPlaybook(PLAYBOOK);
    String workflowId = launch("console-reviews", "umbrella-review", "sam.lee@yourco.example", champion("zoe@umbrella-review.example"));
    String taskId = awaitOpenTask("sam.lee@yourco.example", workflowId).get("taskId").asText();
    engagement("umbrella-review", "web-1", "WEBSITE_VISIT", Duration.ofDays(40));
    engagement("umbrella-review", "dl-1", "CONTENT_DOWNLOAD", Duration.ofDays(16));
    engagement("umbrella-review", "price-1", "PRICING_PAGE_VISIT", Duration.ofDays(2));
    assertThat(api.postJson("/api/tasks/" + taskId + "/complete", "{\"outcome\": \"COMPLETED\", \"note\": \"champion keen\"}").status())
        .isEqualTo(200);
    String reviewId = awaitSequence(workflowId, s -> "AWAITING_REVIEW".equals(status(s))).get("reviews").get(0).get("reviewId").asText();

    // A marketer sees the checkpoint and its context, read-only.
    signIn("marketer", "marketer-demo");
    open("/reviews");
    WebElement review = findOnReviews(reviewId);
    assertThat(review.getText()).contains("umbrella-review Inc", "1:few", "Is this account worth a 1:1 program?",
        "Owner sam.lee@yourco.example", "Touches so far: 1", "A short read for umbrella-review Inc", "+30 in the last 12 weeks",
        "+15 in the last 7 days", "No replies yet.", "Read-only");
    assertThat(review.findElements(By.cssSelector("form.wk-decide"))).isEmpty();
    assertThat(review.findElement(By.cssSelector("svg.wk-sparkline")).getAttribute("aria-label"))
        .isEqualTo("Score gained per week over the last 12 weeks, oldest first: 0, 0, 0, 0, 0, 0, 5, 0, 0, 10, 0, 15");
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("reviews-marketer-read-only"));

    // The reviewer decides.
    signIn("reviewer", "reviewer-demo");
    open("/reviews");
    review = findOnReviews(reviewId);
    assertThat(review.findElements(By.cssSelector("input[name=decision]")).stream().map(e -> e.getAttribute("value")).toList())
        .containsExactly("CONTINUE", "STOP", "CHANGE_TIER");
    assertThat(review.findElements(By.cssSelector("select[name=tier] option")).stream().map(WebElement::getText).toList())
        .containsExactly("1:1", "1:many");
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("reviews-reviewer"));
    review.findElement(By.id("decision-" + reviewId + "-STOP")).click();
    review.findElement(By.id("note-" + reviewId)).sendKeys("No budget this year; revisit in Q3");
    review.findElement(By.cssSelector("form.wk-decide button[type=submit]")).click();
    waitForText(By.cssSelector("main p.notice"), "Decided for umbrella-review Inc: Stop the sequence.");
    assertThat(browser.findElements(By.cssSelector("article.wk-review[data-review='" + reviewId + "']"))).isEmpty();
    assertAccessible();
    FullPage.shoot(browser, () -> screenshot("reviews-stopped"));

    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("STOPPED_BY_REVIEW");
    assertThat(ended.get("reviews").get(0).get("decision").asText()).isEqualTo("STOP");
    assertThat(ended.get("reviews").get(0).get("decidedBy").asText()).isEqualTo("reviewer");
  }

  /** The review's card on the list, following the pager (other tests' reviews may come first). */
  private WebElement findOnReviews(String reviewId) {
    By card = By.cssSelector("article.wk-review[data-review='" + reviewId + "']");
    for (int page = 0; page < 20; page++) {
      waitFor(By.tagName("h1"));
      List<WebElement> found = browser.findElements(card);
      if (!found.isEmpty()) return found.get(0);
      List<WebElement> next = browser.findElements(By.linkText("Next"));
      if (next.isEmpty()) break;
      next.get(0).click();
    }
    throw new AssertionError("review " + reviewId + " is not on the reviews page");
  }

  private void engagement(String accountId, String id, String type, Duration ago) {
    assertThat(api.postJson("/api/engagement", """
        {"eventId": "%s-%s", "accountId": "%s", "type": "%s", "occurredAt": "%s"}
        """.formatted(accountId, id, accountId, type, Instant.now().minus(ago))).status()).isEqualTo(202);
  }
}
