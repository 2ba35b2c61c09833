package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The case {@code TestServer.createPortBoundServer} gets wrong: when the port is taken between our
 * check and the bind, the test server's timer threads must not outlive the failed start.
 */
class EmbeddedTemporalServerTest {

  @Test
  void aFailedBindLeavesNoThreadBehind() throws Exception {
    Set<Thread> threadsBefore = TestSupport.nonDaemonThreads();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(Ports.LOOPBACK, 0));

      assertThatThrownBy(() -> EmbeddedTemporalServer.start(taken.getLocalPort()))
          .isInstanceOf(IOException.class)
          .hasStackTraceContaining("Address already in use");
    }
    TestSupport.assertNoNewNonDaemonThreads(threadsBefore);
  }
}
