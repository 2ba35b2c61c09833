package io.abmsequencer.bench.footprint;

import io.abmsequencer.bench.support.Args;
import io.abmsequencer.bench.support.Servers;
import io.abmsequencer.worker.devserver.DevServer;
import io.abmsequencer.worker.devserver.TemporalCli;
import io.abmsequencer.bench.support.Jvm;
import io.abmsequencer.bench.support.Results;
import io.abmsequencer.bench.support.Table;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceSearchAttributes;
import io.abmsequencer.workflows.sequence.WorkflowIds;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 4: the heap (after full GCs) of one worker JVM holding 5,000 open sequences parked on
 * timers, against the same worker holding 5,000 trivial workflows parked on {@code Workflow.sleep}.
 * Goal: at most twice the raw figure.
 *
 * <p>The Temporal server ({@code --server}): the real dev server as a child process, or the in-memory
 * test server's services on 127.0.0.1 in real time in this JVM; each worker runs in a fresh JVM of its own ({@code -Xmx2g}, G1),
 * so its heap holds only the worker: the SDK, its workflow cache and the workflows in it. The
 * sequences are the shipped 1:many playbook ({@code customer-expansion-1tomany}) for accounts of
 * three people, with the send window opened to every hour so each sends its welcome e-mail and
 * then waits 30 days, whatever the time of day; its channels keep nothing. The trivial workflow
 * makes one activity call, then sleeps 30 days.
 */
public final class FootprintBench {

  /** One worker setting measured on both sides. */
  record Cache(String label, int size, int threads) {}

  record Heap(long idle, long loaded, int threads) {}

  /** Workflow tasks the SDK's deadlock detector (1 s without yielding) failed; Temporal retries them. */
  static final AtomicInteger DEADLOCK_RETRIES = new AtomicInteger();

  /** Where the dev server writes its log. */
  static java.nio.file.Path devLog;

  public static void main(String[] argv) {
    Jvm.main("footprint", () -> run(argv));
  }

  static void run(String[] argv) throws Exception {
    Args args = new Args(argv);
    int size = args.intOption("size", 5_000);
    Servers.Kind server = Servers.one(args);
    devLog = args.root().resolve("bench/target/bench-results/footprint-temporal.log");
    String title = "4. Footprint on " + server.words + ": one worker holding " + Table.count(size) + " open workflows parked on timers";
    TemporalCli.Found cli = null;
    if (server == Servers.Kind.DEV) {
      try {
        cli = Servers.cli();
      } catch (TemporalCli.Unavailable e) {
        Results.publish(args, new Table(title, "what", "result").row("footprint", Servers.skipped(e)));
        return;
      }
    }
    Playbook playbook = openAllHours(Files.readString(args.root().resolve("playbooks/customer-expansion-1tomany.yaml")));

    List<Cache> caches = List.of(
        // The product's worker sets no cache properties: these are the SDK's defaults.
        new Cache("the product's worker settings: SDK defaults, workflowCacheSize 600, maxWorkflowThreadCount 600", 600, 600),
        new Cache("every workflow cached: workflowCacheSize " + size + ", maxWorkflowThreadCount " + (size + 100), size, size + 100));

    Table table = new Table(title,
        "worker cache", "what", "heap after GC, idle", "heap after GC, loaded", "per workflow", "threads", "ratio to baseline", "goal", "result");
    for (Cache cache : caches) {
      Heap trivial = measure("trivial", size, cache, playbook, cli);
      Heap product = measure("product", size, cache, playbook, cli);
      double ratio = (double) product.loaded() / trivial.loaded();
      boolean judged = cache == caches.get(0);
      table.row(cache.label(), "baseline: " + Table.count(size) + " trivial workflows (1 activity, then Workflow.sleep 30 days)",
          mib(trivial.idle()), mib(trivial.loaded()), kib((trivial.loaded() - trivial.idle()) / (double) size),
          String.valueOf(trivial.threads()), "1.00", "", "");
      table.row(cache.label(), "product: " + Table.count(size) + " customer-expansion-1tomany sequences (welcome e-mail sent, waiting 30 days)",
          mib(product.idle()), mib(product.loaded()), kib((product.loaded() - product.idle()) / (double) size),
          String.valueOf(product.threads()), Table.ratio(ratio), judged ? "≤ 2.00" : "(context)", judged ? Table.atMost(ratio, 2.0) : "");
    }
    table.note("Heap used after five System.gc() calls 200 ms apart (the smallest reading, MemoryMXBean), in a fresh worker JVM per row "
        + "(-Xmx2g, G1): idle = started and polling, nothing run yet; loaded = every workflow has run its first tasks and waits on a timer "
        + "(activity calls counted and steady for 3 s). Per workflow = (loaded − idle) / %,d.", size);
    table.note("Ratio = loaded heap of the product's worker / loaded heap of the trivial worker. The server, a fresh one for each row: %s; "
        + "workflows are started from the benchmark's JVM on 8 threads.", cli != null
            ? "the Temporal CLI " + cli.version() + "'s dev server (a child process, headless, SQLite in memory, on 127.0.0.1)"
            : "the in-memory test server's services (real time, on 127.0.0.1) in the benchmark's own JVM");
    if (DEADLOCK_RETRIES.get() > 0) {
      table.note("While the workflows started, %,d workflow tasks overran the SDK's 1 s deadlock detector (a cold worker JVM starved of CPU "
          + "on this shared 2-core machine) and were retried by Temporal; every workflow then parked normally.", DEADLOCK_RETRIES.get());
    }
    Results.publish(args, table);
  }

