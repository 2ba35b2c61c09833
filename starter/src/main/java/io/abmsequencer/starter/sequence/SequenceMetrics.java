package io.abmsequencer.starter.sequence;

import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code abm.sequences{status}}: how many sequences are in each status, from the read model. Read
 * at most every few seconds whatever the scrape rate, so Prometheus never loads the database.
 */
@Component
class SequenceMetrics implements MeterBinder {
  private static final Duration FRESH = Duration.ofSeconds(10);

  private final SequenceRepository sequences;
  private volatile Map<SequenceStatusCode, Long> counts = Map.of();
  private volatile Instant readAt = Instant.EPOCH;

  SequenceMetrics(SequenceRepository sequences) {
    this.sequences = sequences;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (SequenceStatusCode status : SequenceStatusCode.values()) {
      Gauge.builder("abm.sequences", () -> count(status))
          .tag("status", status.name())
          .description("Sequences in this status (the read model)")
          .register(registry);
    }
  }

  private synchronized double count(SequenceStatusCode status) {
    if (Instant.now().isAfter(readAt.plus(FRESH))) {
      counts = sequences.countByStatus();
      readAt = Instant.now();
    }
    return counts.getOrDefault(status, 0L);
  }
}
