package io.abmsequencer.worker.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The payload encryption keys: {@code abm.codec.key} encrypts, it and {@code
 * abm.codec.previous-keys} decrypt (rotation). Base64 of 32 random bytes each (AES-256), from the
 * environment ({@code ABM_CODEC_KEY}). Without a key the worker and the starter refuse to start,
 * since contact names, e-mails and phones would be stored in clear in Temporal, unless {@code
 * abm.codec.plaintext=true} says that is on purpose (embedded mode makes a key of its own).
 *
 * @param plaintext store payloads unencrypted on purpose when no key is set
 * @param corsOrigins origins of the Temporal UI allowed to call the codec endpoint; by default the
 *     UI on this machine (port 8233, or 8088 of older setups), by name and by address alike: a
 *     browser treats {@code http://localhost:8233} and {@code http://127.0.0.1:8233} as two origins,
 *     and a UI page whose origin is not allowed shows the payloads encrypted, without an error
 */
@ConfigurationProperties("abm.codec")
public record CodecSettings(String key, List<String> previousKeys, List<String> corsOrigins, boolean plaintext) {
  public static final List<String> DEFAULT_CORS_ORIGINS = List.of(
      "http://localhost:8233", "http://127.0.0.1:8233", "http://localhost:8088", "http://127.0.0.1:8088");

  public CodecSettings {
    previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    corsOrigins = corsOrigins == null ? DEFAULT_CORS_ORIGINS : List.copyOf(corsOrigins);
  }

  public boolean enabled() {
    return key != null && !key.isBlank();
  }
}
