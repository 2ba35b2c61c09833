package io.abmsequencer.starter.sms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook request as Twilio does, written from its documentation rather than with the SDK,
 * so the tests check the SDK's validator against the scheme and not against itself: the full URL,
 * then each POST parameter's name and value sorted by name, HMAC-SHA1 keyed with the auth token,
 * base64.
 */
final class TwilioSignature {
  private TwilioSignature() {}

  static String of(String url, Map<String, String> form, String authToken) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
