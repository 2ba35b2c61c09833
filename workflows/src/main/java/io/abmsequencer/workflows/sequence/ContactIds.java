package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Contact ids are derived from the e-mail address (trimmed, lower case) so the same person has the
 * same id in every sequence, and ids in keys, Message-IDs and Temporal's UI carry no PII.
 */
public final class ContactIds {
  private ContactIds() {}

  public static String of(String email) {
    String normalised = email.trim().toLowerCase(Locale.ROOT);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
      return "c-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
