package io.abmsequencer.starter.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A user signed in to the console (form login, session cookie), posting forms with their CSRF token. */
public final class ConsoleSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ConsoleSession(int port, String user, String password) {
    this.base = "http://127.0.0.1:" + port;
    String token = csrf(get("/login").body());
    HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token))));
    if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
      throw new IllegalStateException("could not sign in as " + user + ": " + signedIn.statusCode() + " " + signedIn.headers().map());
    }
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A form post as the browser sends it, with the session's CSRF token read from {@code tokenPage}. */
  public HttpResponse<String> post(String action, Map<String, String> fields, String tokenPage) {
    StringBuilder body = new StringBuilder("_csrf=" + enc(csrfToken(tokenPage)));
    fields.forEach((name, value) -> body.append('&').append(enc(name)).append('=').append(enc(value)));
    return send(HttpRequest.newBuilder(URI.create(base + action))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** The CSRF token of the session, read from a page with a form. */
  public String csrfToken(String page) {
    return csrf(get(page).body());
  }

  /**
   * A multipart form post, as the browser sends a file input: the fields, then the file as part
   * {@code file} (named {@code list.csv}), with the session's CSRF token.
   */
  public HttpResponse<String> upload(String action, String token, Map<String, String> fields, byte[] file) {
    String boundary = "----corpus" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream(file.length + 1024);
    fields.forEach((name, value) -> part(body, boundary, "Content-Disposition: form-data; name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8)));
    part(body, boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\nContent-Type: text/csv", file);
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return send(HttpRequest.newBuilder(URI.create(base + action))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("X-CSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static void part(ByteArrayOutputStream body, String boundary, String headers, byte[] content) {
    body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) throw new IllegalStateException("no CSRF token on the page");
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
