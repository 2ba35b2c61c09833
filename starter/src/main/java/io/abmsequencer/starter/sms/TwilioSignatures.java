package io.abmsequencer.starter.sms;

import com.twilio.security.RequestValidator;
import io.abmsequencer.activities.email.LinkSettings;
import io.abmsequencer.activities.sms.SmsSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's {@link RequestValidator}: an HMAC-SHA1, keyed with
 * the account's auth token, of the URL Twilio called followed by the POST parameters sorted by
 * name. The URL is the one we gave Twilio, built from configuration ({@code abm.public-url} + the
 * path, or {@code abm.sms.twilio.status-callback-url}), never from the request's Host header, so a
 * proxy in front of the starter changes nothing and a forged Host cannot make a signature fit.
 */
@Component
class TwilioSignatures {
  static final String HEADER = "X-Twilio-Signature";

  private static final Logger log = LoggerFactory.getLogger(TwilioSignatures.class);

  private final RequestValidator validator;
  private final String inboundUrl;
  private final String statusUrl;

  TwilioSignatures(SmsSettings settings, LinkSettings links) {
    String token = settings.twilio().authToken();
    this.validator = token == null ? null : new RequestValidator(token);
    this.inboundUrl = links.publicUrl() + TwilioWebhookController.INBOUND;
    this.statusUrl = settings.twilio().statusCallbackUrl(links.publicUrl());
    if (validator == null) {
      log.info("Twilio webhooks: abm.sms.twilio.auth-token is not set, so their signatures cannot be checked;"
          + " every request to {} and {} is refused (403)", inboundUrl, statusUrl);
    }
  }

  /** Null when the inbound-text webhook request is Twilio's; else why it is refused. */
  String inboundRefusal(HttpServletRequest request, Map<String, String> form) {
    return refusal(inboundUrl, request, form);
  }

  /** Null when the status-callback request is Twilio's; else why it is refused. */
  String statusRefusal(HttpServletRequest request, Map<String, String> form) {
    return refusal(statusUrl, request, form);
  }

  /** In words for whoever wires the webhook up; nothing in them helps a forger. */
  private String refusal(String configuredUrl, HttpServletRequest request, Map<String, String> form) {
    if (validator == null) {
      return "abm.sms.twilio.auth-token is not set, so Twilio's signatures cannot be checked: every webhook request is refused";
    }
    String signature = request.getHeader(HEADER);
    if (signature == null || signature.isBlank()) return HEADER + " is missing: Twilio signs every webhook request it sends";
    String url = configuredUrl.indexOf('?') < 0 && request.getQueryString() != null
        ? configuredUrl + "?" + request.getQueryString()
        : configuredUrl;
    return validator.validate(url, form, signature) ? null
        : HEADER + " does not match this request: Twilio signs " + url + " and the POST parameters with the account's auth token";
  }

  /**
   * The POST parameters, one value each (Twilio sends each name once). Query parameters are part of
   * the signed URL, not of the signed parameters, so names that come only from the query are left out.
   */
  static Map<String, String> form(HttpServletRequest request) {
    Set<String> queryOnly = new HashSet<>();
    if (request.getQueryString() != null) {
      for (String pair : request.getQueryString().split("&")) {
        int eq = pair.indexOf('=');
        queryOnly.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8));
      }
    }
    Map<String, String> form = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, values) -> {
      if (values.length == 0) return;
      if (queryOnly.contains(name) && values.length == 1) return;
      form.put(name, values[values.length - 1]);
    });
    return form;
  }
}
