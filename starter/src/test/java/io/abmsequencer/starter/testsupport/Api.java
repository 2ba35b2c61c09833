package io.abmsequencer.starter.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the API tests: real HTTP against the running app, JSON answers as trees. */
public final class Api {
  public record Response(int status, String contentType, String body, JsonNode json, java.net.http.HttpHeaders headers) {
    public JsonNode get(String field) {
      return json.get(field);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final String base;
  private final String authorization;

  /** As the embedded demo admin. */
  public Api(int port) {
    this(port, "admin", "admin-demo");
  }

  /** As this user (HTTP Basic); a null user sends no credentials. */
  public Api(int port, String user, String password) {
    this.base = "http://127.0.0.1:" + port;
    this.authorization = user == null ? null
        : "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public Api as(String user, String password) {
    return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), user, password);
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path, String contentType, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
  }

  public Response postBytes(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** Any method, no body. */
  public Response call(String method, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  public Response postJson(String path, String body) {
    return post(path, "application/json", body);
  }

  private Response send(HttpRequest.Builder request) {
    if (authorization != null) request.header("Authorization", authorization);
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode tree = type.contains("json") && !response.body().isEmpty() ? json.readTree(response.body()) : null;
      return new Response(response.statusCode(), type, response.body(), tree, response.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
