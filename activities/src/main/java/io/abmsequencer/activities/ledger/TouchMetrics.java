package io.abmsequencer.activities.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counters for touches and provider failures. Works without a registry bean (this module does not
 * bring actuator): it then falls back to Micrometer's global registry.
 */
@Component
public class TouchMetrics {
  private final MeterRegistry registry;

  public TouchMetrics(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry.getIfUnique(() -> Metrics.globalRegistry);
  }

  /** {@code abm.touches{channel,status}}: one per touch that reached an outcome. */
  public void touch(Channel channel, String status) {
    Counter.builder("abm.touches")
        .description("Touches recorded in the ledger, by outcome")
        .tag("channel", channel.name())
        .tag("status", status)
        .register(registry)
        .increment();
  }

  /** {@code abm.provider.errors{channel,code}}: provider calls that failed (code = failure type). */
  public void providerError(Channel channel, String code) {
    Counter.builder("abm.provider.errors")
        .description("Failed provider calls, by failure type")
        .tag("channel", channel.name())
        .tag("code", code)
        .register(registry)
        .increment();
  }

  /**
   * {@code abm.deferrals{channel,reason}}: touches put off by a sending cap (reason = the cap, e.g.
   * {@code per-sender}, {@code per-contact}); each deferral is counted once, by the cap that set its
   * time.
   */
  public void deferral(Channel channel, String reason) {
    Counter.builder("abm.deferrals")
        .description("Touches deferred by a sending cap, by cap")
        .tag("channel", channel.name())
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
