package io.abmsequencer.activities.email;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The keys {@link LinkTokens} signs and verifies with.
 *
 * <p>With {@code abm.links.secret} set, that key signs; it, the {@code previous-secrets} and a key
 * generated earlier by this installation (if the table holds one) verify — so moving from the
 * generated key to a configured one does not break the unsubscribe links already in inboxes.
 * Delete the row of {@code link_secrets} to retire the generated key.
 *
 * <p>Without it, a random key is generated once and stored in PostgreSQL (table {@code
 * link_secrets}): links keep working after a restart and every process of the installation shares
 * the key. Two processes starting at once agree on one key ({@code on conflict do nothing}, then
 * read back).
 *
 * <p>Resolved on first use, not at startup, so a process that never makes or checks a link never
 * touches the table.
 */
@Component
public class LinkKeys {
  private static final Logger log = LoggerFactory.getLogger(LinkKeys.class);
  private static final String NAME = "links";

  /** @param verifying the signing key first */
  record Keys(byte[] signing, List<byte[]> verifying) {}

  private final LinkSettings.Links settings;
  private final JdbcClient jdbc;
  private volatile Keys keys;

  public LinkKeys(LinkSettings settings, JdbcClient jdbc) {
    this.settings = settings.links();
    this.jdbc = jdbc;
  }

  Keys keys() {
    Keys resolved = keys;
    if (resolved == null) {
      synchronized (this) {
        resolved = keys;
        if (resolved == null) {
          resolved = load();
          keys = resolved;
        }
      }
    }
    return resolved;
  }

  private Keys load() {
    byte[] configured = settings.secretKey();
    List<byte[]> verifying = new ArrayList<>();
    byte[] signing;
    if (configured != null) {
      signing = configured;
      verifying.add(signing);
      verifying.addAll(settings.previousKeys());
      stored().ifPresent(generated -> verifying.add(generated));
    } else {
      signing = storedOrCreated();
      verifying.add(signing);
      verifying.addAll(settings.previousKeys());
      log.warn(
          "abm.links.secret is not set: e-mail links (unsubscribe, click, open) are signed with a key"
              + " generated for this installation and stored in its database (table link_secrets)."
              + " In production set abm.links.secret (openssl rand -base64 32).");
    }
    return new Keys(signing, distinct(verifying));
  }

  private Optional<byte[]> stored() {
    return jdbc.sql("select secret from link_secrets where name = :name")
        .param("name", NAME)
        .query((rs, n) -> rs.getBytes("secret"))
        .optional();
  }

  private byte[] storedOrCreated() {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    jdbc.sql("insert into link_secrets (name, secret) values (:name, :secret) on conflict (name) do nothing")
        .param("name", NAME)
        .param("secret", fresh)
        .update();
    // Another process may have won the insert: everyone uses the stored key.
    return stored().orElseThrow(() -> new IllegalStateException("link_secrets lost its key"));
  }

  private static List<byte[]> distinct(List<byte[]> keys) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] key : keys) {
      if (out.stream().noneMatch(k -> MessageDigest.isEqual(k, key))) out.add(key);
    }
    return List.copyOf(out);
  }
}
