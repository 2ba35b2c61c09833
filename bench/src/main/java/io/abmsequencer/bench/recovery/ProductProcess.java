package io.abmsequencer.bench.recovery;

import io.abmsequencer.bench.launch.LaunchBench;
import io.abmsequencer.bench.support.Jvm;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The product as a user runs it, from its executable jar, in a JVM of its own: embedded mode on the
 * real Temporal dev server, both its state and PostgreSQL's in a data directory, mail to an SMTP
 * server the benchmark runs. Ports are fixed for the life of the benchmark, so a restart finds the
 * same addresses.
 */
final class ProductProcess {

  record Ports(int http, int temporal, int temporalUi, int postgres, int smtp) {}

  /** The marketer the benchmark signs in as, the same in both runs of the product. */
  static final String USER = "bench-marketer";
  static final String PASSWORD = java.util.UUID.randomUUID().toString();
  /** The payload key (32 random bytes, base64), the same in both runs. */
  static final String CODEC_KEY = newKey();

  private static String newKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  private final Process process;
  final String base;

  private ProductProcess(Process process, int httpPort) {
    this.process = process;
    this.base = "http://127.0.0.1:" + httpPort;
  }

  static ProductProcess start(Path jar, Path dataDirectory, Ports ports, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(Jvm.java(), "-XX:+UseG1GC", "-jar", jar.toString(),
        "--server.port=" + ports.http(),
        "--spring.main.banner-mode=off",
        "--logging.level.root=WARN",
        "--abm.embedded.temporal.server=dev-server",
        "--abm.embedded.temporal.data-dir=" + dataDirectory.resolve("temporal"),
        "--abm.embedded.temporal.port=" + ports.temporal(),
        "--abm.embedded.temporal.ui-port=" + ports.temporalUi(),
        "--abm.embedded.postgres.data-dir=" + dataDirectory.resolve("postgres"),
        "--abm.embedded.postgres.port=" + ports.postgres(),
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + ports.smtp(),
        "--abm.mail.inbound.poll-interval=1h",
        // 1,000 welcome e-mails from one sender in a minute would meet the daily per-sender cap (they wait for tomorrow).
        "--abm.mail.caps.per-sender-per-day=0",
        "--abm.mail.caps.per-contact=0",
        // Its own SMTP makes this not the all-embedded mode, which alone has demo users.
        "--abm.security.users[0].username=" + USER,
        "--abm.security.users[0].password=" + PASSWORD,
        "--abm.security.users[0].roles=MARKETER",
        // Payloads are encrypted as in any embedded run; the benchmark's own client reads them with this key.
        "--abm.codec.key=" + CODEC_KEY));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new ProductProcess(process, ports.http());
  }

  /** Waits until the API answers (the demo marketer signed in): the product is up. */
  void awaitAnswering(LaunchBench.Api api, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("the product exited with status " + process.exitValue() + " while starting");
      try {
        HttpResponse<String> system = api.get("/api/system");
        if (system.statusCode() == 200) return;
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the product did not answer within " + timeout.toSeconds() + " s");
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** SIGTERM, as Ctrl-C or a service manager stops it; SIGKILL after a minute. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) kill();
  }

  long pid() {
    return process.pid();
  }
}
