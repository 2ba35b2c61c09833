package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed start must end the JVM: {@code java -jar} that prints "Application run failed" and then
 * hangs (a non-daemon thread of a half-started server) leaves a first-time user with a frozen
 * terminal. Runs the test app's {@code main} in a separate JVM and waits for it to exit.
 */
class EmbeddedJvmExitTest {

  @TempDir Path workDir;

  @Test
  void aBusyTemporalPortEndsTheJvmWithOneLineSayingWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(Ports.LOOPBACK, 0));
      int port = taken.getLocalPort();

      Exit exit = runMain("--abm.embedded.temporal.port=" + port);

      assertThat(exit.code()).as(exit.output()).isEqualTo(1);
      assertThat(exit.output())
          .contains("APPLICATION FAILED TO START")
          .contains("abm.embedded.temporal.port " + port + " is in use: another ABM Sequencer or Temporal server runs here.")
          .contains("Stop it or set abm.embedded.temporal.port (0 picks a free port).")
          .doesNotContain("Exception in thread", "\tat ");
    }
  }

  @Test
  void aFailureAfterTheInfrastructureStartedStillEndsTheJvm() throws Exception {
    // PostgreSQL external to keep this quick: the in-process Temporal server's threads are what
    // would keep the JVM alive (EmbeddedLifecycleTest covers PostgreSQL in-process).
    Exit exit = runMain(
        "--" + EmbeddedTestApplication.FAIL_ON_START + "=true",
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
        "--spring.flyway.enabled=false");

    assertThat(exit.code()).as(exit.output()).isEqualTo(1);
    assertThat(exit.output()).contains("Embedded Temporal server on 127.0.0.1:").contains("a bean failed on purpose");
  }

  @Test
  void withoutATemporalCliAutoFallsBackToTheInMemoryServerAndSaysSo() throws Exception {
    // No temporal on this PATH, an empty cache, and a download address that refuses connections:
    // what a machine offline without the CLI looks like.
    Exit exit = runMain(Map.of("PATH", "/usr/bin:/bin"),
        "--abm.embedded.temporal.server=auto",
        "--abm.embedded.temporal.cli-cache=" + workDir.resolve("cli"),
        "--abm.embedded.temporal.cli-download-url=http://127.0.0.1:1/cli/{version}/{os}/{arch}",
        "--" + EmbeddedTestApplication.FAIL_ON_START + "=true",
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
        "--spring.flyway.enabled=false");

    assertThat(exit.output())
        .contains("No Temporal dev server (the Temporal CLI could not be downloaded from http://127.0.0.1:1/cli/1.9.1/")
        .contains("running the in-memory Temporal server, which keeps no state across a restart")
        .contains("Embedded Temporal server on 127.0.0.1:");
    assertThat(exit.code()).as(exit.output()).isEqualTo(1); // the bean that fails on purpose
  }

  @Test
  void withoutATemporalCliTheDevServerModeRefusesToStart() throws Exception {
    Exit exit = runMain(Map.of("PATH", "/usr/bin:/bin"),
        "--abm.embedded.temporal.server=dev-server",
        "--abm.embedded.temporal.cli-cache=" + workDir.resolve("cli"),
        "--abm.embedded.temporal.cli-download=false");

    assertThat(exit.code()).as(exit.output()).isEqualTo(1);
    assertThat(exit.output())
        .contains("APPLICATION FAILED TO START")
        .contains("abm.embedded.temporal.server=dev-server, but no Temporal CLI: not configured, not on the PATH, not in "
            + workDir.resolve("cli") + ", and downloading is off")
        .contains("Install the Temporal CLI (https://docs.temporal.io/cli), or set abm.embedded.temporal.cli-path")
        .doesNotContain("Exception in thread", "\tat ");
  }

  private record Exit(int code, String output) {}

  private Exit runMain(String... extra) throws IOException, InterruptedException {
    return runMain(Map.of(), extra);
  }

  private Exit runMain(Map<String, String> environment, String... extra) throws IOException, InterruptedException {
    Path log = workDir.resolve("jvm-" + System.nanoTime() + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        EmbeddedTestApplication.class.getName()));
    command.addAll(List.of(EmbeddedTestApplication.args(extra)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      boolean exited = process.waitFor(60, TimeUnit.SECONDS);
      assertThat(exited).as("the JVM exited after a failed start; output:%n%s", Files.readString(log)).isTrue();
      return new Exit(process.exitValue(), Files.readString(log));
    } finally {
      process.destroyForcibly();
    }
  }
}
