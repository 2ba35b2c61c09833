package io.abmsequencer.activities.email;

import io.abmsequencer.workflows.channels.TouchKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signed tokens for the links in e-mails: unsubscribe ({@code {public-url}/u/{token}}), click
 * redirects ({@code /t/{token}}) and the open pixel ({@code /o/{token}.gif}); the starter serves
 * those paths and calls the {@code verify*} methods.
 *
 * <p>A token is {@code base64url(payload) "." base64url(HMAC-SHA256)}, without padding. The payload
 * holds ids only — contact ids and touch keys, which carry no PII — plus, for a click, the target
 * URL: the redirect goes only where the signature says, so a changed target is refused rather than
 * followed (no open redirect). The MAC covers the kind of token ({@code unsubscribe}, {@code
 * click}, {@code open}) as well as the payload, so one kind can never pass as another. Tokens are
 * deterministic (the same input gives the same token under the same key), which keeps a re-sent
 * e-mail identical to the first copy. They do not expire: an unsubscribe link must keep working
 * long after the e-mail was sent.
 *
 * <p>Keys: {@link LinkKeys}. Verification compares MACs in constant time and tries the current key,
 * then the previous ones.
 */
@Component
public class LinkTokens {
  private static final byte VERSION = 1;
  private static final String HMAC = "HmacSHA256";
  /** Far above any real token; refuses absurd input before doing any work. */
  private static final int MAX_TOKEN_LENGTH = 8192;

  /** What a click token says: which touch the link was in, and where it goes. */
  public record Click(TouchKey key, String url) {
    /** {@link TouchKey#value()} of the touch. */
    public String touchKey() {
      return key.value();
    }

    public String workflowId() {
      return key.workflowId();
    }

    public String stepKey() {
      return key.stepKey();
    }

    public String contactId() {
      return key.contactId();
    }
  }

  private enum Kind {
    UNSUBSCRIBE("unsubscribe"),
    CLICK("click"),
    OPEN("open"),
    MESSAGE_ID("message-id");

    final byte[] purpose;

    Kind(String name) {
      this.purpose = ("abm-link/" + name + "\n").getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final String publicUrl;
  private final LinkKeys keys;

  public LinkTokens(LinkSettings settings, LinkKeys keys) {
    this.publicUrl = settings.publicUrl();
    this.keys = keys;
  }

  /** {@code abm.public-url}, without a trailing slash. */
  public String publicUrl() {
    return publicUrl;
  }

  public String unsubscribeToken(String contactId) {
    return sign(Kind.UNSUBSCRIBE, payload(required(contactId, "contactId")));
  }

  /** The contact id an unsubscribe token was made for; empty when the token is not genuine. */
  public Optional<String> verifyUnsubscribe(String token) {
    return verify(Kind.UNSUBSCRIBE, token, 1).map(fields -> fields.get(0));
  }

  /** @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL */
  public String clickToken(TouchKey key, String url) {
    if (!isHttp(url)) throw new IllegalArgumentException("only http(s) links can be tracked: " + url);
    return sign(Kind.CLICK, payload(key.workflowId(), key.stepKey(), key.contactId(), url));
  }

  /** The touch and target of a click token; empty when the token is not genuine. */
  public Optional<Click> verifyClick(String token) {
    return verify(Kind.CLICK, token, 4)
        .filter(fields -> isHttp(fields.get(3)))
        .map(fields -> new Click(new TouchKey(fields.get(0), fields.get(1), fields.get(2)), fields.get(3)));
  }

  public String openToken(TouchKey key) {
    return sign(Kind.OPEN, payload(key.workflowId(), key.stepKey(), key.contactId()));
  }

  /**
   * The touch an open token was made for; empty when the token is not genuine. Takes the token with
   * or without the pixel's {@code .gif} suffix.
   */
  public Optional<TouchKey> verifyOpen(String token) {
    String bare = token != null && token.endsWith(".gif") ? token.substring(0, token.length() - 4) : token;
    return verify(Kind.OPEN, bare, 3).map(fields -> new TouchKey(fields.get(0), fields.get(1), fields.get(2)));
  }

  /**
   * The Message-ID of a touch: {@code <first 32 hex digits of HMAC(key, touch key)@domain>}. The
   * same touch always gives the same id (a re-send after a crash is recognisable as a duplicate),
   * and it is proof of our e-mail: nobody without the key can compute it from ids they may guess
   * (account, step, a contact id derived from the address), so a bounce or a reply that names it
   * refers to a message we really sent. The ledger keeps the id on the first attempt, so a changed
   * key never changes the id of a touch already begun.
   */
  public String messageId(TouchKey key, String domain) {
    byte[] tag = mac(keys.keys().signing(), Kind.MESSAGE_ID, key.value().getBytes(StandardCharsets.UTF_8));
    return "<" + HexFormat.of().formatHex(tag, 0, 16) + "@" + required(domain, "domain") + ">";
  }

  public String unsubscribeUrl(String contactId) {
    return publicUrl + "/u/" + unsubscribeToken(contactId);
  }

  public String clickUrl(TouchKey key, String url) {
    return publicUrl + "/t/" + clickToken(key, url);
  }

  public String openPixelUrl(TouchKey key) {
    return publicUrl + "/o/" + openToken(key) + ".gif";
  }

  /** True for the links this class makes (unsubscribe, click, open): they are never tracked again. */
  public boolean isOwnLink(String url) {
    return url.startsWith(publicUrl + "/u/") || url.startsWith(publicUrl + "/t/") || url.startsWith(publicUrl + "/o/");
  }

  /** The token of a click URL made by {@link #clickUrl}, or empty for any other URL. */
  public Optional<String> clickTokenOf(String url) {
    String prefix = publicUrl + "/t/";
    return url.startsWith(prefix) ? Optional.of(url.substring(prefix.length())) : Optional.empty();
  }

  // ---- the format ---------------------------------------------------------------------------

  private String sign(Kind kind, byte[] payload) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return base64.encodeToString(payload) + "." + base64.encodeToString(mac(keys.keys().signing(), kind, payload));
  }

