package io.abmsequencer.activities.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the SDK's REST client on the SDK's own HTTP client ({@link NetworkHttpClient} over an Apache
 * {@link HttpClientBuilder}), configured in two ways:
 *
 * <ul>
 *   <li><b>One attempt per call.</b> The SDK's {@code HttpClient.reliableRequest} repeats a request
 *       that got a 5xx up to three times, POSTs included. A 500 after Twilio took the message would
 *       then send it again; here a 5xx goes back to the channel, which records it and lets Temporal
 *       retry, and the retry looks the message up before sending (see {@link TwilioSmsChannel}).
 *   <li><b>Every refusal keeps its HTTP status.</b> The SDK learns a failure's status only from
 *       Twilio's error JSON; a reply that is not JSON (a proxy's or load balancer's error page, an
 *       empty 503) would reach us without one, and a 403 from a firewall could not be told from a
 *       dropped connection. Such replies are handed to the SDK as a minimal error JSON carrying the
 *       status and the start of the text.
 *   <li><b>Another base URL.</b> The SDK builds every URL on {@code https://api.twilio.com}; when
 *       {@code abm.sms.twilio.base-url} names another address, a route planner sends every request
 *       there (scheme, host and port of the base URL; the path as the SDK built it). Tests point it
 *       at WireMock; a proxy in front of Twilio works the same way.
 * </ul>
 */
final class TwilioClients {
  private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(10);
  private static final Timeout SOCKET_TIMEOUT = Timeout.ofSeconds(30);

  private TwilioClients() {}

  static TwilioRestClient create(SmsSettings.Twilio settings) {
    HttpClientBuilder builder =
        HttpClientBuilder.create()
            .useSystemProperties()
            .disableAutomaticRetries()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(CONNECT_TIMEOUT)
                            .setSocketTimeout(SOCKET_TIMEOUT)
                            .setTimeToLive(5, TimeUnit.MINUTES)
                            .build())
                    .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(SOCKET_TIMEOUT).setSoKeepAlive(true).build())
                    .setMaxConnPerRoute(20)
                    .setMaxConnTotal(40)
                    .build());
    if (settings.redirected()) builder.setRoutePlanner(everyRequestTo(settings.baseUrl()));
    return new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
        .httpClient(new SingleAttemptHttpClient(builder))
        .build();
  }

  /** A route planner that connects to {@code baseUrl}'s host whatever host the request names. */
  static HttpRoutePlanner everyRequestTo(String baseUrl) {
    URI uri = URI.create(baseUrl);
    boolean secure = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
    HttpHost host = new HttpHost(secure ? "https" : "http", uri.getHost(), port);
    HttpRoute route = new HttpRoute(host, null, secure);
    return (target, context) -> route;
  }

  /** The SDK's HTTP client without its own retry loop, and with an HTTP status on every refusal. */
  private static final class SingleAttemptHttpClient extends NetworkHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SNIPPET = 200;

    SingleAttemptHttpClient(HttpClientBuilder builder) {
      super(builder);
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
      return false;
    }

    @Override
    public Response makeRequest(Request request) {
      Response response = super.makeRequest(request);
      if (response == null || TwilioRestClient.SUCCESS.test(response.getStatusCode())) return response;
      String content = response.getContent();
      return new Response(twilioError(content) ? content : errorJson(response.getStatusCode(), content),
          response.getStatusCode(), response.getHeaders());
    }

    private static boolean twilioError(String content) {
      try {
        JsonNode node = JSON.readTree(content);
        return node != null && node.isObject() && node.hasNonNull("status");
      } catch (JsonProcessingException e) {
        return false;
      }
    }

    private static String errorJson(int status, String content) {
      String text = content == null ? "" : content.replaceAll("\\s+", " ").strip();
      if (text.length() > SNIPPET) text = text.substring(0, SNIPPET) + "...";
      ObjectNode error = JSON.createObjectNode();
      error.put("status", status);
      error.put("message", text.isEmpty() ? "no reply body" : "reply not from Twilio's API: " + text);
      return error.toString();
    }
  }
}
