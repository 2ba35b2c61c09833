package io.abmsequencer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A worker started before its Temporal waits for it; one pointed at nothing says which property to fix. */
class TemporalConnectionCheckTest {
  WorkflowServiceStubs stubs;
  TestServer.PortBoundTestServer server;

  @AfterEach
  void close() throws Exception {
    if (stubs != null) stubs.shutdownNow();
    if (server != null) server.close();
  }

  @Test
  void aTemporalThatComesUpAfterTheWorkerIsWaitedFor() throws Exception {
    int port = freePort();
    stubs = stubs(port);
    CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(2_000);
        server = TestServer.createPortBoundServer(port, false);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    new TemporalConnectionCheck(stubs, Duration.ofSeconds(60)).check();

    started.get(30, TimeUnit.SECONDS);
    assertThat(server).as("the check returned once the server was there").isNotNull();
  }

  @Test
  void nothingAtTheTargetFailsAfterTheWaitNamingTheProperty() throws Exception {
    int port = freePort();
    stubs = stubs(port);

    assertThatThrownBy(() -> new TemporalConnectionCheck(stubs, Duration.ofSeconds(2)).check())
        .isInstanceOf(TemporalUnreachableException.class)
        .hasMessageContaining("spring.temporal.connection.target=127.0.0.1:" + port);
  }

  private static WorkflowServiceStubs stubs(int port) {
    return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