  /** The shipped playbook with its send window opened to every hour of every day, so the run does not depend on the clock. */
  static Playbook openAllHours(String yaml) {
    String opened = yaml.replaceFirst("(?m)^  sendWindow: .*$",
        "  sendWindow: \"00:00-24:00\"\n  workDays: [MON, TUE, WED, THU, FRI, SAT, SUN]");
    if (opened.equals(yaml)) throw new IllegalStateException("the playbook has no calendar.sendWindow line to open");
    return PlaybookParser.parse(opened).withVersion(1);
  }

  static Heap measure(String kind, int size, Cache cache, Playbook playbook, TemporalCli.Found cli) throws Exception {
    AutoCloseable server;
    String target;
    if (cli != null) {
      DevServer dev = Servers.startDev(cli, null, devLog);
      server = dev;
      target = dev.target();
    } else {
      LocalServer local = startServer();
      server = local;
      target = "127.0.0.1:" + local.port();
      registerSearchAttributes(target);
    }
    Process worker = new ProcessBuilder(Jvm.command(List.of("-Xmx2g", "-XX:+UseG1GC"), Jvm.classpath(),
        FootprintWorker.class.getName(), List.of("--target=" + target, "--kind=" + kind, "--cache=" + cache.size(),
            "--threads=" + cache.threads())))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("READY") || line.startsWith("COUNT ") || line.startsWith("HEAP ") || line.startsWith("BYE")) {
            replies.add(line);
          } else if (line.contains("PotentialDeadlockException")) {
            DEADLOCK_RETRIES.incrementAndGet();
          } else if (line.contains(" WARN ") || line.contains(" ERROR ")) {
            // Stack traces stay out; each warning's first line is enough to see what happened.
            if (line.contains("Workflow task processing failure")) continue;
            System.err.println("  worker: " + (line.length() > 240 ? line.substring(0, 240) + " ..." : line));
          }
        }
      } catch (java.io.IOException e) {
        // the worker ended
      }
    }, "worker-output");
    reader.setDaemon(true);
    reader.start();
    PrintWriter commands = new PrintWriter(worker.getOutputStream(), true, StandardCharsets.UTF_8);
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      expect(replies, "READY", 60);
      String[] idle = ask(commands, replies, "HEAP");
      WorkflowClient client = WorkflowClient.newInstance(service,
          WorkflowClientOptions.newBuilder().setDataConverter(Payloads.dataConverter()).build());
      Results.progress("%s, cache %d: starting %,d workflows (idle worker heap %s)", kind, cache.size(), size, mib(Long.parseLong(idle[1])));
      long t0 = System.nanoTime();
      startAll(client, kind, size, playbook);
      Results.progress("%s: %,d started in %.1f s; waiting for every one to park on its timer", kind, size, (System.nanoTime() - t0) / 1e9);
      awaitParked(commands, replies, size);
      String[] loaded = ask(commands, replies, "HEAP");
      Heap heap = new Heap(Long.parseLong(idle[1]), Long.parseLong(loaded[1]), Integer.parseInt(loaded[2]));
      Results.progress("%s, cache %d: heap after GC %s idle, %s with %,d parked workflows, %d threads", kind, cache.size(),
          mib(heap.idle()), mib(heap.loaded()), size, heap.threads());
      commands.println("EXIT");
      worker.waitFor(20, TimeUnit.SECONDS);
      return heap;
    } finally {
      worker.destroyForcibly();
      service.shutdownNow();
      server.close();
    }
  }

  /** Waits until the worker has run every workflow's first activity and its count stands still for 3 s. */
  static void awaitParked(PrintWriter commands, BlockingQueue<String> replies, int size) throws Exception {
    long lastCalls = -1;
    long stableSince = System.nanoTime();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    long lastPrint = 0;
    while (System.nanoTime() < deadline) {
      String[] count = ask(commands, replies, "COUNT");
      long calls = Long.parseLong(count[1]);
      long firsts = Long.parseLong(count[2]);
      if (calls != lastCalls) {
        lastCalls = calls;
        stableSince = System.nanoTime();
      }
      if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(5)) {
        Results.progress("  %,d of %,d workflows past their first activity (%,d activity calls)", firsts, size, calls);
        lastPrint = System.nanoTime();
      }
      if (firsts >= size && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(3)) return;
      Thread.sleep(250);
    }
    throw new IllegalStateException("the workflows did not all park within 15 minutes");
  }

  static void startAll(WorkflowClient client, String kind, int size, Playbook playbook) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
            if (kind.equals("product")) {
              SequenceInput input = input(i, playbook);
              AccountSequenceWorkflow stub = client.newWorkflowStub(AccountSequenceWorkflow.class, WorkflowOptions.newBuilder()
                  .setWorkflowId(WorkflowIds.of(playbook.motion(), input.account().id())).setTaskQueue(WorkflowIds.DEFAULT_TASK_QUEUE).build());
              WorkflowClient.start(stub::run, input);
            } else {
              ParkedWorkflow stub = client.newWorkflowStub(ParkedWorkflow.class,
                  WorkflowOptions.newBuilder().setWorkflowId("bench-parked-" + i).setTaskQueue(FootprintWorker.TRIVIAL_QUEUE).build());
              WorkflowClient.start(stub::run, "parked-" + i);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdownNow();
    }
  }

  /** An account of three people, as a 1:many target account list has them. */
  static SequenceInput input(int i, Playbook playbook) {
    String id = String.format("acct-%05d", i);
    String domain = id + ".example";
    List<Contact> contacts = List.of(
        person("priya.raman@" + domain, "Priya", "Raman", "Head of Payments Operations", Role.CHAMPION),
        person("marcus.bell@" + domain, "Marcus", "Bell", "Payments Analyst", Role.END_USER),
        person("zoe.obrien@" + domain, "Zoë", "O'Brien", "Chief Financial Officer", Role.ECONOMIC_BUYER));
    return new SequenceInput(new Account(id, "Account " + i + " Inc", domain, "Fintech"), contacts, "jane.doe@yourco.example",
        playbook.tier(), playbook, null, null, null);
  }

  private static Contact person(String email, String first, String last, String title, Role role) {
    return new Contact(ContactIds.of(email), email, first, last, title, role, null, "America/Chicago", false);
  }

  /** The server and the test services behind it; both must be closed, or the services' timer threads live on. */
  record LocalServer(Server server, TestServicesStarter services) implements AutoCloseable {
    int port() {
      return server.getPort();
    }

    @Override
    public void close() {
      server.shutdownNow();
      services.close();
    }
  }

  static LocalServer startServer() throws Exception {
    // lockTimeSkipping = true: real time, as the embedded mode's server runs; no timer fires during the benchmark.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true);
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    return new LocalServer(builder.build().start(), services);
  }

  static void registerSearchAttributes(String target) {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
    try {
      SequenceSearchAttributes.definitions().forEach((name, type) -> {
        try {
          operator.blockingStub().addSearchAttributes(
              AddSearchAttributesRequest.newBuilder().setNamespace("default").putSearchAttributes(name, type).build());
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) throw e;
        }
      });
    } finally {
      operator.shutdownNow();
    }
  }

  private static String[] ask(PrintWriter commands, BlockingQueue<String> replies, String command) throws InterruptedException {
    commands.println(command);
    return expect(replies, command, 120).split(" ");
  }

  private static String expect(BlockingQueue<String> replies, String prefix, int seconds) throws InterruptedException {
    String line = replies.poll(seconds, TimeUnit.SECONDS);
    if (line == null || !line.startsWith(prefix)) throw new IllegalStateException("worker: expected " + prefix + ", got " + line);
    return line;
  }

  static String mib(long bytes) {
    return Table.num(bytes / (1024.0 * 1024.0), 1) + " MiB";
  }

  static String kib(double bytes) {
    return Table.num(bytes / 1024.0, 1) + " KiB";
  }
}
