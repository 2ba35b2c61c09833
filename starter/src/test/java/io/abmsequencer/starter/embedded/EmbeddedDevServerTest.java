package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.activities.testsupport.TestPorts;
import io.abmsequencer.worker.testsupport.TestCli;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Embedded mode on the real Temporal: the CLI's dev server as a child process, its state in the
 * data directory, so a workflow started before a restart is still there after it; its UI; and the
 * ways a start can be refused. Checked with an independent Temporal client, not the app's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDevServerTest {

  @BeforeAll
  static void cli() {
    TestCli.required();
  }

  @TempDir Path home;

  private String[] args(int temporalPort, int uiPort) {
    return new String[] {
      "--abm.embedded.temporal.server=dev-server",
      "--abm.embedded.temporal.port=" + temporalPort,
      "--abm.embedded.temporal.ui-port=" + uiPort,
      "--abm.embedded.temporal.data-dir=" + home.resolve("temporal"),
      "--spring.temporal.workers[0].task-queue=embedded-dev",
      "--spring.temporal.workers[0].workflow-classes=" + TestWorkflows.WaiterImpl.class.getName()
    };
  }

  private String key;

  @Test
  void aWorkflowStartedBeforeARestartIsStillThereAfterIt(CapturedOutput output) throws Exception {
    int temporalPort = TestPorts.free();
    int uiPort = TestPorts.free();
    String target = "127.0.0.1:" + temporalPort;

    try (ConfigurableApplicationContext context = EmbeddedTestApplication.start(args(temporalPort, uiPort))) {
      EmbeddedMode mode = context.getBean(EmbeddedMode.class);
      assertThat(mode.temporalDurable()).isTrue();
      assertThat(mode.temporalInMemory()).isFalse();
      assertThat(mode.temporalTarget()).isEqualTo(target);
      assertThat(mode.temporalUiUrl()).isEqualTo("http://localhost:" + uiPort);
      assertThat(context.getBeanNamesForType(EmbeddedTemporalServer.class)).isEmpty();
      assertThat(output).contains("sequences survive a restart (state in " + home.resolve("temporal") + ")")
          .contains("Temporal UI http://localhost:" + uiPort);

      WorkflowClient.start(context.getBean(WorkflowClient.class).newWorkflowStub(TestWorkflows.Waiter.class,
          WorkflowOptions.newBuilder().setTaskQueue("embedded-dev").setWorkflowId("waiter-2").build())::waitForGo, "restart");
      HttpResponse<String> ui = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ui.statusCode()).isEqualTo(200);

      // Nobody set abm.codec.key: embedded mode made one, owner-only, beside the state it encrypts,
      // and pointed the UI's codec at the product.
      Path keyFile = home.resolve("temporal").resolve(CodecKeyFile.FILE);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
      key = Files.readString(keyFile).strip();
      assertThat(context.getEnvironment().getProperty("abm.codec.key")).isEqualTo(key);
      assertThat(Base64.getDecoder().decode(key)).hasSize(32);
      HttpResponse<String> settings = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/api/v1/settings")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(settings.body()).contains("\"Endpoint\":\"http://127.0.0.1:8089/codec\"");
    }
    TestSupport.assertFree(temporalPort, uiPort);
    assertThat(home.resolve("temporal").resolve(EmbeddedDevServer.DATABASE_FILE)).exists();
    assertThat(Files.readString(home.resolve("temporal").resolve(EmbeddedDevServer.LOG_FILE))).contains("Temporal Server:");

    try (ConfigurableApplicationContext again = EmbeddedTestApplication.start(args(temporalPort, uiPort))) {
      assertThat(again.getEnvironment().getProperty("abm.codec.key")).as("the same key after a restart").isEqualTo(key);
      WorkflowServiceStubs independent = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
      try {
        WorkflowClient client = WorkflowClient.newInstance(independent);
        assertThat(client.fetchHistory("waiter-2").getHistory().getEventsCount()).isPositive();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(independent.blockingStub()
                .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder().setNamespace("default")
                    .setQuery("WorkflowId = 'waiter-2' and ExecutionStatus = 'Running'").build())
                .getExecutionsCount())
            .isEqualTo(1));
        client.newWorkflowStub(TestWorkflows.Waiter.class, "waiter-2").go("survived a");
        assertThat(WorkflowStub.fromTyped(client.newWorkflowStub(TestWorkflows.Waiter.class, "waiter-2")).getResult(String.class))
            .isEqualTo("survived a restart");
        assertThat(client.fetchHistory("waiter-2").getLastEvent().hasWorkflowExecutionCompletedEventAttributes()).isTrue();
      } finally {
        independent.shutdownNow();
      }
    }
  }

  @Test
  void aSecondProductOnTheSameTemporalDataIsRefused() {
    int temporalPort = TestPorts.free();
    try (ConfigurableApplicationContext first = EmbeddedTestApplication.start(args(temporalPort, TestPorts.free()))) {
      assertThatThrownBy(() -> EmbeddedTestApplication.start(args(TestPorts.free(), TestPorts.free())))
          .isInstanceOf(EmbeddedStartupException.class)
          .hasMessageContaining("abm.embedded.temporal.data-dir " + home.resolve("temporal") + " is in use by another ABM Sequencer (PID "
              + ProcessHandle.current().pid() + ")")
          .hasMessageContaining("set abm.embedded.temporal.data-dir to another directory");
      assertThat(first.getBean(EmbeddedMode.class).temporalTarget()).isEqualTo("127.0.0.1:" + temporalPort);
    }
  }

  @Test
  void aUiPortInUseFailsTheStartNamingTheProperty() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(Ports.LOOPBACK, 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedTestApplication.start(args(TestPorts.free(), port)))
          .isInstanceOf(EmbeddedStartupException.class)
          .hasMessageContaining("abm.embedded.temporal.ui-port " + port + " is in use: another ABM Sequencer or Temporal UI")
          .hasMessageContaining("stop it or set abm.embedded.temporal.ui-port");
    }
  }
}
