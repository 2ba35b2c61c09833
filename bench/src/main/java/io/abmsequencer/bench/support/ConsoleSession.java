package io.abmsequencer.bench.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console in a browser's place: signed in through the form, the session in a cookie. */
public final class ConsoleSession {
  private final HttpClient http;
  private final String base;

  private ConsoleSession(HttpClient http, String base) {
    this.http = http;
    this.base = base;
  }

  public static ConsoleSession signIn(String base, String user, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
    String form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form);
    if (!csrf.find()) throw new IllegalStateException("no CSRF token on the sign-in page");
    String body = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
    HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    String location = signedIn.headers().firstValue("Location").orElse("");
    if (signedIn.statusCode() != 302 || location.contains("error")) {
      throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + location);
    }
    return new ConsoleSession(http, base);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
