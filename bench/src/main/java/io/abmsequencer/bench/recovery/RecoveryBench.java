package io.abmsequencer.bench.recovery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.abmsequencer.bench.launch.LaunchBench;
import io.abmsequencer.bench.launch.TargetList;
import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Results;
import io.abmsequencer.bench.support.Servers;
import io.abmsequencer.bench.support.Stats;
import io.abmsequencer.bench.support.Table;
import io.abmsequencer.worker.devserver.TemporalCli;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.SequenceStatus;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Benchmark 8: recovery from a crash. 2,000 sequences parked in embedded mode on the real Temporal
 * dev server (half waiting on an SDR task, half on a timer whose touch falls due at a set minute),
 * the product JVM killed with SIGKILL, then started again on the same data directory at the minute
 * the touches fall due. Measured from the restart: until the API answers, until every sequence has
 * answered a status query through an independent Temporal client, until every due touch reached the
 * SMTP server. Checked: nothing lost (every sequence running where it was, every task still open,
 * every due touch sent) and nothing sent twice (SMTP messages by Message-ID, the ledger by touch key).
 *
 * <p>Baselines in the same run: the product's first start on an empty data directory (against the
 * restart), and a status-query sweep of every sequence while the product runs (against the sweep
 * after the restart). The mail server (GreenMail) runs in this JVM, so it outlives the product.
 */
public final class RecoveryBench {

  static final String TASKS = "recovery-tasks";
  static final String DUE = "recovery-due";
  static final int QUERY_THREADS = 8;

  public static void main(String[] argv) {
    Jvm.main("recovery", () -> run(argv));
  }

  static void run(String[] argv) throws Exception {
    Args args = new Args(argv);
    int parked = args.intOption("parked", 2_000);
    int half = parked / 2;
    String title = "8. Recovery: " + Table.count(2 * half) + " parked sequences on the real Temporal dev server, SIGKILL, restart on the same data";
    TemporalCli.Found cli;
    try {
      cli = Servers.cli();
    } catch (TemporalCli.Unavailable e) {
      Results.publish(args, new Table(title, "what", "result").row("recovery", Servers.skipped(e)));
      return;
    }
    Path root = args.root();
    Path jar = Path.of(args.option("product-jar", root.resolve("starter/target/abm-sequencer.jar").toString()));
    Path data = root.resolve("bench/target/recovery-data");
    deleteTree(data);
    Files.createDirectories(data);
    ProductProcess.Ports ports = new ProductProcess.Ports(Servers.freePort(), Servers.freePort(), Servers.freePort(), Servers.freePort(),
        Servers.freePort());
    GreenMail smtp = new GreenMail(new ServerSetup(ports.smtp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + ports.temporal()).build());
    WorkflowClient client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder()
        .setDataConverter(new io.temporal.common.converter.CodecDataConverter(Payloads.dataConverter(),
            List.of(new io.abmsequencer.worker.codec.EncryptingCodec(ProductProcess.CODEC_KEY, List.of())), true))
        .build());
    ProductProcess product = null;
    try {
      // ---- first start, on an empty data directory: the baseline for the restart ----
      Results.progress("starting the product (embedded mode, dev server %s, data in %s) ...", cli.version(), root.relativize(data));
      long t0 = System.nanoTime();
      product = ProductProcess.start(jar, data, ports, data.resolve("product-1.log"));
      LaunchBench.Api api = new LaunchBench.Api(product.base, ProductProcess.USER, ProductProcess.PASSWORD);
      product.awaitAnswering(api, Duration.ofMinutes(10));
      double firstStart = Stats.seconds(System.nanoTime() - t0);
      Results.progress("the product answers %.1f s after it was started", firstStart);

      // ---- half the sequences wait on an SDR task: their launch tells how long the other half will take ----
      upload(api, tasksPlaybook());
      long l0 = System.nanoTime();
      launch(api, TASKS, csv("rt", half));
      awaitCount(service, "AbmStatus = 'AWAITING_TASK'", half, "waiting on their SDR task");
      awaitMail(smtp, half, "welcome e-mails");
      double taskHalf = Stats.seconds(System.nanoTime() - l0);

      // ---- the other half waits for a send window that opens at a set minute: the touch due at the restart ----
      Instant due = Instant.now().plusSeconds((long) (1.5 * taskHalf) + 120).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
      if (due.atZone(ZoneOffset.UTC).getHour() == 23 && due.atZone(ZoneOffset.UTC).getMinute() > 45) {
        throw new IllegalStateException("the due minute " + due + " is too close to midnight UTC for a same-day send window: run again after 00:00 UTC");
      }
      upload(api, duePlaybook(due));
      launch(api, DUE, csv("rd", half));
      awaitCount(service, "AbmStatus = 'WAITING'", half, "waiting for their send window at " + due);
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= half; i++) ids.add(workflowId("rt", i));
      for (int i = 1; i <= half; i++) ids.add(workflowId("rd", i));
      if (smtp.getReceivedMessages().length != half) throw new IllegalStateException("a due touch went out before the crash: raise the margin");

