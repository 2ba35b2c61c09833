package io.abmsequencer.worker.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The payload encryption keys: {@code abm.codec.key} encrypts, it and {@code
 * abm.codec.previous-keys} decrypt (rotation). Base64 of 32 random bytes each (AES-256), from the
 * environment ({@code ABM_CODEC_KEY}). No key: payloads are not encrypted (embedded mode's default,
 * whose in-process server keeps nothing anyway).
 *
 * @param corsOrigins origins of the Temporal UI allowed to call the codec endpoint
 */
@ConfigurationProperties("abm.codec")
public record CodecSettings(String key, List<String> previousKeys, List<String> corsOrigins) {
  public CodecSettings {
    previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    corsOrigins = corsOrigins == null ? List.of("http://localhost:8233", "http://localhost:8088") : List.copyOf(corsOrigins);
  }

  public boolean enabled() {
    return key != null && !key.isBlank();
  }
}
