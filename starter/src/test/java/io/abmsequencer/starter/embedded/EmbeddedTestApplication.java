package io.abmsequencer.starter.embedded;

import io.abmsequencer.starter.testsupport.CommandLine;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A minimal app with the embedded infrastructure (picked up from {@code META-INF/spring.factories},
 * as in the product). Its {@code main} is run in a separate JVM by {@link EmbeddedJvmExitTest}.
 */
@SpringBootApplication
public class EmbeddedTestApplication {

  /** Makes the context fail after the infrastructure has started, as a broken bean would. */
  static final String FAIL_ON_START = "abm.test.fail-on-start";

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(EmbeddedTestApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.run(args);
  }

  /** All pieces on free ports with a throw-away data directory, changed by {@code extra} arguments. */
  static ConfigurableApplicationContext start(String... extra) {
    return new SpringApplicationBuilder(EmbeddedTestApplication.class)
        .web(WebApplicationType.NONE)
        .run(args(extra));
  }

  static String[] args(String... extra) {
    return CommandLine.overriding(
            List.of(
                // Only these arguments configure the app: no application.yml of the product.
                "--spring.config.name=abm-embedded-test",
                "--abm.embedded.temporal.port=0",
                // The in-memory server unless a test asks for the dev server.
                "--abm.embedded.temporal.server=in-memory",
                "--abm.embedded.postgres.port=0",
                "--abm.embedded.postgres.data-dir=temp",
                "--abm.embedded.smtp.port=0",
                "--abm.embedded.imap.port=0"),
            extra);
  }

  @Bean
  @ConditionalOnProperty(FAIL_ON_START)
  Object failingBean() {
    throw new IllegalStateException("a bean failed on purpose (" + FAIL_ON_START + ")");
  }
}