  private Optional<List<String>> verify(Kind kind, String token, int fieldCount) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) return Optional.empty();
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) return Optional.empty();
    byte[] payload = canonicalBase64(token.substring(0, dot));
    byte[] tag = canonicalBase64(token.substring(dot + 1));
    if (payload == null || tag == null) return Optional.empty();
    boolean genuine = false;
    for (byte[] key : keys.keys().verifying()) {
      // Constant time: how much of a forged tag matches reveals nothing.
      genuine |= MessageDigest.isEqual(mac(key, kind, payload), tag);
    }
    return genuine ? fields(payload, fieldCount) : Optional.empty();
  }

  /**
   * The bytes of unpadded base64url text, or null. Only the one spelling {@link #sign} produces is
   * taken: the decoder ignores the unused bits of a last character, so without this check a token
   * would have several spellings that all verify.
   */
  private static byte[] canonicalBase64(String text) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(text);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text) ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] mac(byte[] key, Kind kind, byte[] payload) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      mac.update(kind.purpose);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has " + HMAC, e);
    }
  }

  /** A version byte, then each field as length-prefixed UTF-8, so no separator can be smuggled in. */
  private static byte[] payload(String... fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      for (String field : fields) out.writeUTF(field);
    } catch (IOException e) {
      // writeUTF refuses fields over 64 KB; nothing else can fail on a byte array.
      throw new UncheckedIOException("a link field is too long to sign", e);
    }
    return bytes.toByteArray();
  }

  private static Optional<List<String>> fields(byte[] payload, int count) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      if (in.readByte() != VERSION) return Optional.empty();
      String[] fields = new String[count];
      for (int i = 0; i < count; i++) fields[i] = in.readUTF();
      return in.available() == 0 ? Optional.of(List.of(fields)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String required(String value, String name) {
    if (value == null || value.isEmpty()) throw new IllegalArgumentException(name + " is required");
    return value;
  }

  private static boolean isHttp(String url) {
    if (url == null) return false;
    String lower = url.toLowerCase(Locale.ROOT);
    return (lower.startsWith("http://") || lower.startsWith("https://")) && url.length() > lower.indexOf("//") + 2;
  }
}
