package io.abmsequencer.activities.ads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abmsequencer.activities.ads.AudiencePlatform.Outcome;
import io.abmsequencer.activities.ads.AudiencePlatform.Refused;
import io.abmsequencer.activities.ads.AudiencePlatform.RetryLater;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over the JDK's HTTP client for the ad platforms, and the one place their answers become
 * {@link Outcome}s: 408, 429 and 5xx (and I/O errors) come back later, honouring {@code
 * Retry-After}; any other 4xx is refused for good with the platform's own message.
 *
 * <p>Jackson 2 ({@code com.fasterxml}): the Temporal SDK needs it on every classpath this module is
 * on (its payload converter is built on it), while Boot 4's Jackson 3 arrives only with a web or
 * JSON starter, which this library does not bring.
 */
final class ProviderHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, HttpHeaders headers, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    JsonNode json() {
      try {
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (JsonProcessingException e) {
        return JSON.createObjectNode();
      }
    }
  }

  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  ProviderHttp(HttpClient client, Duration timeout, Clock clock) {
    this.client = client;
    this.timeout = timeout;
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  /** POSTs {@code body} as JSON. */
  Response post(URI uri, Map<String, String> headers, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(toJson(body)));
    headers.forEach(request::header);
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.headers(), response.body());
  }

  /** An unsuccessful answer as an outcome; {@code platform} names it in messages ("LinkedIn"). */
  Outcome failure(String platform, Response response) {
    String code = platform.toUpperCase(Locale.ROOT) + "_" + response.status();
    String words = describe(response);
    if (retryable(response.status())) {
      Instant notBefore = response.header("Retry-After").map(value -> retryAt(value, clock.instant())).orElse(null);
      return new RetryLater(notBefore, code, platform + " answered " + words, true);
    }
    return new Refused(code, platform + " refused (" + words + ")");
  }

  /** The platform could not be reached or did not answer in time. */
  Outcome unreachable(String platform, Exception e) {
    if (e instanceof InterruptedException) Thread.currentThread().interrupt();
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    return new RetryLater(null, platform.toUpperCase(Locale.ROOT) + "_IO", platform + " unreachable (" + why + ")", true);
  }

  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /**
   * When {@code Retry-After} says to come back: delay-seconds or an HTTP date (RFC 9110). Null when
   * the value is neither.
   */
  static Instant retryAt(String value, Instant now) {
    String v = value.strip();
    if (v.matches("[0-9]{1,9}")) return now.plusSeconds(Long.parseLong(v));
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * {@code 401 INVALID_ACCESS_TOKEN: Invalid access token}: status, the platform's error code and
   * message, from LinkedIn's ({@code {status, code, message}}) or Google's ({@code {error: {status,
   * message}}}) error body; else the start of the body.
   */
  static String describe(Response response) {
    JsonNode body = response.json();
    JsonNode error = body.has("error") && body.get("error").isObject() ? body.get("error") : body;
    String code = text(error, "code");
    if (code == null || code.matches("[0-9]+")) code = text(error, "status");
    if (code != null && code.matches("[0-9]+")) code = null;
    String message = text(error, "message");
    if (message == null) {
      String raw = response.body() == null ? "" : response.body().strip();
      message = raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
    }
    return response.status() + (code == null ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  private static String toJson(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
