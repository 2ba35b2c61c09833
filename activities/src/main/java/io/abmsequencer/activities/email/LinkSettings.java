package io.abmsequencer.activities.email;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the links in e-mails point and how they are signed. Checked at startup: a malformed URL or
 * secret fails the application and the message names the property (and never shows the secret).
 *
 * <pre>
 * abm.public-url: https://abm.example.com          # served by the starter: /u/, /t/, /o/
 * abm.links.secret: ${ABM_LINKS_SECRET}            # openssl rand -base64 32
 * abm.links.previous-secrets: [ ... ]              # still accepted, never used to sign
 * </pre>
 *
 * @param publicUrl the base of every link in e-mails, without a trailing slash
 * @param links the signing keys
 */
@ConfigurationProperties("abm")
public record LinkSettings(@DefaultValue("http://localhost:8080") String publicUrl, @DefaultValue Links links) {

  /** HMAC-SHA256 keys shorter than this are refused. */
  public static final int MIN_SECRET_BYTES = 32;

  public LinkSettings {
    publicUrl = checkPublicUrl(publicUrl);
    links = links == null ? new Links(null, List.of()) : links;
  }

  /**
   * @param secret base64 of at least {@value #MIN_SECRET_BYTES} random bytes; when unset a key is
   *     generated once and stored in PostgreSQL ({@link LinkKeys})
   * @param previousSecrets keys from before a rotation: links signed with them still verify
   */
  public record Links(String secret, List<String> previousSecrets) {
    public Links {
      secret = secret == null || secret.isBlank() ? null : secret.strip();
      previousSecrets = previousSecrets == null ? List.of() : List.copyOf(previousSecrets);
      if (secret != null) decode(secret, "abm.links.secret");
      for (int i = 0; i < previousSecrets.size(); i++) {
        decode(previousSecrets.get(i), "abm.links.previous-secrets[" + i + "]");
      }
    }

    /** The configured signing key, or null when none is set. */
    public byte[] secretKey() {
      return secret == null ? null : decode(secret, "abm.links.secret");
    }

    public List<byte[]> previousKeys() {
      return previousSecrets.stream().map(s -> decode(s, "abm.links.previous-secrets")).toList();
    }
  }

  /** Standard or URL-safe base64, at least {@value #MIN_SECRET_BYTES} bytes. */
  static byte[] decode(String base64, String property) {
    String text = base64 == null ? "" : base64.strip();
    byte[] key;
    try {
      key = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text)
          : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + " is not base64 (generate one with: openssl rand -base64 32)");
    }
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          property + " must be at least " + MIN_SECRET_BYTES + " random bytes, base64-encoded; it has "
              + key.length + " (generate one with: openssl rand -base64 32)");
    }
    return key;
  }

  private static String checkPublicUrl(String url) {
    String value = url == null ? "" : url.strip();
    while (value.endsWith("/")) value = value.substring(0, value.length() - 1);
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return value;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "abm.public-url must be an absolute http(s) URL without query or fragment, such as"
            + " https://abm.example.com; got '" + url + "'");
  }
}
