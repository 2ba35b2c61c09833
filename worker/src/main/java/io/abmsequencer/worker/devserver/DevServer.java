package io.abmsequencer.worker.devserver;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal CLI's development server ({@code temporal server start-dev}: a whole Temporal service
 * with SQLite persistence and the Web UI in one process) as a child process of this JVM.
 *
 * <p>A good citizen: it listens on the given address only; its output goes to a log file; {@link
 * #close} stops it gracefully; and it stops with this JVM however the JVM ends. The last part needs a
 * supervisor, because a JVM killed with SIGKILL runs no shutdown hook: the server is started under a
 * small {@code sh} script that holds the read end of a pipe from this JVM and stops the server
 * (SIGTERM, then SIGKILL after 10 s) when the pipe reaches end-of-file, which the kernel makes happen
 * when the JVM exits for any reason. The supervisor runs in a session of its own ({@code setsid}
 * where it exists) so that Ctrl-C in a terminal reaches the JVM only, which then stops the server
 * after the worker that uses it.
 */
public final class DevServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DevServer.class);

  /**
   * The supervisor. $@ is the server's command line. fd 3 keeps the pipe from the JVM: asynchronous
   * commands of a non-interactive shell get /dev/null as standard input, not the pipe.
   */
  static final String SUPERVISOR = """
      exec 3<&0
      "$@" </dev/null 3<&- &
      server=$!
      echo "supervisor $$ started the Temporal dev server, pid $server"
      ( cat <&3 >/dev/null; kill -TERM "$server" 2>/dev/null; sleep 10; kill -KILL "$server" 2>/dev/null ) >/dev/null 2>&1 &
      watcher=$!
      exec 3<&-
      trap 'kill -TERM "$server" 2>/dev/null' TERM INT HUP
      wait "$server"; status=$?
      while kill -0 "$server" 2>/dev/null; do wait "$server"; status=$?; done
      kill "$watcher" 2>/dev/null
      echo "the Temporal dev server exited with status $status"
      exit $status
      """;

  /**
   * What to start.
   *
   * @param executable the {@code temporal} CLI
   * @param ip the address to listen on (the frontend and the UI)
   * @param port the frontend's gRPC port
   * @param uiPort the Web UI's port, or -1 for none ({@code --headless})
   * @param databaseFile the SQLite file, or null to keep everything in memory
   * @param logFile where the server's output goes (appended)
   * @param searchAttributes name → type ({@code Keyword}, {@code Int}, ...), registered at start
   * @param codecEndpoint the UI's remote codec, or null
   * @param startTimeout how long the server may take to answer
   */
  public record Options(
      Path executable,
      String ip,
      int port,
      int uiPort,
      Path databaseFile,
      Path logFile,
      Map<String, String> searchAttributes,
      String codecEndpoint,
      Duration startTimeout) {}

  private final Process process;
  private final Options options;
  private final String target;
  private boolean closed;

  private DevServer(Process process, Options options) {
    this.process = process;
    this.options = options;
    this.target = options.ip() + ":" + options.port();
  }

  /** Starts the server and returns once it answers; throws with the log's last lines if it does not. */
  public static DevServer start(Options options) throws IOException {
    Files.createDirectories(options.logFile().toAbsolutePath().getParent());
    if (options.databaseFile() != null) {
      Files.createDirectories(options.databaseFile().toAbsolutePath().getParent());
    }
    long logStart = Files.exists(options.logFile()) ? Files.size(options.logFile()) : 0;
    ProcessBuilder builder = new ProcessBuilder(command(options))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(options.logFile().toFile()));
    long startNanos = System.nanoTime();
    DevServer server = new DevServer(builder.start(), options);
    try {
      server.awaitReady(logStart);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    log.debug("Temporal dev server on {} answered after {} ms", server.target, (System.nanoTime() - startNanos) / 1_000_000);
    return server;
  }

  static List<String> command(Options options) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid");
    }
    command.addAll(List.of("/bin/sh", "-c", SUPERVISOR, "temporal-supervisor"));
    command.addAll(List.of(options.executable().toString(), "server", "start-dev",
        "--ip", options.ip(), "--port", Integer.toString(options.port()),
        "--namespace", "default", "--log-format", "text", "--log-level", "warn"));
    if (options.uiPort() < 0) {
      command.add("--headless");
    } else {
      command.addAll(List.of("--ui-port", Integer.toString(options.uiPort()), "--ui-disable-news-fetch"));
      if (options.codecEndpoint() != null) {
        command.addAll(List.of("--ui-codec-endpoint", options.codecEndpoint()));
      }
    }
    if (options.databaseFile() != null) {
      command.addAll(List.of("--db-filename", options.databaseFile().toString()));
    }
    options.searchAttributes().forEach((name, type) -> command.addAll(List.of("--search-attribute", name + "=" + type)));
    return command;
  }

  private void awaitReady(long logStart) throws IOException {
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
    try {
      RuntimeException last = null;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("the Temporal dev server exited with status " + process.exitValue() + " at start:\n"
              + tail(options.logFile(), logStart));
        }
        try {
          stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
          return;
        } catch (RuntimeException e) {
          last = e;
        }
        sleep(100);
      }
      throw new IOException("the Temporal dev server did not answer on " + target + " within " + options.startTimeout().toSeconds()
          + " s (" + (last == null ? "no answer" : last.getMessage()) + "):\n" + tail(options.logFile(), logStart));
    } finally {
      stubs.shutdownNow();
    }
  }

  /** {@code ip:port} of the frontend, the value for {@code spring.temporal.connection.target}. */
  public String target() {
    return target;
  }

  public int port() {
    return options.port();
  }

  /** The Web UI's address, or null when headless. */
  public String uiUrl() {
    return options.uiPort() < 0 ? null : "http://" + options.ip() + ":" + options.uiPort();
  }

  public Path logFile() {
    return options.logFile();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Stops the server: SIGTERM through the supervisor (the pipe closes), up to 20 s for it to write
   * its state and exit, then SIGKILL for whatever is left of the process tree.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long startNanos = System.nanoTime();
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // The supervisor is gone already: the kill below covers what remains.
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        log.warn("The Temporal dev server on {} did not stop within 20 s: killing it", target);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    log.debug("Temporal dev server on {} stopped in {} ms", target, (System.nanoTime() - startNanos) / 1_000_000);
  }

  /** The last lines the server wrote since {@code from}, for an error message. */
  static String tail(Path logFile, long from) {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long start = Math.max(from, file.length() - 4000);
      file.seek(start);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "(the log " + logFile + " is empty)" : text;
    } catch (IOException e) {
      return "(the log " + logFile + " could not be read: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }
}
