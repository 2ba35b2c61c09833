package io.abmsequencer.activities.sms;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How text messages go out. Checked at startup: a malformed value, or live mode without what it
 * needs, fails the application with a message naming the property (never showing the token).
 *
 * <pre>
 * abm.sms.mode: live                                   # default dry-run: recorded, not sent
 * abm.sms.twilio.account-sid: ${TWILIO_ACCOUNT_SID}    # AC...
 * abm.sms.twilio.auth-token: ${TWILIO_AUTH_TOKEN}      # also verifies the webhooks' signatures
 * abm.sms.twilio.from: "+14155550100"                  # or messaging-service-sid: MG...
 * </pre>
 *
 * @param mode {@code dry-run} (the default) records every text in the ledger without sending it;
 *     {@code live} sends through Twilio
 * @param twilio the Twilio account and sender
 */
@ConfigurationProperties("abm.sms")
public record SmsSettings(@DefaultValue("dry-run") Mode mode, @DefaultValue Twilio twilio) {

  public enum Mode {
    /** Recorded in the ledger as {@code DRY_RUN}, not sent. */
    DRY_RUN,
    /** Sent through Twilio. */
    LIVE
  }

  public SmsSettings {
    mode = mode == null ? Mode.DRY_RUN : mode;
    twilio = twilio == null ? Twilio.NONE : twilio;
    if (mode == Mode.LIVE) twilio.checkLive();
  }

  public boolean live() {
    return mode == Mode.LIVE;
  }

  /**
   * @param accountSid the Account SID ({@code AC} + 32 hex digits); the API user name
   * @param authToken the account's auth token: the API password, and the key of webhook signatures
   * @param from the sending number, E.164 ({@code +14155550100}); or else
   * @param messagingServiceSid the Messaging Service ({@code MG...}) that picks the sender
   * @param baseUrl where the SDK sends its API requests (scheme, host, port); another address (a
   *     proxy, a test double) takes every request the SDK would send to {@code https://api.twilio.com}
   * @param statusCallbackUrl where Twilio reports the delivery of each message; default {@code
   *     {abm.public-url}/webhooks/twilio/status}
   * @param helpText the reply to HELP / INFO
   */
  public record Twilio(
      String accountSid,
      String authToken,
      String from,
      String messagingServiceSid,
      @DefaultValue(DEFAULT_BASE_URL) String baseUrl,
      String statusCallbackUrl,
      @DefaultValue(DEFAULT_HELP_TEXT) String helpText) {

    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";
    public static final String DEFAULT_HELP_TEXT =
        "Texts from our sales team. Reply STOP to stop them, START to get them again.";
    /** The path of the status callback under {@code abm.public-url}. */
    public static final String STATUS_PATH = "/webhooks/twilio/status";

    static final Twilio NONE = new Twilio(null, null, null, null, DEFAULT_BASE_URL, null, DEFAULT_HELP_TEXT);

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    public Twilio {
      accountSid = blankToNull(accountSid);
      authToken = blankToNull(authToken);
      from = blankToNull(from);
      messagingServiceSid = blankToNull(messagingServiceSid);
      baseUrl = httpUrl(blankToNull(baseUrl) == null ? DEFAULT_BASE_URL : baseUrl, "abm.sms.twilio.base-url");
      statusCallbackUrl =
          statusCallbackUrl == null || statusCallbackUrl.isBlank()
              ? null
              : httpUrl(statusCallbackUrl, "abm.sms.twilio.status-callback-url");
      helpText = helpText == null || helpText.isBlank() ? DEFAULT_HELP_TEXT : helpText.strip();
      URI base = URI.create(baseUrl);
      if (!base.getRawPath().isEmpty() || base.getRawQuery() != null) {
        throw new IllegalArgumentException(
            "abm.sms.twilio.base-url is a scheme, host and port only (every API path goes to it as the SDK"
                + " builds it), such as http://localhost:8089; got '" + baseUrl + "'");
      }
      if (accountSid != null && !ACCOUNT_SID.matcher(accountSid).matches()) {
        throw new IllegalArgumentException(
            "abm.sms.twilio.account-sid must be a Twilio Account SID: AC followed by 32 hex digits; got '"
                + accountSid + "'");
      }
      if (from != null && !E164.matcher(from).matches()) {
        throw new IllegalArgumentException(
            "abm.sms.twilio.from must be a phone number in E.164 form, such as +14155550100; got '" + from + "'");
      }
      if (messagingServiceSid != null && !SERVICE_SID.matcher(messagingServiceSid).matches()) {
        throw new IllegalArgumentException(
            "abm.sms.twilio.messaging-service-sid must be a Messaging Service SID: MG followed by 32 hex digits;"
                + " got '" + messagingServiceSid + "'");
      }
      if (from != null && messagingServiceSid != null) {
        throw new IllegalArgumentException(
            "set abm.sms.twilio.from or abm.sms.twilio.messaging-service-sid, not both: with both, which"
                + " number a text goes out from would not be clear");
      }
    }

    /** Fails unless live mode has what it needs, naming the first missing property. */
    void checkLive() {
      if (accountSid == null) throw missing("abm.sms.twilio.account-sid", "the Twilio Account SID, AC...");
      if (authToken == null) throw missing("abm.sms.twilio.auth-token", "the account's auth token");
      if (from == null && messagingServiceSid == null) {
        throw missing(
            "abm.sms.twilio.from (or abm.sms.twilio.messaging-service-sid)",
            "the number texts go out from, E.164, or the Messaging Service MG...");
      }
    }

    /** Whom texts go out from, as the ledger's {@code sender} and the startup line show it. */
    public String sender() {
      return from != null ? from : messagingServiceSid;
    }

    /** The status callback URL: the configured one, else {@code publicUrl} + {@value #STATUS_PATH}. */
    public String statusCallbackUrl(String publicUrl) {
      return statusCallbackUrl != null ? statusCallbackUrl : stripSlash(publicUrl) + STATUS_PATH;
    }

    /** True when the SDK's requests go somewhere else than Twilio's own API host. */
    public boolean redirected() {
      return !stripSlash(baseUrl).equalsIgnoreCase(DEFAULT_BASE_URL);
    }

    /** Keeps the token out of logs and failure reports. */
    @Override
    public String toString() {
      return "Twilio[accountSid=" + accountSid + ", authToken=" + (authToken == null ? null : "****")
          + ", from=" + from + ", messagingServiceSid=" + messagingServiceSid + ", baseUrl=" + baseUrl
          + ", statusCallbackUrl=" + statusCallbackUrl + "]";
    }

    private static IllegalArgumentException missing(String property, String what) {
      return new IllegalArgumentException(
          "abm.sms.mode is live but " + property + " is not set (" + what + "); set it, or leave abm.sms.mode at"
              + " dry-run to record texts without sending them");
    }

    private static String httpUrl(String url, String property) {
      String value = stripSlash(url.strip());
      try {
        URI uri = new URI(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getFragment() == null) {
          return value;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          property + " must be an absolute http(s) URL, such as https://api.twilio.com; got '" + url + "'");
    }

    private static String stripSlash(String url) {
      String value = url;
      while (value.endsWith("/")) value = value.substring(0, value.length() - 1);
      return value;
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }
  }
}
