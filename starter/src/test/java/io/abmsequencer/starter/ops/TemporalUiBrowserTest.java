package io.abmsequencer.starter.ops;

import static io.abmsequencer.starter.testsupport.ApiTestBase.ALWAYS_OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.testsupport.TestPorts;
import io.abmsequencer.starter.StarterApplication;
import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.Chromium;
import io.abmsequencer.worker.testsupport.TestCli;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What ops see in the real Temporal UI (the dev server's, run by embedded mode) in headless
 * Chromium: the sequences filtered by an Abm* attribute, one sequence's summary, details and search
 * attributes in plain words, and its input decoded through the product's codec endpoint — then, the
 * same product restarted on the same data without the UI's codec endpoint, the same input encrypted.
 * Screenshots land in {@code target/screenshots/temporal-ui-*.png} (the README's come from there).
 */
class TemporalUiBrowserTest {

  /** A test-only key: payload encryption on, so the UI needs the codec to read anything. */
  static final String CODEC_KEY = "21w8lw/89TCt96anFQNiXIzGpwybuJdtBTsn7wei1Aw=";
  static final String REVIEW_FIRST = """
      id: ui-review-first
      name: Go or no-go first
      motion: NEW_LOGO
      tier: ONE_TO_ONE
      %s
      steps:
        - id: go-no-go
          review: {question: "Go after this account?", due: 5 business days}
        - id: hello
          email: {to: [CHAMPION], subject: "A note for {{accountName}}", body: "Hi {{firstName}}"}
      """.formatted(ALWAYS_OPEN);
  static final String TASK_FIRST = """
      id: ui-task-first
      name: Call first
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      %s
      steps:
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call the champion", due: 2 business days}
        - id: checkpoint
          review: {question: "Keep going with this account?", due: 5 business days}
      """.formatted(ALWAYS_OPEN);
  static final String AWAITING_REVIEW = "AbmStatus = 'AWAITING_REVIEW'";
  static final String GLOBEX = "abm-new-logo-globex";
  static final String ROW = "[data-testid='workflows-summary-configurable-table-row']";
  static final String INPUT = "[data-testid='input-and-result'] .cm-content[aria-label='Input']";
  static final String SEARCH_ATTRIBUTES = ".cm-content[aria-label='Search Attributes']";
  /** The codec's encoding, as the UI prints metadata: base64 ("YmluYXJ5L2VuY3J5cHRlZA=="). */
  static final String ENCRYPTED = Base64.getEncoder().encodeToString("binary/encrypted".getBytes(StandardCharsets.UTF_8));

  @TempDir static Path data;
  static WebDriver browser;

  @BeforeAll
  static void peers() {
    TestCli.required();
    browser = Chromium.browser();
  }

  @AfterAll
  static void closeBrowser() {
    Chromium.quit();
  }

  @Test
  void opsFilterSequencesReadThemInPlainWordsAndDecodedOnlyThroughTheCodec() {
    int temporalPort = TestPorts.free();
    int httpPort = TestPorts.free();
    int uiPort = TestPorts.free();
    try (ConfigurableApplicationContext product = startProduct(temporalPort, httpPort, uiPort, true)) {
      launchAccounts(new Api(httpPort));
      // The server's visibility trails the workflows by about a second: wait for it, not for the page.
      awaitCount(temporalPort, AWAITING_REVIEW, 2);
      awaitCount(temporalPort, "AbmStatus = 'AWAITING_TASK'", 2);

      // The list, filtered as ops filter it (the query box's URL form).
      openUi(uiPort, "/namespaces/default/workflows?query=" + URLEncoder.encode(AWAITING_REVIEW, StandardCharsets.UTF_8));
      Set<String> listed = waitUntil(b -> listedWorkflowIds());
      assertThat(listed).containsExactlyInAnyOrder(GLOBEX, "abm-new-logo-initech");
      Chromium.screenshot(browser, "temporal-ui-filtered-list");

      // One sequence: its input, decoded by the product's codec endpoint, called from the browser.
      browser.findElement(By.cssSelector(ROW + " a[href*='/workflows/" + GLOBEX + "/']")).click();
      openTab("history-tab");
      assertThat(decodedInput()).contains("Philippa", "philippa.quartermaine@globex.example", "Globex Inc");
      Chromium.screenshot(browser, "temporal-ui-input-decoded");
      // The same page opened as http://127.0.0.1:<port>, the UI's other name: decoded as well.
      String historyPage = browser.getCurrentUrl();
      browser.get(historyPage.replace("://localhost:", "://127.0.0.1:"));
      assertThat(decodedInput()).contains("philippa.quartermaine@globex.example");
      browser.get(historyPage);

      // Its summary, static details and current details, in plain words.
      openTab("user-metadata-tab");
      assertThat(frameText("user-metadata-summary", "for Globex Inc"))
          .contains("New-logo 1:1 for Globex Inc — 2 steps over 1 month (ui-review-first@1)");
      assertThat(frameText("user-metadata-details", "owner"))
          .contains("Playbook Go or no-go first (ui-review-first@1), owner jane.doe@yourco.example");
      assertThat(frameText("user-metadata-current-details", "Waiting"))
          .contains("Waiting for a review decision: Go after this account?");
      Chromium.screenshot(browser, "temporal-ui-summary-and-details");

      // Its search attributes: what the list filters on.
      openTab("search-attributes-tab");
      assertThat(codeBlock(SEARCH_ATTRIBUTES, text -> text.contains("AbmStatus"))).contains("AbmStatus", "AWAITING_REVIEW",
          "AbmAccountId", "globex", "AbmOwner", "jane.doe@yourco.example", "AbmPlaybook", "ui-review-first@1", "AbmTier", "ONE_TO_ONE");
      Chromium.screenshot(browser, "temporal-ui-search-attributes");
      browser.get("about:blank");
    }

    // The same product and data, restarted without the UI's codec endpoint.
    int plainUiPort = TestPorts.free();
    try (ConfigurableApplicationContext product = startProduct(temporalPort, httpPort, plainUiPort, false)) {
      openUi(plainUiPort, "/namespaces/default/workflows/" + GLOBEX);
      openTab("history-tab");
      // The input as it is stored: ciphertext, in base64.
      assertThat(codeBlock(INPUT, text -> text.matches("\"[A-Za-z0-9+/=]{100,}\""))).doesNotContain("Quartermaine", "Philippa");
      Chromium.screenshot(browser, "temporal-ui-input-encrypted");
      // The event history as JSON names the encoding, base64 as every metadata value: "binary/encrypted".
      browser.findElement(By.cssSelector("[data-testid='json']")).click();
      String history = codeBlock(".cm-content[aria-label='JSON']", text -> text.contains("\"encoding\": \"" + ENCRYPTED + "\""));
      // Summary, details and memo are payloads too: the account's name is nowhere in clear.
      assertThat(history).doesNotContain("Quartermaine", "philippa", "Globex Inc");
      ((JavascriptExecutor) browser).executeScript("document.querySelector(\"[data-testid='event-history-json']\").scrollIntoView()");
      Chromium.screenshot(browser, "temporal-ui-history-encrypted");
      openTab("user-metadata-tab");
      assertThat(frameText("user-metadata-current-details", "No Current Details")).doesNotContain("Waiting");
      assertThat(textContent(browser.findElement(By.cssSelector("[data-testid='user-metadata']"))))
          .contains("No summary available", "No details available");
      Chromium.screenshot(browser, "temporal-ui-summary-without-codec");
      // What ops keep without the codec: the attributes they filter on, never encrypted.
      openTab("search-attributes-tab");
      assertThat(codeBlock(SEARCH_ATTRIBUTES, text -> text.contains("AbmStatus"))).contains("AWAITING_REVIEW", "jane.doe@yourco.example");
      browser.get("about:blank");
    }
  }

  /** Two accounts on a playbook that opens with a review, two on one that opens with a task. */
  private static void launchAccounts(Api api) {
    for (String playbook : List.of(REVIEW_FIRST, TASK_FIRST)) {
      Api.Response uploaded = api.post("/api/playbooks", "application/yaml", playbook);
      assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    }
    launch(api, "ui-review-first", "globex", "Philippa", "Quartermaine");
    launch(api, "ui-review-first", "initech", "Bartholomew", "Okonkwo-Lindqvist");
    launch(api, "ui-task-first", "umbrella", "Cressida", "Vantongeren");
    launch(api, "ui-task-first", "hooli", "Desmond", "Abernathy-Pryce");
    awaitStatus(api, GLOBEX, "AWAITING_REVIEW");
    awaitStatus(api, "abm-new-logo-initech", "AWAITING_REVIEW");
    awaitStatus(api, "abm-new-logo-umbrella", "AWAITING_TASK");
    awaitStatus(api, "abm-new-logo-hooli", "AWAITING_TASK");
  }

  private static ConfigurableApplicationContext startProduct(int temporalPort, int httpPort, int uiPort, boolean uiCodec) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + httpPort,
        "--abm.embedded.temporal.server=dev-server",
        "--abm.embedded.temporal.port=" + temporalPort,
        "--abm.embedded.temporal.ui-port=" + uiPort,
        "--abm.embedded.temporal.data-dir=" + data.resolve("temporal"),
        "--abm.embedded.postgres.port=0",
        "--abm.embedded.postgres.data-dir=" + data.resolve("postgres"),
        "--abm.embedded.smtp.port=0",
        "--abm.embedded.imap.port=0",
        "--abm.mail.from-domain=yourco.example",
        "--abm.mail.inbound.poll-interval=1h",
        // The UI's codec endpoint defaults to {public-url}/codec once a key is set.
        "--abm.public-url=http://localhost:" + httpPort,
        "--abm.codec.key=" + CODEC_KEY,
        // The browser calls the codec from the UI's origin, whichever name ops typed.
        "--abm.codec.cors-origins=http://localhost:" + uiPort + ",http://127.0.0.1:" + uiPort));
    if (!uiCodec) args.add("--abm.embedded.temporal.ui-codec-endpoint=");
    return new SpringApplicationBuilder(StarterApplication.class).main(StarterApplication.class).run(args.toArray(String[]::new));
  }

  private static void launch(Api api, String playbook, String account, String firstName, String lastName) {
    String email = (firstName + "." + lastName).toLowerCase() + "@" + account + ".example";
    String name = Character.toUpperCase(account.charAt(0)) + account.substring(1) + " Inc";
    Api.Response response = api.postJson("/api/sequences", """
        {"account": {"id": "%s", "name": "%s", "domain": "%s.example", "industry": "Fintech"},
         "owner": "jane.doe@yourco.example", "playbook": "%s",
         "contacts": [{"email": "%s", "firstName": "%s", "lastName": "%s", "title": "VP Payments", "role": "CHAMPION"}]}
        """.formatted(account, name, account, playbook, email, firstName, lastName));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
  }

  private static void awaitStatus(Api api, String workflowId, String status) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      Api.Response response = api.get("/api/sequences/" + workflowId);
      return response.status() == 200 ? response.json().get("sequence").get("status").asText() : null;
    }, status::equals);
  }

  /** Counted by an independent client on the dev server, as the UI's list will count them. */
  private static void awaitCount(int temporalPort, String query, long expected) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).validateAndBuildWithDefaults());
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> stubs.blockingStub()
          .countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder().setNamespace("default").setQuery(query).build())
          .getCount(), count -> count == expected);
    } finally {
      stubs.shutdownNow();
    }
  }

  /** Opens a tab of the workflow page (its data-testid), once the workflow's page is there. */
  private static void openTab(String tab) {
    WebElement link = waitUntil(b -> b.findElement(By.cssSelector("[data-testid='" + tab + "']")));
    // Out of a scrolled page, where the history's sticky header would take the click.
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", link);
    link.click();
    waitUntil(b -> "true".equals(b.findElement(By.cssSelector("[data-testid='" + tab + "']")).getAttribute("aria-selected")));
  }

  /** The workflow's input once the codec has decoded it (before, the UI shows the stored payload). */
  private static String decodedInput() {
    return codeBlock(INPUT, text -> text.contains("\"firstName\""));
  }

  /** The text of a code block (CodeMirror, labelled) once it is {@code ready}: payloads are decoded after the page shows. */
  private static String codeBlock(String selector, Predicate<String> ready) {
    return waitUntil(b -> {
      String text = textContent(b.findElement(By.cssSelector(selector)));
      return ready.test(text) ? text : null;
    });
  }

  private static void openUi(int uiPort, String path) {
    browser.get("http://localhost:" + uiPort + path);
  }

  /** The workflow ids the list shows (the Workflow ID column's links), or null before it has rows. */
  private static Set<String> listedWorkflowIds() {
    Set<String> ids = new TreeSet<>();
    for (WebElement link : browser.findElements(By.cssSelector(ROW + " a[href*='/workflows/abm-']"))) {
      String text = textContent(link).trim();
      if (text.startsWith("abm-")) ids.add(text);
    }
    return ids.isEmpty() ? null : ids;
  }

  /**
   * The text of a summary or details pane: each is Markdown rendered in an iframe of its own, built
   * again whenever its content changes.
   */
  private static String frameText(String frameId, String expected) {
    try {
      return waitUntil(b -> {
        b.switchTo().defaultContent();
        b.switchTo().frame(b.findElement(By.id(frameId)));
        String text = (String) ((JavascriptExecutor) b).executeScript("return document.body ? document.body.innerText : ''");
        b.switchTo().defaultContent();
        return text.contains(expected) ? text : null;
      });
    } finally {
      browser.switchTo().defaultContent();
    }
  }

  /**
   * All the text of an element, also what a code block's scroll box hides (CodeMirror keeps the
   * lines near the view in the page: enough for the first screens of a payload).
   */
  private static String textContent(WebElement element) {
    return (String) ((JavascriptExecutor) browser).executeScript("return arguments[0].textContent", element);
  }

  /** Waits for what the page shows; on a timeout the page is kept as a screenshot and its HTML. */
  private static <T> T waitUntil(Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(browser, Duration.ofSeconds(90))
          .ignoring(StaleElementReferenceException.class)
          .ignoring(NoSuchFrameException.class)
          .until(condition::apply);
    } catch (TimeoutException e) {
      browser.switchTo().defaultContent();
      Path shot = Chromium.screenshot(browser, "temporal-ui-timeout");
      try {
        Files.writeString(shot.resolveSibling("temporal-ui-timeout.html"), browser.getPageSource());
      } catch (IOException io) {
        e.addSuppressed(io);
      }
      throw e;
    }
  }

}
