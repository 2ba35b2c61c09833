package io.abmsequencer.starter;

import io.abmsequencer.starter.embedded.EmbeddedWorker;
import io.abmsequencer.worker.RepositoriesConfiguration;
import io.abmsequencer.worker.TemporalConfiguration;
import io.abmsequencer.worker.SearchAttributesRegistration;
import io.abmsequencer.worker.TemporalConnectionCheck;
import io.abmsequencer.worker.TemporalHealthIndicator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * ABM Sequencer: REST API, webhooks and (in embedded mode, the default) everything else in one
 * process — an in-process Temporal server, the worker, PostgreSQL and an SMTP server. In production
 * mode (Temporal configured) it is a Temporal client only: the worker app runs the workflows and
 * activities ({@link EmbeddedWorker}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({TemporalConfiguration.class, RepositoriesConfiguration.class, EmbeddedWorker.class, TemporalHealthIndicator.class, TemporalConnectionCheck.class,
    SearchAttributesRegistration.class})
public class StarterApplication {
  public static void main(String[] args) {
    SpringApplication.run(StarterApplication.class, args);
  }
}