      // ---- the baseline sweep: every sequence answers its status query while the product runs ----
      Results.progress("baseline: a status query to each of the %,d sequences while the product runs ...", ids.size());
      Sweep running = sweep(client, ids, Duration.ofMinutes(10));
      Results.progress("baseline: every sequence answered in %.1f s", running.seconds());

      if (!Instant.now().isBefore(due.minusSeconds(5))) {
        throw new IllegalStateException("everything parked only at " + Instant.now() + ", after the due minute " + due + ": raise the margin");
      }
      // ---- SIGKILL, down until the due minute, restart on the same data ----
      Instant killedAt = Instant.now();
      product.kill();
      Results.progress("killed the product (SIGKILL, pid %d) at %s; restarting it at %s, when %,d touches fall due", product.pid(), killedAt, due, half);
      product = null;
      double portFreed = awaitFree(ports.temporal(), Duration.ofSeconds(60));
      while (Instant.now().isBefore(due)) Thread.sleep(200);
      long r0 = System.nanoTime();
      Instant restartedAt = Instant.now();
      product = ProductProcess.start(jar, data, ports, data.resolve("product-2.log"));
      ProductProcess restarted = product;
      LaunchBench.Api api2 = new LaunchBench.Api(product.base, ProductProcess.USER, ProductProcess.PASSWORD);
      ExecutorService watchers = Executors.newFixedThreadPool(2);
      Future<Double> answering = watchers.submit(() -> {
        restarted.awaitAnswering(api2, Duration.ofMinutes(10));
        return Stats.seconds(System.nanoTime() - r0);
      });
      Future<double[]> touches = watchers.submit(() -> mailTimes(smtp, half, 2 * half, r0, Duration.ofMinutes(15)));
      Sweep afterRestart = sweep(client, ids, Duration.ofMinutes(15));
      double polled = Stats.seconds(afterRestart.lastAnsweredNanos() - r0);
      double firstPolled = Stats.seconds(afterRestart.firstAnsweredNanos() - r0);
      double answered = answering.get();
      double[] sent = touches.get();
      watchers.shutdown();
      Results.progress("after the restart: API %.1f s, every sequence answered by %.1f s, due touches %.1f – %.1f s", answered, polled, sent[0], sent[1]);

      // ---- nothing lost, nothing twice ----
      Thread.sleep(5_000); // a late duplicate, if any, would arrive now
      Check check = check(client, service, smtp, ids, half, ports.postgres());
      product.stop();
      product = null;

