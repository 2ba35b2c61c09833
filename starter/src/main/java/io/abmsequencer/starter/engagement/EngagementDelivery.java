package io.abmsequencer.starter.engagement;

import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.workflows.sequence.EngagementBatch;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers stored engagement to running sequences as coalesced batches — one signal per account
 * per flush, never one per click — so a sequence's history stays bounded whatever the traffic.
 * High-intent events are flushed at once by {@link EngagementService}. A batch that could not be
 * delivered keeps its id and is retried on the next flush; sequences drop batches they applied.
 */
@Component
public class EngagementDelivery {
  private static final Logger log = LoggerFactory.getLogger(EngagementDelivery.class);
  private static final int CLAIM_LIMIT = 10_000;

  private final EngagementEvents events;
  private final SequenceRepository sequences;
  private final SequenceClient client;

  public EngagementDelivery(EngagementEvents events, SequenceRepository sequences, SequenceClient client) {
    this.events = events;
    this.sequences = sequences;
    this.client = client;
  }

  @Scheduled(fixedDelayString = "${abm.engagement.flush-interval:5s}", initialDelayString = "${abm.engagement.flush-interval:5s}")
  void flushAll() {
    try {
      deliver(null);
    } catch (RuntimeException e) {
      log.warn("Engagement delivery failed; retrying on the next flush: {}", e.getMessage());
    }
  }

  /** Claims and delivers pending engagement, of one account or of all (null); returns batches delivered. */
  public synchronized int deliver(String accountId) {
    events.claim("b-" + UUID.randomUUID() + "-", accountId, CLAIM_LIMIT);
    int delivered = 0;
    for (EngagementEvents.Batch batch : events.pendingBatches(accountId)) {
      if (deliverBatch(batch)) {
        events.delivered(batch.batchId());
        delivered++;
      }
    }
    return delivered;
  }

  /** True when every running sequence of the account has the batch (or none is running). */
  private boolean deliverBatch(EngagementEvents.Batch batch) {
    EngagementBatch signal = new EngagementBatch(batch.batchId(), batch.counts(), batch.lastEventAt());
    // One just ended, or between two runs of a continue-as-new, or not reached: the next flush tells which.
    return client.signalEach("engagement batch " + batch.batchId(), sequences.runningForAccount(batch.accountId()), SequenceRow::workflowId,
        (s, row) -> s.engagement(signal)).all();
  }
}
