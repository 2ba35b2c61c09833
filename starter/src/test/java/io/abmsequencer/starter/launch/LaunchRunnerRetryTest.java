package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.playbook.PlaybookStore;
import io.abmsequencer.activities.playbook.StoredPlaybook;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.starter.target.Target;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Temporal briefly unavailable during a launch is waited out, and never inside the chunk's database
 * transaction: each try runs in a transaction of its own that has ended before the pause.
 */
class LaunchRunnerRetryTest {
  private static final String YAML = """
      id: retry-test
      name: Retry test
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      steps:
        - id: hello
          email: {to: [CHAMPION], subject: "Hi", body: "Hi {{firstName}}"}
      """;

  private final AtomicBoolean inTransaction = new AtomicBoolean();
  private final AtomicInteger transactions = new AtomicInteger();
  private final List<Boolean> startedInsideATransaction = new ArrayList<>();
  private final FakeLaunches launches = new FakeLaunches();
  private LaunchRunner runner;

  @AfterEach
  void stop() throws InterruptedException {
    if (runner != null) runner.shutdown();
  }

  @Test
  void temporalUnavailableTwiceIsWaitedOutOutsideTheTransactionAndTheAccountStarts() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    runner = runner(input -> {
      startedInsideATransaction.add(inTransaction.get());
      if (tries.incrementAndGet() <= 2) {
        throw new SequenceClient.Unavailable("abm-new-logo-acme", new StatusRuntimeException(Status.UNAVAILABLE));
      }
    });
    launches.pending.add(new Launches.Pending("L-1", "acme", "abm-new-logo-acme", "retry-test", 1, runner.toJson(target())));

    runner.run("L-1");

    await().atMost(Duration.ofSeconds(60)).until(() -> !launches.outcomes().isEmpty());
    assertThat(launches.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.accountId()).isEqualTo("acme");
      assertThat(o.status()).isEqualTo(Launches.AccountStatus.STARTED);
    });
    assertThat(tries).hasValue(3);
    // Each try in a transaction of its own: the two refused ones ended theirs (nothing recorded, the row stays pending).
    assertThat(startedInsideATransaction).containsOnly(true);
    assertThat(transactions.get()).isGreaterThanOrEqualTo(3);
    assertThat(launches.recordedEmpty.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anotherFailureFailsTheAccountAtOnce() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    runner = runner(input -> {
      tries.incrementAndGet();
      throw new StatusRuntimeException(Status.INVALID_ARGUMENT.withDescription("bad input"));
    });
    launches.pending.add(new Launches.Pending("L-1", "acme", "abm-new-logo-acme", "retry-test", 1, runner.toJson(target())));

    runner.run("L-1");

    await().atMost(Duration.ofSeconds(30)).until(() -> !launches.outcomes().isEmpty());
    assertThat(launches.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Launches.AccountStatus.FAILED);
      assertThat(o.detail()).contains("bad input");
    });
    assertThat(tries).hasValue(1);
  }

  private interface Start {
    void start(SequenceInput input);
  }

  private LaunchRunner runner(Start start) {
    SequenceClient client = new SequenceClient(null, null, new io.abmsequencer.starter.sequence.TaskQueueSettings("abm-sequences")) {
      @Override
      public String start(SequenceInput input) {
        start.start(input);
        return workflowId(input);
      }
    };
    PlaybookStore playbooks = new PlaybookStore(null, null) {
      @Override
      public Optional<StoredPlaybook> get(String id, int version) {
        return Optional.of(new StoredPlaybook(id, version, "Retry test", Motion.NEW_LOGO, Tier.ONE_TO_FEW, YAML, Instant.EPOCH, "test"));
      }
    };
    TransactionTemplate tx = new TransactionTemplate() {
      @Override
      public <T> T execute(TransactionCallback<T> action) throws TransactionException {
        synchronized (LaunchRunnerRetryTest.this) {
          inTransaction.set(true);
          transactions.incrementAndGet();
          try {
            return action.doInTransaction(null);
          } finally {
            inTransaction.set(false);
          }
        }
      }
    };
    OptedOutAtLaunch nobodyOptedOut = new OptedOutAtLaunch(null) {
      @Override
      public SequenceInput apply(SequenceInput input) {
        return input;
      }
    };
    return new LaunchRunner(launches, playbooks, client, tx, new LaunchSettings(1), new SimpleMeterRegistry(), nobodyOptedOut);
  }

  private static Target target() {
    return new Target(new Account("acme", "Acme Inc", "acme.example", null), null, "jane.doe@yourco.example",
        List.of(new Contact("c-1", "zoe@acme.example", "Zoë", null, null, Role.CHAMPION, null, "Europe/Dublin", false, null)));
  }

  /** The launch's accounts in memory: claiming hands out what is pending, recording takes it away. */
  private static final class FakeLaunches extends Launches {
    final List<Launches.Pending> pending = new ArrayList<>();
    private final List<Launches.Outcome> outcomes = new ArrayList<>();
    final AtomicInteger recordedEmpty = new AtomicInteger();

    FakeLaunches() {
      super(null, null);
    }

    @Override
    public synchronized List<Pending> claimPending(String launchId, int limit) {
      return List.copyOf(pending.subList(0, Math.min(limit, pending.size())));
    }

    @Override
    public synchronized void record(String launchId, List<Outcome> recorded) {
      if (recorded.isEmpty()) recordedEmpty.incrementAndGet();
      for (Outcome o : recorded) {
        pending.removeIf(p -> p.accountId().equals(o.accountId()));
        outcomes.add(o);
      }
    }

    synchronized List<Outcome> outcomes() {
      return List.copyOf(outcomes);
    }
  }
}
