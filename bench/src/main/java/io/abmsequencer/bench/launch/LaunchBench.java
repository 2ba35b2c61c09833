package io.abmsequencer.bench.launch;

import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.ConsoleSession;
import io.abmsequencer.bench.support.Cpu;
import io.abmsequencer.bench.support.Servers;
import io.abmsequencer.worker.devserver.TemporalCli;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Results;
import io.abmsequencer.bench.support.Stats;
import io.abmsequencer.bench.support.Table;
import io.abmsequencer.activities.playbook.PlaybookStore;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import io.abmsequencer.bench.simulation.Histories;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.abmsequencer.workflows.sequence.SequenceInput;
import java.lang.reflect.Method;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 1: launching a 5,000-account target account list through the product's API
 * ({@code POST /api/launches}, progress from {@code GET /api/launches/{id}}) against raw
 * {@code WorkflowClient.start} of as many trivial workflows on the same Temporal server. Goal: at
 * least 0.8× the raw rate, launch progress visible throughout.
 *
 * <p>Runs inside the product's executable jar (started by the harness through Spring Boot's
 * {@code PropertiesLauncher} with bench's classes added): the starter in embedded mode as a user
 * runs it — worker, PostgreSQL and SMTP in-process, the demo users — on free ports, once per
 * Temporal server ({@code --server}): the real dev server (a child process, as embedded mode runs it
 * by default) or the in-memory Java test server (its fallback). The baseline starts its workflows with the application's own {@code WorkflowClient} on 8
 * threads (the launch's {@code abm.launch.threads} default), and a worker of its own (same JVM,
 * same server) runs them, as the embedded worker runs the launched sequences. Raw runs and
 * launches alternate (raw, launch, raw, launch, raw); the ratio is the launches' rate over the raw
 * runs' mean. Diagnostics tell the costs apart: the product's own start call without the launch,
 * and both sides again with every worker's polling suspended.
 */
public final class LaunchBench {
  public static final String PLAYBOOK = "customer-expansion-1tomany";
  static final String TRIVIAL_QUEUE = "bench-trivial";
  static final int THREADS = 8;
  /** How often the benchmark reads the launch's progress, as a user's script or the console would. */
  static final int POLL_MILLIS = 1_000;
  /** Measured launches; the raw baseline runs before, between and after them. */
  static final int ROUNDS = 2;

  public record Launch(int accounts, double seconds, double acceptedSeconds, int started, int failed, int alreadyRunning,
      int progressReadings, double meanReadMillis, int progressSteps, double longestStall, double firstProgress, int maxAwaitingConnection) {
    double rate() {
      return accounts / seconds;
    }
  }

  /** The application's connection pool, watched while the launch runs. */
  public static com.zaxxer.hikari.HikariDataSource pool;

  public static void main(String[] argv) {
    Jvm.main("launch", () -> run(argv));
  }

