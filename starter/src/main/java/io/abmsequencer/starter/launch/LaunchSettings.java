package io.abmsequencer.starter.launch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code abm.launch.*}: how many threads start the accounts of a bulk launch. Each holds a database
 * connection while it records what it started, so the value must leave room in the pool.
 */
@ConfigurationProperties("abm.launch")
public record LaunchSettings(@DefaultValue("8") int threads) {
  public LaunchSettings {
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("abm.launch.threads must be between 1 and 64 (was " + threads + ")");
    }
  }
}
