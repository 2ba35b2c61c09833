package io.abmsequencer.activities;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The activities module as an app that uses it would see it: Boot auto-configures the DataSource,
 * Flyway, JdbcClient and JavaMailSender; the beans come from the component scan.
 */
@SpringBootApplication
public class ActivitiesTestApp {

  /** Lets tests read the counters (this module brings no actuator, so Boot adds no registry). */
  @Bean
  SimpleMeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }
}
