package io.abmsequencer.starter.security;

import static io.abmsequencer.starter.security.FirstAdminTest.generated;
import static io.abmsequencer.starter.security.FirstAdminTest.get;
import static io.abmsequencer.starter.security.FirstAdminTest.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.testsupport.TestDatabase;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo users belong to the all-embedded demo only; anything else is an installation that refuses
 * demo passwords in every encoding. Failed sign-ins are throttled per user and per address, over
 * real HTTP (Basic and the form), and the lock ends by time.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoUsersAndSignInTest {

  /** The users' part of the starter, and the sign-in page reduced to what a form needs: its CSRF token. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({SecurityConfiguration.class, UserController.class, SignInPage.class})
  static class UsersWithSignInPage {}

  @RestController
  static class SignInPage {
    @GetMapping("/login")
    String page(CsrfToken token) {
      return "<input type=\"hidden\" name=\"_csrf\" value=\"" + token.getToken() + "\">";
    }
  }

  @Test
  void aProductWithItsOwnPostgresHasNoDemoUsersButItsFirstAdmin(CapturedOutput output) throws Exception {
    // Temporal and mail embedded, PostgreSQL its own: someone's installation, not the demo.
    try (ConfigurableApplicationContext app = start(TestDatabase.newDatabaseUrl(),
        "--abm.embedded.enabled=true", "--abm.embedded.temporal.server=in-memory", "--abm.embedded.temporal.port=0",
        "--abm.embedded.smtp.port=0", "--abm.embedded.imap.port=0")) {
      assertThat(get(app, "/api/users", "admin", "admin-demo").statusCode()).isEqualTo(401);
      assertThat(output.getAll()).doesNotContain("demo users");
      String password = generated(output.getAll()).get(0)[1];
      assertThat(get(app, "/api/users", "admin", password).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aDemoPasswordIsRefusedInAnyEncoding() {
    String bcryptOfADemoPassword = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("sdr-demo");
    for (String password : new String[] {"{noop}admin-demo", bcryptOfADemoPassword}) {
      assertThatThrownBy(() -> start(TestDatabase.newDatabaseUrl(), "--abm.security.users[0].username=sam",
              "--abm.security.users[0].password=" + password, "--abm.security.users[0].roles=SDR"))
          .rootCause().hasMessageContaining("user 'sam' has a demo password; production refuses to start with one");
    }
  }

  @Test
  void failedSignInsLockTheUserThenTheAddressUntilTimeHasPassed() throws Exception {
    try (ConfigurableApplicationContext app = start(UsersWithSignInPage.class, TestDatabase.newDatabaseUrl(),
        "--abm.security.users[0].username=kim", "--abm.security.users[0].password=kims-long-password",
        "--abm.security.users[0].roles=ADMIN",
        "--abm.security.users[1].username=lee", "--abm.security.users[1].password=lees-long-password",
        "--abm.security.users[1].roles=ADMIN",
        "--abm.security.sign-in.max-failures-per-user=3", "--abm.security.sign-in.max-failures-per-address=6",
        "--abm.security.sign-in.window=20s")) {
      for (int i = 0; i < 3; i++) assertThat(get(app, "/api/users", "kim", "wrong-" + i).statusCode()).isEqualTo(401);

      HttpResponse<String> locked = get(app, "/api/users", "kim", "kims-long-password");
      assertThat(locked.statusCode()).as("the right password, while locked").isEqualTo(429);
      assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 20));
      assertThat(locked.body()).contains("Too many failed sign-ins for this user: try again in 1 minute.");
      assertThat(get(app, "/api/users", "lee", "lees-long-password").statusCode()).as("another user").isEqualTo(200);

      // The form is throttled the same way, and says so on the sign-in page.
      HttpResponse<String> form = postForm(app, "kim", "kims-long-password");
      assertThat(form.statusCode()).isEqualTo(302);
      assertThat(form.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?throttled=1"));

      // Three more wrong ones, at another user: the address is locked for everyone.
      for (int i = 0; i < 3; i++) get(app, "/api/users", "nobody-" + i, "wrong");
      HttpResponse<String> address = get(app, "/api/users", "lee", "lees-long-password");
      assertThat(address.statusCode()).isEqualTo(429);
      assertThat(address.body()).contains("Too many failed sign-ins from this address");

      // No admin unlocks it: time does.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
          .until(() -> get(app, "/api/users", "kim", "kims-long-password").statusCode() == 200);
    }
  }

  /** The sign-in form as a browser sends it: its session and CSRF token first. */
  private static HttpResponse<String> postForm(ConfigurableApplicationContext app, String user, String password) throws Exception {
    String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher token = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as("the sign-in page's CSRF token in:%n%s", page).isTrue();
    return browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf=" + token.group(1))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
