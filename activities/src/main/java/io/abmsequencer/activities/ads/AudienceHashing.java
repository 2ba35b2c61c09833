package io.abmsequencer.activities.ads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the ad platforms match people on: SHA-256 (lower-case hex) of the normalised e-mail address
 * and of the E.164 phone number. Only these hashes leave the system and only they are stored with an
 * audience membership.
 *
 * <p>E-mail: every whitespace removed and lower-cased (Google's Data Manager rules, which include
 * LinkedIn's trim-and-lower-case). Phone: E.164, a {@code +} and 8 to 15 digits; common punctuation
 * is dropped, anything else is not a phone number the platforms could match.
 */
public final class AudienceHashing {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

  private AudienceHashing() {}

  /** The address as the platforms want it hashed, or null when there is none. */
  public static String normalizeEmail(String email) {
    if (email == null) return null;
    String normalized = WHITESPACE.matcher(email).replaceAll("").toLowerCase(Locale.ROOT);
    return normalized.isEmpty() ? null : normalized;
  }

  /** The number in E.164 form, or null when it cannot be one. */
  public static String normalizePhone(String phone) {
    if (phone == null) return null;
    String normalized = phone.replaceAll("[\\s().\\-]", "");
    return E164.matcher(normalized).matches() ? normalized : null;
  }

  /** SHA-256 hex of the normalised e-mail address; null when there is none. */
  public static String emailSha256(String email) {
    String normalized = normalizeEmail(email);
    return normalized == null ? null : sha256Hex(normalized);
  }

  /** SHA-256 hex of the E.164 number; null when {@code phone} is missing or not E.164. */
  public static String phoneSha256(String phone) {
    String normalized = normalizePhone(phone);
    return normalized == null ? null : sha256Hex(normalized);
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes. */
  public static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
