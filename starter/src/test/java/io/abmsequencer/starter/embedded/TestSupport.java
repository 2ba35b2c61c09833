package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/** The non-daemon threads that would keep a JVM alive. */
final class TestSupport {

  private TestSupport() {}

  static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && !thread.isDaemon())
        .collect(Collectors.toSet());
  }

  /** Waits until every non-daemon thread started since {@code before} has ended. */
  static void assertNoNewNonDaemonThreads(Set<Thread> before) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInSameThread() // Awaitility's own poller thread is not a daemon
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(names(newNonDaemonThreads(before))).as("non-daemon threads left running").isEmpty());
  }

  private static Set<Thread> newNonDaemonThreads(Set<Thread> before) {
    Set<Thread> now = nonDaemonThreads();
    now.removeAll(before);
    return now;
  }

  private static List<String> names(Set<Thread> threads) {
    return threads.stream().map(Thread::getName).sorted().toList();
  }

  static void assertFree(int... ports) {
    for (int port : ports) {
      assertThat(Ports.isFree(port)).as("port %d is free", port).isTrue();
    }
  }
}
