package io.abmsequencer.worker;

import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.worker.codec.CodecSettings;
import io.abmsequencer.worker.codec.EncryptingCodec;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import java.util.List;
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
    if (!codec.enabled()) return Payloads.dataConverter();
    return new CodecDataConverter(Payloads.dataConverter(), List.of(payloadCodec(codec)), true);
  }

  /** The payload codec, also served to the Temporal UI by the codec endpoint; null without a key. */
  public static EncryptingCodec payloadCodec(CodecSettings codec) {
    return codec.enabled() ? new EncryptingCodec(codec.key(), codec.previousKeys()) : null;
  }
}
