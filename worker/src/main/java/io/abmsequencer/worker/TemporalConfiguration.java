package io.abmsequencer.worker;

import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.worker.codec.CodecSettings;
import io.abmsequencer.worker.codec.EncryptingCodec;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Temporal settings that are code, not properties. Everything else is {@code spring.temporal.*}
 * (see {@code abm-defaults.yaml}).
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(CodecSettings.class)
public class TemporalConfiguration {

  /**
   * Picked up by the Temporal starter for every client and worker (the bean name matters). With a
   * codec key, every payload (and failure message) is encrypted before it reaches Temporal.
   */
  @Bean
  public DataConverter mainDataConverter(CodecSettings codec) {
    if (!codec.enabled()) {
      if (!codec.plaintext()) {
        throw new IllegalStateException("No payload key (abm.codec.key, ABM_CODEC_KEY): contact names, e-mails and phones would be"
            + " stored in clear in Temporal. Set one (openssl rand -base64 32), or abm.codec.plaintext=true to store them in"
            + " clear on purpose.");
      }
      LoggerFactory.getLogger(TemporalConfiguration.class).warn(
          "Payloads are stored in clear in Temporal (abm.codec.plaintext=true): contact names, e-mails and phones included");
      return Payloads.dataConverter();
    }
    return new CodecDataConverter(Payloads.dataConverter(), List.of(payloadCodec(codec)), true);
  }

  /** The payload codec, also served to the Temporal UI by the codec endpoint; null without a key. */
  public static EncryptingCodec payloadCodec(CodecSettings codec) {
    return codec.enabled() ? new EncryptingCodec(codec.key(), codec.previousKeys()) : null;
  }
}
