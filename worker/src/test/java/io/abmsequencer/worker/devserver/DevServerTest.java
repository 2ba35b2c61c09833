package io.abmsequencer.worker.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.testsupport.TestPorts;
import io.abmsequencer.worker.testsupport.TestCli;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dev server as a child process: it answers, serves its UI, and never outlives its JVM. */
class DevServerTest {

  static Path cli;

  @BeforeAll
  static void cli() {
    cli = TestCli.required();
  }

  @TempDir Path dir;

  private DevServer.Options options(int port, int uiPort) {
    return new DevServer.Options(cli, "127.0.0.1", port, uiPort, dir.resolve("temporal.db"), dir.resolve("server.log"),
        Map.of("AbmStatus", "Keyword", "AbmScore", "Int"), "http://localhost:8080/codec", Duration.ofSeconds(60));
  }

  @Test
  void answersWithItsSearchAttributesAndUiAndStopsOnClose() throws Exception {
    int port = TestPorts.free();
    int uiPort = TestPorts.free();
    DevServer server = DevServer.start(options(port, uiPort));
    try {
      OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
          OperatorServiceStubsOptions.newBuilder().setTarget(server.target()).validateAndBuildWithDefaults());
      try {
        Map<String, IndexedValueType> attributes = operator.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS)
            .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
            .getCustomAttributesMap();
        assertThat(attributes).containsEntry("AbmStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .containsEntry("AbmScore", IndexedValueType.INDEXED_VALUE_TYPE_INT);
      } finally {
        operator.shutdownNow();
      }
      assertThat(server.uiUrl()).isEqualTo("http://127.0.0.1:" + uiPort);
      HttpResponse<String> ui = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.uiUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ui.statusCode()).isEqualTo(200);
      assertThat(listening(port)).isTrue();
    } finally {
      server.close();
    }
    assertThat(server.isAlive()).isFalse();
    assertThat(listening(port)).isFalse();
    assertThat(listening(uiPort)).isFalse();
    assertThat(serversOn(dir)).isEmpty();
  }

  /** SIGTERM (a JVM stopping; this holder has no shutdown hook) and SIGKILL (no hook can run). */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void diesWithItsJvmHoweverThatEnds(boolean sigkill) throws Exception {
    int port = TestPorts.free();
    Process jvm = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            DevServerHolder.class.getName(),
            cli.toString(), Integer.toString(port), dir.resolve("temporal.db").toString(), dir.resolve("server.log").toString())
        .redirectErrorStream(true)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("READY")) {
        // SLF4J and start-up noise
      }
      assertThat(line).as("the holder JVM's output").isEqualTo("READY 127.0.0.1:" + port);
      assertThat(serversOn(dir)).hasSize(1);

      if (sigkill) jvm.destroyForcibly(); else jvm.destroy();
      jvm.waitFor(30, TimeUnit.SECONDS);
    }
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(serversOn(dir)).isEmpty();
      assertThat(listening(port)).isFalse();
    });
  }

  @Test
  void aPortInUseFailsTheStartWithTheServersOwnWords() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      assertThatThrownBy(() -> DevServer.start(options(taken.getLocalPort(), TestPorts.free())))
          .hasMessageContaining("the Temporal dev server exited with status")
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
    assertThat(serversOn(dir)).isEmpty();
  }

  /** Processes of a dev server whose database lies in {@code dir}. */
  static List<ProcessHandle> serversOn(Path dir) {
    String db = dir.resolve("temporal.db").toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains(db)).orElse(false))
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains("start-dev")).orElse(false))
        .filter(p -> p.info().command().orElse("").endsWith("/temporal")) // not its supervisor shells
        .toList();
  }

  static boolean listening(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