  static void run(String[] argv) throws Exception {
    Args args = new Args(argv);
    int size = args.intOption("size", 5_000);
    Servers.Kind server = Servers.one(args);
    String title = "1. Bulk launch on " + server.words + ": " + Table.count(size) + " accounts through the API, against raw WorkflowClient.start";
    String cliVersion = null;
    if (server == Servers.Kind.DEV) {
      try {
        cliVersion = Servers.cli().version();
      } catch (TemporalCli.Unavailable e) {
        Results.publish(args, new Table(title, "what", "result").row("bulk launch", Servers.skipped(e)));
        return;
      }
    }
    String zone = TargetList.nightZone(Instant.now());
    Results.progress("starting the product in embedded mode on %s (worker, PostgreSQL, SMTP in this JVM) ...", server.words);
    ConfigurableApplicationContext context = startProduct(args, server);
    boolean everyAccountStarted = true;
    try {
      String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
      WorkflowClient client = context.getBean(WorkflowClient.class);
      WorkerFactory trivialWorkers = WorkerFactory.newInstance(client);
      trivialWorkers.newWorker(TRIVIAL_QUEUE).registerWorkflowImplementationTypes(TrivialWorkflow.Impl.class);
      trivialWorkers.start();
      // Progress is read as the console's progress page reads it (signed in, a session): the API's HTTP Basic checks a bcrypt
      // hash on every request, and a read every second cost this JVM as much CPU as the launch it watched (JFR, dev server).
      Api api = new Api(base).followingProgressIn(ConsoleSession.signIn(base, "marketer", "marketer-demo"));
      pool = context.getBean(com.zaxxer.hikari.HikariDataSource.class);

      JdbcClient jdbc = context.getBean(JdbcClient.class);
      WorkerFactory embeddedWorkers = context.getBean(WorkerFactory.class);

      Results.progress("warm-up: 200 raw starts and a 100-account launch (contacts in %s, where it is night now)", zone);
      rawStarts(client, "warm", 200, false);
      launch(api, "warm", 100, zone, false);
      int sequences = 100;
      awaitParked(jdbc, sequences);

      Playbook playbook = context.getBean(PlaybookStore.class).latest(PLAYBOOK).orElseThrow().playbook();
      Object sequenceClient = context.getBean(Class.forName("io.abmsequencer.starter.sequence.SequenceClient"));
      Method start = sequenceClient.getClass().getMethod("start", SequenceInput.class);

      // Raw and launch alternate (raw, launch, raw, launch, raw), so drift in the shared machine's load hits both.
      // Each phase starts on a quiet machine: the worker has parked what the phase before started.
      List<Double> raws = new ArrayList<>();
      List<Launch> launches = new ArrayList<>();
      // CPU seconds {this JVM, the dev server} from each phase's start until what it started has run its first tasks.
      double[] rawCpu = new double[2];
      double[] productCpu = new double[2];
      // And the seconds until then: starting is not all of it when the worker lags behind the starts.
      double rawRunSeconds = 0;
      double productParkedSeconds = 0;
      for (int round = 1; round <= ROUNDS; round++) {
        long[] c0 = Cpu.now();
        long t0 = System.nanoTime();
        int trivialBefore = TrivialWorkflow.STARTED_RUNNING.get();
        raws.add(rawStarts(client, "raw" + round, size, true));
        awaitTrivialRun(trivialBefore + size);
        rawRunSeconds += Stats.seconds(System.nanoTime() - t0);
        Thread.sleep(3_000);
        add(rawCpu, Cpu.since(c0));
        long[] c1 = Cpu.now();
        long t1 = System.nanoTime();
        launches.add(launch(api, "acct" + round, size, zone, true));
        awaitParked(jdbc, sequences += size);
        productParkedSeconds += Stats.seconds(System.nanoTime() - t1);
        add(productCpu, Cpu.since(c1));
      }
      raws.add(rawStarts(client, "raw" + (ROUNDS + 1), size, true));
      Thread.sleep(3_000);
      double direct = directStarts(sequenceClient, start, playbook, size, zone, "direct");
      awaitParked(jdbc, sequences += size);
      String launched = WorkflowIds.of(playbook.motion(), "acct1-00001");
      var firstRun = Histories.count("first", client.fetchHistory(launched).getEvents());

      double rawRate = raws.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double productSeconds = launches.stream().mapToDouble(Launch::seconds).sum();
      double productRate = (double) size * launches.size() / productSeconds;
      double ratio = productRate / rawRate;
      Launch product = launches.get(launches.size() - 1);

      // The same two, with every worker's polling suspended: only starting is measured, nothing runs what was started.
      Results.progress("diagnostic: the same with the workers' polling suspended");
      embeddedWorkers.suspendPolling();
      trivialWorkers.suspendPolling();
      Thread.sleep(3_000);
      double rawPaused = rawStarts(client, "raw-paused", size, true);
      double directPaused = directStarts(sequenceClient, start, playbook, size, zone, "direct-paused");
      Launch paused = launch(api, "paused", size, zone, true);
      int inputBytes = Payloads.dataConverter().toPayload(input("direct-00001", 1, playbook, zone)).orElseThrow().getSerializedSize();
      int trivialBytes = Payloads.dataConverter().toPayload("trivial").orElseThrow().getSerializedSize();

      Table table = new Table(title,
          "what", "starts/s", "time", "ratio to baseline", "goal", "result");
      table.row("baseline: raw WorkflowClient.start of " + Table.count(size) + " trivial workflows, " + THREADS
              + " threads (mean of " + raws.size() + " runs: " + String.join(", ", raws.stream().map(r -> Table.num(r, 0)).toList()) + "/s)",
          Table.num(rawRate, 0), Table.num(size / rawRate, 1) + " s", "1.00", "", "");
      table.row("product: POST /api/launches, " + Table.count(size) + "-account CSV (" + Table.count(2L * size)
              + " rows), until its progress says done (" + launches.size() + " launches: "
              + String.join(", ", launches.stream().map(l -> Table.num(l.rate(), 0)).toList()) + "/s)",
          Table.num(productRate, 0), Table.num(size / productRate, 1) + " s", Table.ratio(ratio), "≥ 0.80", Table.atLeast(ratio, 0.8));
      double rawRunRate = ROUNDS * (double) size / rawRunSeconds;
      double parkedRate = ROUNDS * (double) size / productParkedSeconds;
      table.row("until run — baseline: raw starts until the worker has run every trivial workflow's first task (" + ROUNDS + " rounds)",
          Table.num(rawRunRate, 0), Table.num(size / rawRunRate, 1) + " s", "1.00", "", "");
      table.row("until run — product: POST /api/launches until every launched sequence has parked on its timer (" + ROUNDS + " launches)",
          Table.num(parkedRate, 0), Table.num(size / parkedRate, 1) + " s", Table.ratio(parkedRate / rawRunRate), "(context)", "");
      table.row("diagnostic: the product's SequenceClient.start of " + Table.count(size) + " of the same sequences, " + THREADS
              + " threads (no CSV, no launch tables)", Table.num(direct, 0), Table.num(size / direct, 1) + " s", Table.ratio(direct / rawRate),
          "(context)", "");
      table.row("workers paused — baseline: raw WorkflowClient.start of " + Table.count(size) + " trivial workflows",
          Table.num(rawPaused, 0), Table.num(size / rawPaused, 1) + " s", "1.00", "", "");
      table.row("workers paused — diagnostic: SequenceClient.start of " + Table.count(size) + " of the same sequences",
          Table.num(directPaused, 0), Table.num(size / directPaused, 1) + " s", Table.ratio(directPaused / rawPaused), "(context)", "");
      table.row("workers paused — product: POST /api/launches, " + Table.count(size) + " accounts, until done",
          Table.num(paused.rate(), 0), Table.num(paused.seconds(), 1) + " s", Table.ratio(paused.rate() / rawPaused), "(context)", "");
      table.note("The last launch: %,d started, %,d already running, %,d failed. The API answered 202 after %.2f s (upload, validation of "
              + "every row, %,d accounts stored). Progress, read %,d times as the console's progress page reads it "
              + "(/launch/{id}/progress, signed in, every second, %.0f ms per read on average) and printed every "
              + "2 s: first movement %.1f s after the POST, %,d movements in all, at most %.1f s without one.",
          product.started(), product.alreadyRunning(), product.failed(), product.acceptedSeconds(), size, product.progressReadings(),
          product.meanReadMillis(), product.firstProgress(), product.progressSteps(), product.longestStall());
      table.note("Before it parks on its send-window timer, each launched sequence runs %d workflow tasks, %d activities "
          + "(RecordSequence, the read model, before \"records-when-waiting\") and records %d markers (version decisions, and the "
          + "read model's record as a local activity after it) in %d history events; the trivial workflow runs 1 workflow task and starts 1 timer.",
          firstRun.count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED), firstRun.count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
          firstRun.count(EventType.EVENT_TYPE_MARKER_RECORDED), firstRun.events());
      table.note("CPU seconds per 1,000 started, from each phase's start until what it started has parked (mean of the %d rounds): "
          + "raw — this JVM %.1f, %s; product — this JVM %.1f, %s.", ROUNDS,
          1000 * rawCpu[0] / (ROUNDS * (double) size), server == Servers.Kind.DEV ? "the dev server " + Table.num(1000 * rawCpu[1] / (ROUNDS * (double) size), 1) : "(the server runs in this JVM)",
          1000 * productCpu[0] / (ROUNDS * (double) size), server == Servers.Kind.DEV ? "the dev server " + Table.num(1000 * productCpu[1] / (ROUNDS * (double) size), 1) : "(the server runs in this JVM)");
      table.note("Each sequence's start carries its input, the playbook snapshot and the committee: %,d bytes as a Temporal payload, "
          + "against %,d bytes for the trivial workflow's.", inputBytes, trivialBytes);
      table.note("Database connections (one Hikari pool of %d shared by the launch's threads, the API and the embedded worker's activities): "
          + "up to %,d threads waited for one while the launch ran (%,d with the workers paused).", pool.getMaximumPoolSize(),
          product.maxAwaitingConnection(), paused.maxAwaitingConnection());
      table.note("Embedded mode on free ports, the shipped %s playbook, accounts of two people in %s where it is night at launch, "
          + "so each sequence records itself and waits for its send window (no e-mail goes out during the benchmark). "
          + "Both sides start on the same Temporal server (%s) while a worker in the same JVM runs what was started (the trivial "
          + "workflows on a worker of their own); before each measured phase the worker has parked everything started before. "
          + "\"Workers paused\": WorkerFactory.suspendPolling() on both, so nothing runs what is started.", PLAYBOOK, zone,
          server == Servers.Kind.DEV ? "the Temporal CLI " + cliVersion + "'s dev server, a child process of this JVM, SQLite in a "
              + "throw-away directory" : "the in-memory Java test server, in this JVM");
      if (args.options().containsKey("product-jar")) table.note("Product build: %s (--product-jar).", args.option("product-jar", ""));
      Results.publish(args, table);
      for (Launch l : launches) everyAccountStarted &= l.started() == size;
      trivialWorkers.shutdownNow();
    } finally {
      stopProduct(context);
    }
    if (!everyAccountStarted) throw new IllegalStateException("a launch did not start every account");
  }

  /**
   * The product as a user runs it, in embedded mode (the Temporal server of {@code server}, the
   * worker, PostgreSQL and SMTP, the demo users), on free ports, from its executable jar; the dev
   * server keeps its SQLite file in a throw-away directory.
   */
  public static ConfigurableApplicationContext startProduct(Args args, Servers.Kind server) throws ClassNotFoundException {
    Class<?> app = Class.forName("io.abmsequencer.starter.StarterApplication");
    return SpringApplication.run(app,
        "--server.port=0",
        "--spring.main.banner-mode=off",
        "--logging.level.root=WARN",
        "--abm.embedded.temporal.server=" + (server == Servers.Kind.DEV ? "dev-server" : "in-memory"),
        "--abm.embedded.temporal.data-dir=temp",
        "--abm.embedded.temporal.ui-port=0",
        "--abm.embedded.temporal.port=0",
        "--abm.embedded.postgres.port=0",
        "--abm.embedded.postgres.data-dir=temp",
        "--abm.embedded.smtp.port=0",
        "--abm.embedded.imap.port=0",
        "--abm.mail.inbound.poll-interval=1h",
        // Only to test a diagnosis (--pool=N); the benchmark itself runs the product's default pool.
        args.options().containsKey("pool") ? "--spring.datasource.hikari.maximum-pool-size=" + args.option("pool", "10") : "--abm.bench=true",
        // Likewise (--launch-threads=N): the launch's start threads; the product's default is 8.
        args.options().containsKey("launch-threads") ? "--abm.launch.threads=" + args.option("launch-threads", "8") : "--abm.bench=true");
  }

  /** Stops the product quietly: shutting down with sequences mid-activity logs a page of connection errors, not the benchmark's business. */
  public static void stopProduct(ConfigurableApplicationContext context) {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.OFF);
    context.close();
  }

  /** Waits until the trivial worker has run the first task of {@code expected} trivial workflows in all. */
  static void awaitTrivialRun(int expected) throws InterruptedException {
    long t0 = System.nanoTime();
    while (TrivialWorkflow.STARTED_RUNNING.get() < expected) {
      if (System.nanoTime() - t0 > Duration.ofMinutes(15).toNanos()) throw new IllegalStateException("the trivial worker lags 15 minutes behind");
      Thread.sleep(100);
    }
  }

  private static void add(double[] sum, double[] more) {
    for (int i = 0; i < sum.length; i++) sum[i] += more[i];
  }

  /** Starts {@code size} trivial workflows on {@value #THREADS} threads; returns starts per second. */
  static double rawStarts(WorkflowClient client, String prefix, int size, boolean report) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    if (report) Results.progress("baseline: raw WorkflowClient.start of %,d trivial workflows on %d threads ...", size, THREADS);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
            TrivialWorkflow stub = client.newWorkflowStub(TrivialWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId("bench-" + prefix + "-" + i).setTaskQueue(TRIVIAL_QUEUE).build());
            WorkflowClient.start(stub::run, "trivial");
            done.incrementAndGet();
          }
          return null;
        }));
      }
      long lastPrint = System.nanoTime();
      for (Future<?> f : futures) {
        while (true) {
          try {
            f.get(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            break;
          } catch (java.util.concurrent.TimeoutException e) {
            if (report && System.nanoTime() - lastPrint > 2_000_000_000L) {
              Results.progress("  baseline: %,d of %,d started", done.get(), size);
              lastPrint = System.nanoTime();
            }
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = Stats.seconds(System.nanoTime() - t0);
    if (report) Results.progress("baseline: %,d started in %.1f s = %,.0f/s", size, seconds, size / seconds);
    return size / seconds;
  }

  /**
   * The same sequences started straight through the product's {@code SequenceClient} (its start
   * options: summary, details, memo), without the CSV and the launch's database work: tells the
   * launch machinery's cost from the cost of running what was started.
   */
  static double directStarts(Object sequenceClient, Method start, Playbook playbook, int size, String zone, String prefix) throws Exception {
    Results.progress("diagnostic: SequenceClient.start of %,d sequences on %d threads ...", size, THREADS);
    AtomicInteger next = new AtomicInteger(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long t0 = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i <= size; i = next.getAndIncrement()) {
            start.invoke(sequenceClient, input(String.format("%s-%05d", prefix, i), i, playbook, zone));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdownNow();
    }
    double seconds = Stats.seconds(System.nanoTime() - t0);
    Results.progress("diagnostic: %,d started in %.1f s = %,.0f/s", size, seconds, size / seconds);
    return size / seconds;
  }

  /** What the launch would start for an account of the generated list. */
  static SequenceInput input(String id, int i, Playbook playbook, String zone) {
    String domain = id + ".example";
    List<Contact> contacts = List.of(
        contact("priya.raman@" + domain, "Priya", "Raman", "Head of Payments Operations", Role.CHAMPION, zone),
        contact("marcus.bell@" + domain, "Marcus", "Bell", "Payments Analyst", Role.END_USER, zone));
    return new SequenceInput(new Account(id, "Account " + i + " Inc", domain, "Fintech"), contacts, "jane.doe@yourco.example",
        playbook.tier(), playbook, "direct", null, null);
  }

  private static Contact contact(String email, String first, String last, String title, Role role, String zone) {
    return new Contact(ContactIds.of(email), email, first, last, title, role, null, zone, false);
  }

  /** Waits until the read model shows {@code expected} sequences waiting: the worker has run their first tasks. */
  public static void awaitParked(JdbcClient jdbc, int expected) throws InterruptedException {
    long t0 = System.nanoTime();
    long lastPrint = t0;
    while (true) {
      int waiting = jdbc.sql("select count(*) from sequences where status = 'WAITING'").query(Integer.class).single();
      if (waiting >= expected) {
        Results.progress("  the worker has parked all %,d sequences (%.1f s after the phase ended)", expected, Stats.seconds(System.nanoTime() - t0));
        return;
      }
      if (System.nanoTime() - lastPrint > 5_000_000_000L) {
        Results.progress("  waiting for the worker: %,d of %,d sequences parked", waiting, expected);
        lastPrint = System.nanoTime();
      }
      if (System.nanoTime() - t0 > Duration.ofMinutes(15).toNanos()) throw new IllegalStateException(waiting + " of " + expected + " parked after 15 minutes");
      Thread.sleep(500);
    }
  }

  /** POSTs a generated list and follows its progress until done. */
  public static Launch launch(Api api, String prefix, int size, String zone, boolean report) throws Exception {
    String csv = TargetList.csv(prefix, size, zone);
    if (report) Results.progress("product: POST /api/launches?playbook=%s with %,d accounts (%,d rows, %,d KiB) ...", PLAYBOOK, size,
        2 * size, csv.length() / 1024);
    long t0 = System.nanoTime();
    HttpResponse<String> accepted = api.post("/api/launches?playbook=" + PLAYBOOK, "text/csv", csv);
    double acceptedSeconds = Stats.seconds(System.nanoTime() - t0);
    if (accepted.statusCode() != 202) throw new IllegalStateException("launch refused: " + accepted.statusCode() + " " + accepted.body());
    String launchId = field(accepted.body(), "launchId");
    if (report) Results.progress("  202 after %.2f s: launch %s", acceptedSeconds, launchId);
    int readings = 0;
    long lastPrint = System.nanoTime();
    // How visible the progress is: how often the counters moved, the longest wait without a move.
    int steps = 0;
    int lastCount = 0;
    long lastMove = System.nanoTime();
    double longestStall = 0;
    double firstProgress = -1;
    int maxAwaiting = 0;
    double readMillis = 0;
    while (true) {
      maxAwaiting = Math.max(maxAwaiting, pool.getHikariPoolMXBean().getThreadsAwaitingConnection());
      long r0 = System.nanoTime();
      String progress = api.progress(launchId);
      readMillis += Stats.millis(System.nanoTime() - r0);
      readings++;
      long now = System.nanoTime();
      int count = number(progress, "started") + number(progress, "alreadyRunning") + number(progress, "failed");
      if (count != lastCount) {
        steps++;
        longestStall = Math.max(longestStall, Stats.seconds(now - lastMove));
        if (firstProgress < 0) firstProgress = Stats.seconds(now - t0);
        lastCount = count;
        lastMove = now;
      }
      boolean done = "true".equals(field(progress, "done"));
      if (done) {
        double seconds = Stats.seconds(now - t0);
        Launch launch = new Launch(size, seconds, acceptedSeconds, number(progress, "started"), number(progress, "failed"),
            number(progress, "alreadyRunning"), readings, readMillis / readings,
            steps, longestStall, firstProgress, maxAwaiting);
        if (report) Results.progress("product: done in %.1f s = %,.0f/s (%s)", seconds, launch.rate(), progress);
        return launch;
      }
      if (report && System.nanoTime() - lastPrint > 2_000_000_000L) {
        Results.progress("  launch %s: %,d of %,d started, %,d pending, %,d failed (connection pool: %d of %d busy, %d threads waiting)",
            launchId, number(progress, "started"), size, number(progress, "pending"), number(progress, "failed"),
            pool.getHikariPoolMXBean().getActiveConnections(), pool.getMaximumPoolSize(), pool.getHikariPoolMXBean().getThreadsAwaitingConnection());
        lastPrint = System.nanoTime();
      }
      if (System.nanoTime() - t0 > Duration.ofMinutes(30).toNanos()) throw new IllegalStateException("launch not done after 30 minutes: " + progress);
      Thread.sleep(POLL_MILLIS);
    }
  }

  public static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|[^,}\\s]+)").matcher(json);
    if (!m.find()) throw new IllegalStateException("no '" + name + "' in " + json);
    return m.group(2) != null ? m.group(2) : m.group(1);
  }

  public static int number(String json, String name) {
    return Integer.parseInt(field(json, name));
  }

  /** The product's API over HTTP, as the marketer demo user or a configured one (HTTP Basic). */
  public static final class Api {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String auth;

    private ConsoleSession console;

    public Api(String base) {
      this(base, "marketer", "marketer-demo");
    }

    /** As a configured user: outside the all-embedded mode there are no demo users. */
    public Api(String base, String username, String password) {
      this.base = base;
      this.auth = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Launch progress from the console's {@code /launch/{id}/progress}, with that session, instead of the API. */
    public Api followingProgressIn(ConsoleSession console) {
      this.console = console;
      return this;
    }

    /** A launch's progress as JSON: the console's endpoint when following it there, else {@code GET /api/launches/{id}}. */
    public String progress(String launchId) throws Exception {
      HttpResponse<String> r = console != null ? console.get("/launch/" + launchId + "/progress") : get("/api/launches/" + launchId);
      if (r.statusCode() != 200) throw new IllegalStateException("progress of " + launchId + ": " + r.statusCode() + " " + r.body());
      return r.body();
    }

    public HttpResponse<String> post(String path, String contentType, String body) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).header("Content-Type", contentType)
          .header("Accept", "application/json").timeout(Duration.ofMinutes(5))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).header("Accept", "application/json")
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
