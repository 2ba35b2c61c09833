package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.ads.AudiencePlatform.Accepted;
import io.abmsequencer.activities.ads.AudiencePlatform.Outcome;
import io.abmsequencer.activities.ads.AudiencePlatform.Refused;
import io.abmsequencer.activities.ads.AudiencePlatform.RetryLater;
import io.abmsequencer.activities.ads.AudienceSteps.Step;
import io.abmsequencer.activities.ads.PendingChanges.Change;
import io.abmsequencer.activities.ads.PendingChanges.Group;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchMetrics;
import io.abmsequencer.workflows.playbook.AdPlatform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the pending audience changes every {@code abm.ads.batch-interval}: per platform and
 * audience, in batches up to the platform's limit (LinkedIn 5,000, Google 10,000), each batch
 * claimed {@code FOR UPDATE SKIP LOCKED} in its own transaction, so several worker processes can
 * run it. In dry-run mode it marks the rows without calling anything.
 *
 * <p>429, 5xx and I/O errors leave the rows pending until {@code Retry-After} (else an exponential
 * backoff up to {@link #MAX_BACKOFF}) and hold the platform's other batches until then: a platform
 * down for an hour delays a sync, never loses it. 401, 403, 400 and other refusals mark the rows
 * FAILED with the platform's message, count {@code abm.provider.errors{channel=ADS,code}}, and put
 * the message on the step's ledger row ({@link AudienceSteps}).
 */
@WorkerSide
@Component
public class AudienceFlusher {
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

  private static final Logger log = LoggerFactory.getLogger(AudienceFlusher.class);

  /** What one flush did. @param requests batches sent per platform (segment creation not counted) */
  public record FlushReport(Map<AdPlatform, Integer> requests, int done, int failed, int waiting) {}

  private record Batch(int claimed, boolean stopGroup, boolean stopPlatform) {
    static final Batch NONE = new Batch(0, true, false);
  }

  private final AdsSettings settings;
  private final PendingChanges pending;
  private final AudienceSteps steps;
  private final List<AudiencePlatform> platforms;
  private final TouchMetrics metrics;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Map<AdPlatform, Instant> busyUntil = new ConcurrentHashMap<>();

  public AudienceFlusher(
      AdsSettings settings,
      PendingChanges pending,
      AudienceSteps steps,
      ObjectProvider<AudiencePlatform> platforms,
      TouchMetrics metrics,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.settings = settings;
    this.pending = pending;
    this.steps = steps;
    this.platforms = platforms.orderedStream().toList();
    this.metrics = metrics;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
    log.info("Ad audiences: {}", settings.describe());
  }

  /** One flush that logs instead of throwing: what the schedule ({@link AdsConfiguration}) runs. */
  public void flush() {
    try {
      flushNow();
    } catch (RuntimeException e) {
      log.warn("Ad audience flush stopped; the next one picks up where it left: {}", e.toString());
    }
  }

  /** One flush, now (what the schedule runs; tests call it directly). */
  public synchronized FlushReport flushNow() {
    Map<AdPlatform, Integer> requests = new EnumMap<>(AdPlatform.class);
    int[] counts = new int[3]; // done, failed, waiting
    Set<Step> troubled = new LinkedHashSet<>();
    for (AudiencePlatform platform : platforms) {
      Instant busy = busyUntil.get(platform.platform());
      if (busy != null && clock.instant().isBefore(busy)) continue;
      groups:
      for (Group group : pending.due(platform.platform(), clock.instant())) {
        while (true) {
          Batch batch = transaction.execute(status -> sendBatch(platform, group, requests, counts, troubled));
          if (batch.stopPlatform()) break groups;
          if (batch.stopGroup() || batch.claimed() < platform.batchLimit()) break;
        }
      }
    }
    if (settings.live()) {
      List<Step> settled = transaction.execute(status -> steps.settle(clock.instant()));
      troubled.removeAll(settled);
      transaction.executeWithoutResult(status -> steps.report(troubled));
    }
    return new FlushReport(Map.copyOf(requests), counts[0], counts[1], counts[2]);
  }

  private Batch sendBatch(AudiencePlatform platform, Group group, Map<AdPlatform, Integer> requests, int[] counts, Set<Step> troubled) {
    AdPlatform p = platform.platform();
    Instant now = clock.instant();
    List<Change> claimed = pending.claim(p, group, now, platform.batchLimit());
    if (claimed.isEmpty()) return Batch.NONE;
    List<String> ids = claimed.stream().map(Change::contactId).toList();
    if (!settings.live()) {
      pending.done(p, group, ids, now);
      counts[0] += ids.size();
      return new Batch(ids.size(), false, false);
    }

    Outcome outcome = platform.send(group.audience(), group.action(), claimed);
    requests.merge(p, 1, Integer::sum);
    String what = ids.size() + " " + group.action().name().toLowerCase(Locale.ROOT) + "s of audience '" + group.audience() + "'";
    if (outcome instanceof Accepted accepted) {
      Set<String> notDone = new HashSet<>(accepted.refused().keySet());
      notDone.addAll(accepted.retry());
      pending.done(p, group, ids.stream().filter(id -> !notDone.contains(id)).toList(), now);
      counts[0] += ids.size() - notDone.size();
      accepted.refused().entrySet().stream()
          .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())))
          .forEach((error, refused) -> {
            pending.failed(p, group, refused, error, now);
            metrics.providerError(Channel.ADS, p.name() + "_MEMBER");
            log.warn("{} refused {} of {}: {}", StepProgress.name(p), refused.size(), what, error);
          });
      counts[1] += accepted.refused().size();
      if (!accepted.retry().isEmpty()) {
        pending.retryLater(p, group, accepted.retry(), now.plus(backoff(claimed)), StepProgress.name(p) + " could not take them yet", now);
        counts[2] += accepted.retry().size();
      }
      log.info("{} took {} ({} refused, {} to retry)", StepProgress.name(p), what, accepted.refused().size(), accepted.retry().size());
      if (!notDone.isEmpty()) troubled.addAll(steps(claimed));
      return new Batch(ids.size(), false, false);
    }
    troubled.addAll(steps(claimed));
    if (outcome instanceof RetryLater later) {
      Instant notBefore = later.notBefore() != null && later.notBefore().isAfter(now) ? later.notBefore() : now.plus(backoff(claimed));
      pending.retryLater(p, group, ids, notBefore, later.reason(), now);
      counts[2] += ids.size();
      if (later.code() != null) {
        metrics.providerError(Channel.ADS, later.code());
        log.warn("{}: {} wait until {}", later.reason(), what, notBefore);
      }
      if (later.platformBusy()) busyUntil.put(p, notBefore);
      return new Batch(ids.size(), true, later.platformBusy());
    }
    Refused refused = (Refused) outcome;
    pending.failed(p, group, ids, refused.message(), now);
    counts[1] += ids.size();
    metrics.providerError(Channel.ADS, refused.code());
    log.warn("{}: {} marked FAILED", refused.message(), what);
    return new Batch(ids.size(), false, false);
  }

  /** 30 s, 1 min, 2 min, ... up to 15 min, by how often the batch's rows were tried already. */
  static Duration backoff(List<Change> claimed) {
    int attempts = claimed.stream().mapToInt(Change::attempts).max().orElse(0);
    Duration delay = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts, 10));
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }

  private static List<Step> steps(List<Change> changes) {
    return changes.stream().filter(c -> c.stepKey() != null).map(c -> new Step(c.workflowId(), c.stepKey())).distinct().toList();
  }
}
