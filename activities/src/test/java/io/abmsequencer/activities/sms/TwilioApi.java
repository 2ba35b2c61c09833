package io.abmsequencer.activities.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * WireMock standing in for api.twilio.com: the Messages API's paths and JSON as Twilio documents
 * them, for the SDK to talk to over HTTP.
 */
final class TwilioApi {
  static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
  static final String FROM = "+14155550100";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

  final WireMockServer server = new WireMockServer(options().dynamicPort());

  TwilioApi start() {
    server.start();
    return this;
  }

  String baseUrl() {
    return "http://localhost:" + server.port();
  }

  void reset() {
    server.resetAll();
  }

  void stop() {
    server.stop();
  }

  /** Every create answers 201 with a queued message {@code sid}. */
  void accepts(String sid, String to, String body) {
    server.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(created(sid, to, body)));
  }

  /** Creates answer {@code first}, then 201 with a queued message {@code sid}. */
  void firstThenAccepts(ResponseDefinitionBuilder first, String sid, String to, String body) {
    server.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(first).willSetStateTo("answered once"));
    server.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("create").whenScenarioStateIs("answered once")
        .willReturn(created(sid, to, body)));
  }

  void createAnswers(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(response));
  }

  /** The list of messages answers with these (newest first), whatever the filters. */
  void lists(String... messages) {
    MappingBuilder list = get(urlPathEqualTo(MESSAGES));
    server.stubFor(list.willReturn(json(200,
        "{\"messages\": [" + String.join(",", messages) + "], \"uri\": \"" + MESSAGES + "?PageSize=100&Page=0\","
            + " \"first_page_uri\": \"" + MESSAGES + "?PageSize=100&Page=0\", \"next_page_uri\": null,"
            + " \"previous_page_uri\": null, \"page\": 0, \"page_size\": 100, \"start\": 0, \"end\": "
            + Math.max(0, messages.length - 1) + "}")));
  }

  static ResponseDefinitionBuilder created(String sid, String to, String body) {
    return json(201, message(sid, to, FROM, body, "queued", "outbound-api", ZonedDateTime.now(ZoneOffset.UTC)));
  }

  /** Twilio's error JSON, as the SDK's {@code RestException} reads it: code, message, more_info, status. */
  static ResponseDefinitionBuilder error(int status, int code, String message) {
    return json(status,
        "{\"code\": " + code + ", \"message\": \"" + message + "\", \"more_info\":"
            + " \"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}");
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  static String message(String sid, String to, String from, String body, String status, String direction, ZonedDateTime created) {
    return "{\"account_sid\": \"" + ACCOUNT_SID + "\", \"api_version\": \"2010-04-01\", \"body\": " + quote(body) + ","
        + " \"date_created\": \"" + RFC_2822.format(created) + "\", \"date_sent\": null,"
        + " \"date_updated\": \"" + RFC_2822.format(created) + "\", \"direction\": \"" + direction + "\","
        + " \"error_code\": null, \"error_message\": null, \"from\": \"" + from + "\","
        + " \"messaging_service_sid\": null, \"num_media\": \"0\", \"num_segments\": \"1\", \"price\": null,"
        + " \"price_unit\": \"USD\", \"sid\": \"" + sid + "\", \"status\": \"" + status + "\","
        + " \"subresource_uris\": {\"media\": \"/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sid + "/Media.json\"},"
        + " \"to\": \"" + to + "\", \"uri\": \"/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sid + ".json\"}";
  }

  static String quote(String text) {
    return text.chars().mapToObj(c -> switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      default -> c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c);
    }).collect(Collectors.joining("", "\"", "\""));
  }

  static String sid(int n) {
    return String.format("SM%032x", n);
  }
}
