package io.abmsequencer.starter.testsupport;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.Ledger;
import io.abmsequencer.activities.ledger.TouchMetrics;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Touches for the tests that read the ledger (scorecard, inbound matching), written the way the
 * worker writes them: through the activities' {@link Ledger} (begin, then the outcome), so the
 * touches INSERT stays in one place and a schema change reaches these tests too.
 */
public final class LedgerTouches {
  private final Ledger ledger;

  public LedgerTouches(JdbcClient jdbc) {
    this.ledger = new Ledger(jdbc, new TouchMetrics(new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class)));
  }

  /** A touch of {@code channel} to {@code contactId} that ended {@code status}; no recipient, no content. */
  public TouchRow write(TouchKey key, String accountId, Channel channel, TouchStatus status) {
    return write(key, accountId, channel, status, null, null, null, null);
  }

  /** A touch begun with what the provider call carries, then ended {@code status}. */
  public TouchRow write(
      TouchKey key,
      String accountId,
      Channel channel,
      TouchStatus status,
      String recipient,
      String sender,
      String subject,
      String messageId) {
    ledger.begin(key, accountId, channel, recipient, sender, subject, null, messageId, null);
    return ledger.complete(key, status, messageId, null);
  }
}
