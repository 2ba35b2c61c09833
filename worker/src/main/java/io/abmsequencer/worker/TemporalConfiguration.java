package io.abmsequencer.worker;

import io.abmsequencer.workflows.sequence.Payloads;
import io.temporal.common.converter.DataConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Temporal settings that are code, not properties. Everything else is {@code spring.temporal.*}
 * (see {@code abm-defaults.yaml}).
 */
@Configuration(proxyBeanMethods = false)
public class TemporalConfiguration {

  /** Picked up by the Temporal starter for every client and worker (the bean name matters). */
  @Bean
  public DataConverter mainDataConverter() {
    return Payloads.dataConverter();
  }
}
