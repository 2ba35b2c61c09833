package io.abmsequencer.starter.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abmsequencer.activities.playbook.PlaybookStore;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.target.Target;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.SequenceInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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

  private final Launches launches;
  private final PlaybookStore playbooks;
  private final SequenceClient client;
  private final TransactionTemplate transactions;
  private final ExecutorService executor;
  private final int threads;
  private final ObjectMapper json = Payloads.objectMapper();

  private final io.micrometer.core.instrument.MeterRegistry meters;
  private final OptedOutAtLaunch optedOut;

  public LaunchRunner(Launches launches, PlaybookStore playbooks, SequenceClient client, TransactionTemplate transactions,
      @Value("${abm.launch.threads:8}") int threads, io.micrometer.core.instrument.MeterRegistry meters, OptedOutAtLaunch optedOut) {
    this.meters = meters;
    this.optedOut = optedOut;
    this.launches = launches;
    this.playbooks = playbooks;
    this.client = client;
    this.transactions = transactions;
    this.threads = threads;
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

  private void drain(String launchId) {
    Map<String, Playbook> cache = new HashMap<>();
    try {
      while (true) {
        Boolean more = transactions.execute(tx -> {
          List<Launches.Pending> chunk = launches.claimPending(launchId, CHUNK);
          if (chunk.isEmpty()) return false;
          List<Launches.Outcome> outcomes = new ArrayList<>(chunk.size());
          for (Launches.Pending pending : chunk) outcomes.add(start(pending, cache));
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

  private Launches.Outcome start(Launches.Pending pending, Map<String, Playbook> cache) {
    try {
      Playbook playbook = cache.computeIfAbsent(pending.playbookId() + "@" + pending.playbookVersion(),
          k -> playbooks.get(pending.playbookId(), pending.playbookVersion()).orElseThrow().playbook());
      Target target = json.readValue(pending.target(), Target.class);
      startWithRetry(target, playbook, pending.launchId());
      return new Launches.Outcome(pending.accountId(), Launches.AccountStatus.STARTED, null);
    } catch (SequenceClient.AlreadyRunning e) {
      return new Launches.Outcome(pending.accountId(), Launches.AccountStatus.ALREADY_RUNNING, pending.workflowId() + " already runs");
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("Launch {}: could not start {}: {}", pending.launchId(), pending.accountId(), e.getMessage());
      return new Launches.Outcome(pending.accountId(), Launches.AccountStatus.FAILED, e.getMessage());
    }
  }

  /** Temporal briefly unreachable or overloaded is waited out, not recorded as a failed account. */
  private void startWithRetry(Target target, Playbook playbook, String launchId) {
    long backoff = 500;
    SequenceInput input = optedOut.apply(target.input(playbook, launchId));
    for (int attempt = 1; ; attempt++) {
      try {
        client.start(input);
        return;
      } catch (io.grpc.StatusRuntimeException e) {
        io.grpc.Status.Code code = e.getStatus().getCode();
        boolean transientError = code == io.grpc.Status.Code.UNAVAILABLE || code == io.grpc.Status.Code.DEADLINE_EXCEEDED
            || code == io.grpc.Status.Code.RESOURCE_EXHAUSTED;
        if (!transientError || attempt >= 6) throw e;
        sleep(backoff);
        backoff = Math.min(backoff * 2, 8_000);
      }
    }
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