      Table table = new Table(title, "what", "baseline (same run)", "after the SIGKILL and restart", "ratio to baseline");
      table.row("the product answers its API", "first start, empty data directory: " + Table.num(firstStart, 1) + " s",
          Table.num(answered, 1) + " s after the restart", Table.ratio(answered / firstStart));
      table.row("every sequence answers a status query (an independent Temporal client, " + QUERY_THREADS + " threads)",
          "all " + Table.count(ids.size()) + " while running: " + Table.num(running.seconds(), 1) + " s",
          "all by " + Table.num(polled, 1) + " s after the restart (first at " + Table.num(firstPolled, 1) + " s; "
              + Table.num(polled - answered, 1) + " s after the API answered)", Table.ratio((polled - firstPolled) / running.seconds()));
      table.row(Table.count(half) + " e-mail touches due at the minute of the restart", "—",
          "first sent " + Table.num(sent[0], 1) + " s, all " + Table.count(half) + " by " + Table.num(sent[1], 1) + " s after the restart", "");
      table.row("lost", "—", check.lost() + " (" + check.describe() + ")", "");
      table.row("sent twice", "—", check.duplicated() + " (" + check.mail() + "; " + check.ledger() + ")", "");
      table.note("%,d sequences: %,d on %s (welcome e-mail, then an SDR call task due in 5 days: parked on the task's timer and its Update) "
          + "and %,d on %s (its e-mail deferred to a send window opening at %s UTC: parked on that timer); one contact an account. "
          + "Launched through POST /api/launches; parked = Temporal's visibility (AbmStatus) counts them all, and GreenMail has the %,d welcome e-mails.",
          2 * half, half, TASKS, half, DUE, due.atZone(ZoneOffset.UTC).toLocalTime(), half);
      table.note("Killed with SIGKILL at %s, %.0f s before the due minute; the dev server's port was free %.1f s after the kill returned (its "
          + "supervisor stopped it: no orphan). Restarted at the due minute on the same data directory (Temporal's SQLite file, PostgreSQL's data), the same ports.",
          killedAt.atZone(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.SECONDS), Duration.between(killedAt, due).toMillis() / 1000.0, portFreed);
      table.note("Status queries: %d threads, each query retried every 200 ms until it is answered (while the server or the worker is down it "
          + "fails or times out). The restart's ratio compares the spread from first to last answer with the baseline sweep. Every query is a "
          + "Temporal Cloud action.", QUERY_THREADS);
      table.note("The product: its executable jar (%s) in a JVM of its own, embedded mode with the Temporal CLI %s's dev server, PostgreSQL "
          + "embedded, SMTP to GreenMail in the benchmark's JVM (it outlives the product), sending caps off (a burst of 1,000 welcome "
          + "e-mails from one sender would meet the daily per-sender cap). Logs in %s.", root.relativize(jar), cli.version(),
          root.relativize(data));
      Results.publish(args, table);
      if (check.lost() > 0 || check.duplicated() > 0) throw new IllegalStateException("lost " + check.lost() + ", duplicated " + check.duplicated());
    } finally {
      if (product != null) product.stop();
      service.shutdownNow();
      smtp.stop();
    }
  }

  // ---- the two playbooks and the list -----------------------------------------------------------

  public static String tasksPlaybook() {
    return """
        id: recovery-tasks
        name: Recovery bench, welcome then a call
        motion: NEW_LOGO
        tier: ONE_TO_MANY
        calendar: {timeZone: UTC, workDays: [MON, TUE, WED, THU, FRI, SAT, SUN], sendWindow: "00:00-24:00"}
        steps:
          - id: welcome
            email: {to: [CHAMPION], subject: "Welcome, {{accountName}}", body: "Hi {{firstName}}, welcome."}
          - id: call
            task: {type: CALL, to: CHAMPION, title: "Call the champion", due: 5 days}
          - id: after-call
            email: {to: [CHAMPION], subject: "After our call", body: "Hi {{firstName}}, thanks for your time."}
        """;
  }

  public static String duePlaybook(Instant due) {
    String opens = due.atZone(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString();
    return """
        id: recovery-due
        name: Recovery bench, a touch due at %s UTC
        motion: NEW_LOGO
        tier: ONE_TO_MANY
        calendar: {timeZone: UTC, workDays: [MON, TUE, WED, THU, FRI, SAT, SUN], sendWindow: "%s-24:00"}
        steps:
          - id: due-touch
            email: {to: [CHAMPION], subject: "Due at %s, {{accountName}}", body: "Hi {{firstName}}, this one was due at %s UTC."}
          - id: then-wait
            wait: 30 days
        """.formatted(opens, opens, opens, opens);
  }

  /** Accounts {@code prefix-00001...} of one champion each, in UTC. */
  public static String csv(String prefix, int accounts) {
    StringBuilder csv = new StringBuilder(TargetList.HEADER).append('\n');
    for (int i = 1; i <= accounts; i++) {
      String id = String.format("%s-%05d", prefix, i);
      csv.append(id).append(",Account ").append(i).append(" Inc,").append(id).append(".example,Fintech,1:many,jane.doe@yourco.example,")
          .append("priya.raman@").append(id).append(".example,Priya,Raman,Head of Payments Operations,CHAMPION,,UTC\n");
    }
    return csv.toString();
  }

  static String workflowId(String prefix, int i) {
    return String.format("abm-new-logo-%s-%05d", prefix, i);
  }

  // ---- driving the product ----------------------------------------------------------------------

  static void upload(LaunchBench.Api api, String yaml) throws Exception {
    HttpResponse<String> r = api.post("/api/playbooks", "application/yaml", yaml);
    if (r.statusCode() != 201) throw new IllegalStateException("playbook refused: " + r.statusCode() + " " + r.body());
  }

  static void launch(LaunchBench.Api api, String playbook, String csv) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> accepted = api.post("/api/launches?playbook=" + playbook, "text/csv", csv);
    if (accepted.statusCode() != 202) throw new IllegalStateException("launch refused: " + accepted.statusCode() + " " + accepted.body());
    String id = LaunchBench.field(accepted.body(), "launchId");
    long lastPrint = 0;
    while (true) {
      String progress = api.get("/api/launches/" + id).body();
      if ("true".equals(LaunchBench.field(progress, "done"))) {
        if (LaunchBench.number(progress, "failed") > 0) throw new IllegalStateException("launch failed in part: " + progress);
        Results.progress("launched %s in %.1f s: %s", playbook, Stats.seconds(System.nanoTime() - t0), progress);
        return;
      }
      if (System.nanoTime() - lastPrint > 5_000_000_000L) {
        Results.progress("  launch of %s: %,d started", playbook, LaunchBench.number(progress, "started"));
        lastPrint = System.nanoTime();
      }
      Thread.sleep(1_000);
    }
  }

  static long count(WorkflowServiceStubs service, String query) {
    return service.blockingStub().countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder()
        .setNamespace("default").setQuery(query).build()).getCount();
  }

  /** Polls Temporal's visibility (eventually consistent) until {@code query} counts {@code expected}. */
  static void awaitCount(WorkflowServiceStubs service, String query, int expected, String what) throws InterruptedException {
    long t0 = System.nanoTime();
    long lastPrint = 0;
    while (true) {
      long n = count(service, query);
      if (n >= expected) {
        Results.progress("  %,d %s (%.1f s)", n, what, Stats.seconds(System.nanoTime() - t0));
        return;
      }
      if (System.nanoTime() - lastPrint > 5_000_000_000L) {
        Results.progress("  %,d of %,d %s", n, expected, what);
        lastPrint = System.nanoTime();
      }
      if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(20)) throw new IllegalStateException(n + " of " + expected + " " + what + " after 20 minutes");
      Thread.sleep(500);
    }
  }

  static void awaitMail(GreenMail smtp, int expected, String what) throws InterruptedException {
    long t0 = System.nanoTime();
    while (smtp.getReceivedMessages().length < expected) {
      if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(10)) {
        throw new IllegalStateException(smtp.getReceivedMessages().length + " of " + expected + " " + what + " after 10 minutes");
      }
      Thread.sleep(250);
    }
  }

  /** Seconds from {@code r0} until the mail server held more than {@code before} messages, and until it held {@code all}. */
  static double[] mailTimes(GreenMail smtp, int before, int all, long r0, Duration timeout) throws InterruptedException {
    double first = -1;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      int n = smtp.getReceivedMessages().length;
      if (n > before && first < 0) first = Stats.seconds(System.nanoTime() - r0);
      if (n >= all) return new double[] {first, Stats.seconds(System.nanoTime() - r0)};
      Thread.sleep(100);
    }
    throw new IllegalStateException("only " + smtp.getReceivedMessages().length + " of " + all + " e-mails after " + timeout.toMinutes() + " minutes");
  }

  static double awaitFree(int port, Duration timeout) throws InterruptedException {
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < timeout.toNanos()) {
      try (java.net.ServerSocket s = new java.net.ServerSocket()) {
        s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
        return Stats.seconds(System.nanoTime() - t0);
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("port " + port + " still taken " + timeout.toSeconds() + " s after the kill: the dev server outlived the product");
  }

  // ---- status queries ---------------------------------------------------------------------------

  record Sweep(long firstAnsweredNanos, long lastAnsweredNanos, double seconds, List<SequenceStatus> statuses) {}

  /** Queries every sequence's status on {@value #QUERY_THREADS} threads, each query retried until answered. */
  static Sweep sweep(WorkflowClient client, List<String> ids, Duration timeout) throws Exception {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    AtomicInteger next = new AtomicInteger();
    java.util.concurrent.atomic.AtomicLong first = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
    SequenceStatus[] statuses = new SequenceStatus[ids.size()];
    ExecutorService pool = Executors.newFixedThreadPool(QUERY_THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < QUERY_THREADS; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
            AccountSequenceWorkflow stub = client.newWorkflowStub(AccountSequenceWorkflow.class, ids.get(i));
            while (true) {
              try {
                statuses[i] = stub.status();
                long now = System.nanoTime();
                first.accumulateAndGet(now, Math::min);
                last.accumulateAndGet(now, Math::max);
                break;
              } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) throw new IllegalStateException(ids.get(i) + " did not answer its status query: " + e, e);
                Thread.sleep(200);
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdownNow();
    }
    return new Sweep(first.get(), last.get(), Stats.seconds(System.nanoTime() - t0), List.of(statuses));
  }

  // ---- nothing lost, nothing twice --------------------------------------------------------------

  record Check(int lost, int duplicated, String describe, String mail, String ledger) {}

  static Check check(WorkflowClient client, WorkflowServiceStubs service, GreenMail smtp, List<String> ids, int half, int postgresPort) throws Exception {
    Sweep now = sweep(client, ids, Duration.ofMinutes(5));
    int lost = 0;
    int tasksOpen = 0;
    int touched = 0;
    for (int i = 0; i < ids.size(); i++) {
      SequenceStatus s = now.statuses().get(i);
      boolean tasksHalf = i < half;
      boolean ok = tasksHalf
          ? s.status() == SequenceStatusCode.AWAITING_TASK && s.openTasks().size() == 1 && s.touches() == 1
          : s.status() == SequenceStatusCode.WAITING && s.touches() == 1;
      if (tasksHalf && s.openTasks().size() == 1) tasksOpen++;
      if (!tasksHalf && s.touches() == 1) touched++;
      if (!ok) lost++;
    }
    long running = count(service, "ExecutionStatus = 'Running' AND WorkflowType = 'AccountSequence'");
    lost = Math.max(lost, (int) (ids.size() - running));

    MimeMessage[] messages = smtp.getReceivedMessages();
    Set<String> messageIds = new HashSet<>();
    Set<String> touches = new HashSet<>();
    for (MimeMessage m : messages) {
      messageIds.add(m.getMessageID());
      touches.add(m.getAllRecipients()[0] + "|" + m.getSubject());
    }
    int mailDuplicates = messages.length - messageIds.size();
    int touchDuplicates = messages.length - touches.size();

    int sentRows;
    int sentKeys;
    try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/abm", "postgres", "");
        ResultSet r = db.createStatement().executeQuery("select count(*), count(distinct touch_key), count(distinct message_id) from touches "
            + "where channel = 'EMAIL' and status = 'SENT'")) {
      r.next();
      sentRows = r.getInt(1);
      sentKeys = r.getInt(2);
    }
    int duplicated = Math.max(Math.max(mailDuplicates, touchDuplicates), sentRows - sentKeys);
    lost = Math.max(lost, 2 * half - messages.length);
    return new Check(lost, duplicated,
        String.format("%,d sequences running in Temporal's visibility; %,d of %,d task sequences AWAITING_TASK with their task open; %,d of %,d due sequences "
            + "touched once and WAITING again", running, tasksOpen, half, touched, half),
        String.format("GreenMail: %,d messages, %,d distinct Message-IDs, %,d distinct recipient + subject", messages.length, messageIds.size(), touches.size()),
        String.format("ledger: %,d SENT rows, %,d distinct touch keys", sentRows, sentKeys));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
