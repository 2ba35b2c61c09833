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
    increment("abm.touches", "Touches recorded in the ledger, by outcome", "channel", channel.name(), "status", status);
  }

  /** {@code abm.provider.errors{channel,code}}: provider calls that failed (code = failure type). */
  public void providerError(Channel channel, String code) {
    increment("abm.provider.errors", "Failed provider calls, by failure type", "channel", channel.name(), "code", code);
  }

  /**
   * {@code abm.deferrals{channel,reason}}: touches put off by a sending cap (reason = the cap, e.g.
   * {@code per-sender}, {@code per-contact}; or {@code sender-paused}, see {@code SenderPauses}); each
   * deferral is counted once, by the cap that set its time.
   */
  public void deferral(Channel channel, String reason) {
    increment("abm.deferrals", "Touches deferred by a sending cap or a paused sender, by reason", "channel", channel.name(), "reason", reason);
  }

  /**
   * {@code abm.policy.blocks{channel,sender}}: messages a provider refused by policy (SMTP 5.7.x:
   * relay access denied, DMARC, spam policy). Worth an alert on any increase: the refusal is about
   * how we send, and every e-mail from that sender meets it until someone fixes the cause.
   */
  public void policyBlock(Channel channel, String sender) {
    increment("abm.policy.blocks", "Messages refused by the provider's policy (SMTP 5.7.x), by sender",
        "channel", channel.name(), "sender", sender);
  }

  /** {@code abm.sender.pauses{channel,sender}}: senders paused by a burst of policy refusals. */
  public void senderPaused(Channel channel, String sender) {
    increment("abm.sender.pauses", "Senders paused by a burst of policy refusals", "channel", channel.name(), "sender", sender);
  }

  private void increment(String name, String description, String... tags) {
    Counter.builder(name).description(description).tags(tags).register(registry).increment();
  }
}
