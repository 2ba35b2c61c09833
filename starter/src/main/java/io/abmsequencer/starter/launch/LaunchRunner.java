package io.abmsequencer.starter.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abmsequencer.activities.playbook.PlaybookStore;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.target.Target;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.sequence.Payloads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the accounts of a stored launch, in chunks, on a few threads: each chunk is claimed in
 * the database (so two starters never start the same account), started, and recorded with the
 * launch's counters. Launches a restart interrupted are resumed when the app is ready.
 */
@Component
public class LaunchRunner {
  private static final Logger log = LoggerFactory.getLogger(LaunchRunner.class);
  private static final int CHUNK = 50;
  private static final int ATTEMPTS = 6;

  private final Launches launches;
  private final PlaybookStore playbooks;
  private final SequenceClient client;
  private final TransactionTemplate transactions;
  private final ExecutorService executor;
  private final int threads;
  private final ObjectMapper json = Payloads.objectMapper();

  private final io.micrometer.core.instrument.MeterRegistry meters;
  private final OptedOutAtLaunch optedOut;

  /** Attempts at starting an account while Temporal did not answer; the account fails after {@link #ATTEMPTS}. */
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  /** Per launch, when its threads may claim again after Temporal did not answer (epoch millis): all of them wait it out. */
  private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();

  public LaunchRunner(Launches launches, PlaybookStore playbooks, SequenceClient client, TransactionTemplate transactions,
      LaunchSettings settings, io.micrometer.core.instrument.MeterRegistry meters, OptedOutAtLaunch optedOut) {
    this.meters = meters;
    this.optedOut = optedOut;
    this.launches = launches;
    this.playbooks = playbooks;
    this.client = client;
    this.transactions = transactions;
    this.threads = settings.threads();
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "launch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs the launch in the background; progress is read from {@link Launches#progress}. */
  public void run(String launchId) {
    for (int i = 0; i < threads; i++) executor.submit(() -> drain(launchId));
  }

  @EventListener(ApplicationReadyEvent.class)
  void resumeInterrupted() {
    for (String launchId : launches.unfinished()) {
      log.info("Resuming launch {} interrupted by a restart", launchId);
      run(launchId);
    }
  }

  /**
   * Claims a chunk and starts it, one transaction per chunk, until none is pending. When Temporal does
   * not answer, the chunk stops there: what started is recorded, the rest stays PENDING, the
   * transaction commits (no database transaction waits on Temporal's recovery), and every thread of
   * the launch pauses before claiming again: 0.5 s, then doubling up to 8 s. An account Temporal did
   * not answer for {@value #ATTEMPTS} times is recorded as failed.
   */
  private void drain(String launchId) {
    Map<String, Playbook> cache = new HashMap<>();
    try {
      while (true) {
        waitOutPause(launchId);
        Boolean more = transactions.execute(tx -> {
          List<Launches.Pending> chunk = launches.claimPending(launchId, CHUNK);
          if (chunk.isEmpty()) return false;
          List<Launches.Outcome> outcomes = new ArrayList<>(chunk.size());
          for (Launches.Pending pending : chunk) {
            Launches.Outcome outcome = start(pending, cache);
            if (outcome == null) break;
            outcomes.add(outcome);
          }
          launches.record(launchId, outcomes);
          outcomes.forEach(o -> meters.counter("abm.launch.accounts", "outcome", o.status().name()).increment());
          return true;
        });
        if (!Boolean.TRUE.equals(more)) return;
      }
    } catch (RuntimeException e) {
      // The chunk's rows stay PENDING (its transaction rolled back): a restart or the next run resumes them.
      log.error("Launch {} stopped on an unexpected error; pending accounts resume on restart", launchId, e);
    }
  }

  /** The outcome of starting one account, or null when Temporal did not answer and the account is tried again after a pause. */
  private Launches.Outcome start(Launches.Pending pending, Map<String, Playbook> cache) {
    String key = pending.launchId() + "/" + pending.accountId();
    try {
      Playbook playbook = cache.computeIfAbsent(pending.playbookId() + "@" + pending.playbookVersion(),
          k -> playbooks.get(pending.playbookId(), pending.playbookVersion()).orElseThrow().playbook());
      Target target = json.readValue(pending.target(), Target.class);
      client.start(optedOut.apply(target.input(playbook, pending.launchId())));
      attempts.remove(key);
      return new Launches.Outcome(pending.accountId(), Launches.AccountStatus.STARTED, null);
    } catch (SequenceClient.AlreadyRunning e) {
      attempts.remove(key);
      return new Launches.Outcome(pending.accountId(), Launches.AccountStatus.ALREADY_RUNNING, pending.workflowId() + " already runs");
    } catch (SequenceClient.Unavailable e) {
      int attempt = attempts.merge(key, 1, Integer::sum);
      if (attempt >= ATTEMPTS) {
        attempts.remove(key);
        return failed(pending, e);
      }
      long pause = Math.min(500L << (attempt - 1), 8_000);
      pausedUntil.merge(pending.launchId(), System.currentTimeMillis() + pause, Math::max);
      return null;
    } catch (JsonProcessingException | RuntimeException e) {
      attempts.remove(key);
      return failed(pending, e);
    }
  }

  private static Launches.Outcome failed(Launches.Pending pending, Exception e) {
    log.warn("Launch {}: could not start {}: {}", pending.launchId(), pending.accountId(), e.getMessage());
    return new Launches.Outcome(pending.accountId(), Launches.AccountStatus.FAILED, e.getMessage());
  }

  /** Temporal briefly unreachable or overloaded is waited out, outside any transaction, not recorded as a failed account. */
  private void waitOutPause(String launchId) {
    long wait = pausedUntil.getOrDefault(launchId, 0L) - System.currentTimeMillis();
    if (wait > 0) sleep(wait);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Temporal", e);
    }
  }

  String toJson(Target target) {
    try {
      return json.writeValueAsString(target);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a validated target always serialises", e);
    }
  }

  void shutdown() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
