package io.abmsequencer.starter.embedded;

import com.google.protobuf.Empty;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal test server's services on a gRPC server bound to the loopback interface, running in
 * real time. Built from {@link TestServicesStarter} rather than {@code TestServer
 * .createPortBoundServer}, which listens on every interface (anyone on the network could drive the
 * workflows) and leaves a non-daemon thread behind when its port is taken. Those are SDK-internal
 * classes: the SDK version is pinned and the tests cover this class.
 *
 * <p>Keeps everything in memory: workflows do not survive a restart of the process.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);
  // skipTime blocks until the server clock has moved; running workflow tasks and activities hold
  // the clock back in real time, so allow them a while before giving up.
  private static final Duration SKIP_DEADLINE = Duration.ofMinutes(2);

  private final TestServicesStarter services;
  private final Server server;
  private final String target;
  private TestServiceStubs testStubs;
  private OperatorServiceStubs operatorStubs;
  private boolean closed;

  private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
    this.target = Ports.LOOPBACK.getHostAddress() + ":" + server.getPort();
  }

  /** Starts on 127.0.0.1:{@code port} (0 = a free port); throws IOException when it cannot bind. */
  static EmbeddedTemporalServer start(int port) throws IOException {
    // lockTimeSkipping = true: timers fire in real time, as on a real Temporal server.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(new InetSocketAddress(Ports.LOOPBACK, port))
              // The SDK pings every 30 s even on idle connections; the gRPC default (one ping per
              // 5 minutes, none without calls) answers that with GOAWAY "too_many_pings".
              .permitKeepAliveTime(10, TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true);
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      return new EmbeddedTemporalServer(services, builder.build().start());
    } catch (IOException | RuntimeException e) {
      // Without this the test server's timer threads (non-daemon) keep the JVM alive.
      services.close();
      throw e;
    }
  }

  /** {@code 127.0.0.1:<port>}, the value for {@code spring.temporal.connection.target}. */
  public String target() {
    return target;
  }

  public int port() {
    return server.getPort();
  }

  /** The server's clock, which {@link #skipTime} moves ahead of the wall clock. */
  public Instant currentTime() {
    return Instant.ofEpochMilli(Timestamps.toMillis(
        testStubs().blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime()));
  }

  /**
   * Moves the server clock forward by {@code amount}, firing every timer due in between in order,
   * then returns to real time: an end-to-end test fast-forwards business days this way. Blocks
   * until the clock has moved; a workflow task or activity in progress holds the clock until it
   * completes, so work due inside the window runs as it would have.
   */
  public void skipTime(Duration amount) {
    if (amount.isNegative() || amount.isZero()) {
      throw new IllegalArgumentException("skipTime needs a positive duration, got " + amount);
    }
    testStubs()
        .blockingStub()
        .withDeadlineAfter(SKIP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .unlockTimeSkippingWithSleep(
            SleepRequest.newBuilder().setDuration(Durations.fromMillis(amount.toMillis())).build());
  }

  /**
   * Registers search attributes (name → type); names that already exist are left alone, so this can
   * run on every start. A workflow that upserts an unregistered attribute fails its workflow task
   * forever, so the app registers all of its attributes before any worker starts.
   */
  public void registerSearchAttributes(Map<String, IndexedValueType> attributes) {
    SearchAttributeRegistration.register(operatorStubs(), attributes);
  }

  private synchronized TestServiceStubs testStubs() {
    requireOpen();
    if (testStubs == null) {
      testStubs =
          TestServiceStubs.newServiceStubs(
              TestServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
    }
    return testStubs;
  }

  private synchronized OperatorServiceStubs operatorStubs() {
    requireOpen();
    if (operatorStubs == null) {
      // validateAndBuildWithDefaults: plain build() leaves the metrics scope null and NPEs.
      operatorStubs =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
    }
    return operatorStubs;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the embedded Temporal server on " + target + " is closed");
    }
  }

  /** Stops the server; everything it held (workflows, histories, search attributes) is gone. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long startNanos = System.nanoTime();
    if (testStubs != null) {
      testStubs.shutdownNow();
    }
    if (operatorStubs != null) {
      operatorStubs.shutdownNow();
    }
    // Stop taking calls, end the services (timer threads, executors), then cut what is still open:
    // long polls of a worker that is already shut down would otherwise hold the server for a minute.
    server.shutdown();
    services.close();
    server.shutdownNow();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("Embedded Temporal server on {} did not stop within 5 s", target);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.debug("Embedded Temporal server on {} stopped in {} ms",
        target, (System.nanoTime() - startNanos) / 1_000_000);
  }
}
