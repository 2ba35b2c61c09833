package io.abmsequencer.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.icegreen.greenmail.util.GreenMail;
import io.abmsequencer.activities.testsupport.TestPorts;
import io.abmsequencer.activities.testsupport.TestSmtp;
import io.abmsequencer.worker.codec.EncryptingCodec;
import io.abmsequencer.worker.devserver.DevServer;
import io.abmsequencer.worker.testsupport.TestPlaybooks;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import io.abmsequencer.workflows.sequence.Payloads;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.stream.Collectors;

/**
 * What the fault tests break, as separate pieces they can stop, kill and restart: a Temporal server
 * (the SDK's test server on loopback, in this JVM, its clock movable), a PostgreSQL on a fixed port
 * and data directory (so it can be stopped and started again with its data), an SMTP server, and
 * worker JVMs started from the executable jar exactly as in production. {@link TwoWorkersIT} uses the
 * same pieces and breaks none.
 *
 * <p>The Temporal clock: an activity whose worker died is retried only when its start-to-close
 * timeout (2 minutes for a send) has passed. Rather than wait that long, a test moves the server's
 * clock with {@link #skipTime} once the surviving workers are idle, which is what waiting would have
 * done. The test server offers no RPC that moves its clock past a running activity (an activity in
 * progress holds time-skipping back), so this reaches its timer through {@link TestServicesStarter}'s
 * field: SDK-internal, pinned by the SDK version (the embedded mode's server is built the same way).
 */
final class FaultRig implements AutoCloseable {
  static final String TASK_QUEUE = "abm-sequences";
  static final String CODEC_KEY = "ZmF1bHQtcmlnLWNvZGVjLWtleS0zMi1ieXRlcy0wMDA=";
  static final Path LOGS = Path.of("target", "faults");

  /** One e-mail to the champion, due at once (any day, any hour): a burst of touches. */
  static final Playbook ONE_EMAIL = TestPlaybooks.ONE_EMAIL;

  /**
   * What one worker can have in flight: the SDK's default number of concurrent activity executions
   * (the worker configures none), so the most sends a dying worker or a vanishing database can leave
   * between "the server accepted it" and "the ledger says SENT".
   */
  static final int MAX_CONCURRENT_ACTIVITIES =
      WorkerOptions.newBuilder().validateAndBuildWithDefaults().getMaxConcurrentActivityExecutionSize();

  final String name;
  final Path logs;
  final Database database;
  final GreenMail smtp;
  /** The SDK's test server (its clock movable), or null on the real server. */
  private final TestServicesStarter temporalServices;
  private final Server temporalServer;
  /** The Temporal CLI's dev server, or null on the test server. */
  private final DevServer devServer;
  final WorkflowServiceStubs stubs;
  final WorkflowClient client;
  private final List<WorkerProcess> workers = new ArrayList<>();
  private final List<Thread> releasers = new ArrayList<>();
  private volatile boolean closing;
  private final String linksSecret = Base64.getEncoder().encodeToString(new byte[32]);

  private FaultRig(String name, Path logs, Database database, GreenMail smtp, TestServicesStarter temporalServices,
      Server temporalServer, DevServer devServer) {
    this.name = name;
    this.logs = logs;
    this.database = database;
    this.smtp = smtp;
    this.temporalServices = temporalServices;
    this.temporalServer = temporalServer;
    this.devServer = devServer;
    this.stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget()).build());
    // The workers' key, as the starter has it in production.
    this.client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setDataConverter(new CodecDataConverter(Payloads.dataConverter(), List.of(new EncryptingCodec(CODEC_KEY, List.of())), true))
        .build());
  }

  /** The pieces, with the SDK's test server as Temporal (its clock movable, {@link #skipTime}). */
  static FaultRig start(String name) throws IOException {
    Path logs = LOGS.resolve(name);
    Files.createDirectories(logs);
    Database database = Database.start(logs.resolve("pgdata"));
    GreenMail smtp = TestSmtp.onFreePort();
    // lockTimeSkipping = true: timers run in real time, as on a real server, until a test moves the clock.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true);
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    return new FaultRig(name, logs, database, smtp, services, server, null);
  }

  /**
   * The pieces, with the real Temporal (the CLI's dev server, its state in memory) as Temporal: time
   * runs as it runs, and a dead worker's sticky queues are released by the server itself.
   */
  static FaultRig startOnDevServer(String name, Path cli) throws IOException {
    Path logs = LOGS.resolve(name);
    Files.createDirectories(logs);
    Database database = Database.start(logs.resolve("pgdata"));
    GreenMail smtp = TestSmtp.onFreePort();
    DevServer devServer = DevServer.start(new DevServer.Options(cli, "127.0.0.1", TestPorts.free(), -1, null,
        logs.resolve("temporal-server.log"), Map.of(), null, Duration.ofSeconds(60)));
    return new FaultRig(name, logs, database, smtp, null, null, devServer);
  }

  boolean realServer() {
    return devServer != null;
  }

  String temporalTarget() {
    return devServer != null ? devServer.target() : "127.0.0.1:" + temporalServer.getPort();
  }

  /** Starts worker JVM {@code number} from the executable jar; its output goes to {@code target/faults/<test>/worker-N.log}. */
  WorkerProcess startWorker(int number) throws IOException {
    WorkerProcess worker = WorkerProcess.start(number, logs.resolve("worker-" + number + ".log"), List.of(
        "--spring.temporal.connection.target=" + temporalTarget(),
        "--spring.datasource.url=" + database.url(),
        "--spring.datasource.username=" + Database.USER,
        "--spring.datasource.password=",
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + smtp.getSmtp().getPort(),
        "--abm.embedded.enabled=false",
        // As in production: payloads encrypted, with the key the rig's own client has too.
        "--abm.codec.key=" + CODEC_KEY,
        "--abm.mail.postal-address=Yourco Inc., 1 Main Street, Springfield, IL 62701, USA",
        "--abm.mail.from-domain=yourco.example",
        "--abm.links.secret=" + linksSecret,
        // Readiness turns UP after ApplicationReadyEvent, i.e. once the worker factory polls.
        "--management.endpoint.health.probes.enabled=true"));
    workers.add(worker);
    return worker;
  }

  /**
   * Moves the Temporal server's clock forward by {@code amount} at once, running activities or not:
   * timers and timeouts due in between fire. Call it only while no surviving worker is in the middle
   * of something (their running activities would time out too).
   */
  void skipTime(Duration amount) {
    if (realServer()) throw new IllegalStateException("the real Temporal server's clock cannot be moved: wait instead");
    try {
      Field timerField = TestServicesStarter.class.getDeclaredField("selfAdvancingTimer");
      timerField.setAccessible(true);
      Object timer = timerField.get(temporalServices);
      Method skip = timer.getClass().getMethod("skip", Duration.class);
      skip.setAccessible(true);
      skip.invoke(timer, amount);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Temporal test server's clock could not be moved (SDK internals changed?)", e);
    }
  }

  /**
   * Does for a dead worker's sticky task queues what a Temporal server does and the test server does
   * not. A worker keeps the workflows it ran in its cache, and the server sends their next workflow
   * task to that worker's own (sticky) queue, {@code <identity>:<uuid>}. A real server moves a task
   * nobody picks up there back to the shared task queue after a few seconds (the sticky
   * schedule-to-start timeout); the test server never does, even when the task times out, so every
   * sequence the dead worker had cached would wait forever. This polls the dead worker's sticky
   * queues until the rig closes and fails each task found there with {@code
   * RESET_STICKY_TASK_QUEUE}, on which the test server drops the sticky queue and schedules the task
   * again on the shared one, where a live worker replays the history. The queue names come from the
   * test server's store (SDK-internal, like {@link #skipTime}).
   */
  void releaseStickyQueuesOf(String deadIdentityPrefix) {
    if (realServer()) return; // the real server moves them back to the shared queue by itself
    for (String queue : workflowTaskQueueNames()) {
      if (!queue.startsWith(deadIdentityPrefix)) continue;
      Thread releaser = new Thread(() -> releaseStickyQueue(queue), "sticky-release-" + queue);
      releaser.setDaemon(true);
      releasers.add(releaser);
      releaser.start();
    }
  }

  private void releaseStickyQueue(String queue) {
    PollWorkflowTaskQueueRequest poll = PollWorkflowTaskQueueRequest.newBuilder()
        .setNamespace("default")
        .setTaskQueue(TaskQueue.newBuilder().setName(queue).setKind(TaskQueueKind.TASK_QUEUE_KIND_STICKY))
        .setIdentity("fault-rig")
        .build();
    while (!closing && !Thread.currentThread().isInterrupted()) {
      try {
        PollWorkflowTaskQueueResponse task = stubs.blockingStub().withDeadlineAfter(20, TimeUnit.SECONDS).pollWorkflowTaskQueue(poll);
        if (task.getTaskToken().isEmpty()) continue;
        stubs.blockingStub().respondWorkflowTaskFailed(RespondWorkflowTaskFailedRequest.newBuilder()
            .setNamespace("default")
            .setTaskToken(task.getTaskToken())
            .setCause(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_STICKY_TASK_QUEUE)
            .setIdentity("fault-rig")
            .build());
      } catch (StatusRuntimeException e) {
        // DEADLINE_EXCEEDED: nothing came; anything else while closing: the server is going away.
        if (closing) return;
      }
    }
  }

  private Set<String> workflowTaskQueueNames() {
    try {
      Field storeField = TestServicesStarter.class.getDeclaredField("workflowStore");
      storeField.setAccessible(true);
      Object store = storeField.get(temporalServices);
      Field queuesField = store.getClass().getDeclaredField("workflowTaskQueues");
      queuesField.setAccessible(true);
      Field lockField = store.getClass().getDeclaredField("lock");
      lockField.setAccessible(true);
      Lock lock = (Lock) lockField.get(store);
      Set<String> names = new LinkedHashSet<>();
      lock.lock();
      try {
        for (Object id : ((Map<?, ?>) queuesField.get(store)).keySet()) {
          Method name = id.getClass().getMethod("getTaskQueueName");
          name.setAccessible(true);
          names.add((String) name.invoke(id));
        }
      } finally {
        lock.unlock();
      }
      return names;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Temporal test server's task queues could not be read (SDK internals changed?)", e);
    }
  }

  /**
   * Owners the sequences are spread over: each sends from its own mailbox, and a mailbox may send
   * 200 e-mails a day (the default sending cap), so 1,000 touches need five or more.
   */
  static final int OWNERS = 10;

  /** Starts {@code count} one-e-mail sequences {@code abm-new-logo-<prefix>-<n>} from 8 threads; returns their ids. */
  List<String> startSequences(String prefix, int count) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> started = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        int n = i;
        started.add(starters.submit(() -> startSequence(prefix + "-" + n, "owner" + n % OWNERS)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : started) ids.add(f.get(60, TimeUnit.SECONDS));
      return ids;
    } finally {
      starters.shutdownNow();
    }
  }

  private String startSequence(String accountId, String owner) {
    String email = "champion@" + accountId + ".example";
    Contact contact = new Contact(ContactIds.of(email), email, "Pat", "Lee", "Head of Ops", Role.CHAMPION, null, "UTC", false);
    Account account = new Account(accountId, "Account " + accountId, accountId + ".example", "Logistics");
    String workflowId = "abm-new-logo-" + accountId;
    AccountSequenceWorkflow sequence = client.newWorkflowStub(AccountSequenceWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TASK_QUEUE).build());
    WorkflowClient.start(sequence::run, new SequenceInput(account, List.of(contact), owner, null, ONE_EMAIL, null, null, null));
    return workflowId;
  }

  /** Messages the SMTP server has received so far. */
  int received() {
    return smtp.getReceivedMessages().length;
  }

  /** Waits until the SMTP server has received {@code count} messages: a point mid-burst to break something at. */
  void awaitReceived(int count) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(this::received, n -> n >= count);
  }

  /** Ids of the workflows still running (every page: a real server serves at most 1,000 a page). */
  Set<String> openWorkflows() {
    Set<String> open = new LinkedHashSet<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      var response = stubs.blockingStub().listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
          .setNamespace("default").setMaximumPageSize(1_000).setNextPageToken(page).build());
      response.getExecutionsList().forEach(info -> open.add(info.getExecution().getWorkflowId()));
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return open;
  }

  DescribeWorkflowExecutionResponse describe(String workflowId) {
    return stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
        .setNamespace("default")
        .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(workflowId))
        .build());
  }

  /** Pending activities of these workflows that were started by {@code identity}, as {@code workflowId/activityId}. */
  Map<String, PendingActivityInfo> startedBy(String identityPrefix, Set<String> workflowIds) {
    Map<String, PendingActivityInfo> started = new HashMap<>();
    for (String id : workflowIds) {
      for (PendingActivityInfo a : describe(id).getPendingActivitiesList()) {
        if (a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED && a.getLastWorkerIdentity().startsWith(identityPrefix)) {
          started.put(id + "/" + a.getActivityId(), a);
        }
      }
    }
    return started;
  }

  /**
   * Where each open workflow stands — its history length and who runs its pending activities —
   * or null while some pending activity is not one the dead worker had started (a live worker is on it).
   */
  Map<String, String> idleButFor(String deadIdentityPrefix) {
    Map<String, String> standing = new HashMap<>();
    for (String id : openWorkflows()) {
      DescribeWorkflowExecutionResponse d = describe(id);
      for (PendingActivityInfo a : d.getPendingActivitiesList()) {
        boolean dead = a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
            && a.getLastWorkerIdentity().startsWith(deadIdentityPrefix);
        if (!dead) return null;
      }
      standing.put(id, d.getWorkflowExecutionInfo().getHistoryLength() + "/" + d.getPendingActivitiesCount());
    }
    return standing;
  }

  /** Status of every closed workflow, by id. */
  Map<String, WorkflowExecutionStatus> closedWorkflows() {
    Map<String, WorkflowExecutionStatus> closed = new HashMap<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      var response = stubs.blockingStub().listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest.newBuilder()
          .setNamespace("default").setMaximumPageSize(1_000).setNextPageToken(page).build());
      response.getExecutionsList().forEach(info -> closed.put(info.getExecution().getWorkflowId(), info.getStatus()));
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return closed;
  }

  /** Every one of these workflows is closed, and completed. */
  void assertAllCompleted(List<String> workflowIds) {
    Map<String, WorkflowExecutionStatus> closed = closedWorkflows();
    assertThat(closed.keySet()).containsAll(workflowIds);
    assertThat(workflowIds).allSatisfy(id -> assertThat(closed.get(id)).as(id).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED));
  }

  /**
   * Pending activities of type {@code activityType} (e.g. {@code SendEmail}) of the open workflows
   * that failed at least once and wait for their next attempt or run it.
   */
  int retriedActivities(String activityType) {
    int retried = 0;
    for (String id : openWorkflows()) {
      for (PendingActivityInfo a : describe(id).getPendingActivitiesList()) {
        if (a.getActivityType().getName().equals(activityType) && (a.getAttempt() > 1 || a.hasLastFailure())) retried++;
      }
    }
    return retried;
  }

  /**
   * Waits until every one of these workflows is closed (a real server's visibility lags: closed as
   * listed, not merely no longer listed open); else fails naming a few open ones, their pending
   * activities and last events.
   */
  void awaitAllClosed(List<String> workflowIds, Duration timeout) {
    try {
      org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500))
          .until(() -> openWorkflows().isEmpty() && closedWorkflows().keySet().containsAll(workflowIds));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      Set<String> open = openWorkflows();
      StringBuilder why = new StringBuilder(open.size() + " sequences still open after " + timeout + "; the first ones:");
      open.stream().limit(5).forEach(id -> {
        why.append("\n").append(id).append(": pending ");
        describe(id).getPendingActivitiesList().forEach(a -> why.append(a.getActivityType().getName()).append(" ")
            .append(a.getState()).append(" attempt ").append(a.getAttempt()).append(" by ").append(a.getLastWorkerIdentity()).append("; "));
        List<io.temporal.api.history.v1.HistoryEvent> events = client.fetchHistory(id).getEvents();
        events.subList(Math.max(0, events.size() - 6), events.size())
            .forEach(ev -> why.append("\n    ").append(ev.getEventId()).append(" ").append(ev.getEventType()));
      });
      throw new AssertionError(why.toString(), e);
    }
  }

  /** What the SMTP server received, by touch (the {@code X-ABM-Touch} header), of these workflows. */
  Delivery delivery(String workflowIdPrefix) {
    Map<String, List<String>> byTouch = new HashMap<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      String touch = header(m, "X-ABM-Touch");
      if (touch == null || !touch.startsWith(workflowIdPrefix)) continue;
      byTouch.computeIfAbsent(touch, k -> new ArrayList<>()).add(header(m, "Message-ID"));
    }
    return new Delivery(byTouch);
  }

  /**
   * @param byTouch every Message-ID received per touch key, one entry per copy
   */
  record Delivery(Map<String, List<String>> byTouch) {
    int messages() {
      return byTouch.values().stream().mapToInt(List::size).sum();
    }

    /** Distinct Message-IDs across all touches. */
    int distinctMessageIds() {
      return (int) byTouch.values().stream().flatMap(List::stream).distinct().count();
    }

    /** Touches that went out under more than one Message-ID: must be none. */
    Map<String, Set<String>> touchesWithSeveralIds() {
      Map<String, Set<String>> several = new HashMap<>();
      byTouch.forEach((touch, ids) -> {
        Set<String> distinct = new LinkedHashSet<>(ids);
        if (distinct.size() > 1) several.put(touch, distinct);
      });
      return several;
    }

    /** Second (third, ...) copies of a message with the same Message-ID. */
    int sameIdDuplicates() {
      return messages() - distinctMessageIds();
    }

    Map<String, Integer> duplicated() {
      Map<String, Integer> copies = new HashMap<>();
      byTouch.forEach((touch, ids) -> {
        if (ids.size() > 1) copies.put(touch, ids.size());
      });
      return copies;
    }
  }

  static String header(MimeMessage m, String name) {
    try {
      return m.getHeader(name, ",");
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  List<List<String>> query(String sql) throws SQLException {
    return database.query(sql);
  }

  @Override
  public void close() {
    closing = true;
    for (WorkerProcess worker : workers) worker.stop();
    releasers.forEach(Thread::interrupt);
    stubs.shutdownNow();
    if (devServer != null) {
      devServer.close();
    } else {
      temporalServer.shutdown();
      temporalServices.close();
      temporalServer.shutdownNow();
    }
    smtp.stop();
    database.close();
  }

  /**
   * A PostgreSQL 17 on a fixed port and data directory, with production's durability (every commit
   * flushed to the WAL): stopped, it keeps its data; started again, the workers' URL still works.
   */
  static final class Database implements AutoCloseable {
    static final String USER = "postgres";
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private Database(Path dataDirectory, int port) {
      this.dataDirectory = dataDirectory;
      this.port = port;
    }

    static Database start(Path dataDirectory) throws IOException {
      deleteRecursively(dataDirectory);
      Database database = new Database(dataDirectory.toAbsolutePath(), TestPorts.free());
      database.startServer();
      return database;
    }

    private void startServer() throws IOException {
      server = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("fsync", "on")
          .setRegisterShutdownHook(true)
          .start();
    }

    String url() {
      return "jdbc:postgresql://localhost:" + port + "/postgres?user=" + USER;
    }

    /** A fast shutdown (open transactions are rolled back, every connection is cut), as a restart does. */
    synchronized void stop() throws IOException {
      if (server != null) server.close();
      server = null;
    }

    /** Starts it again on the same port and data directory, after {@link #stop}. */
    synchronized void startAgain() throws IOException {
      if (server == null) startServer();
    }

    List<List<String>> query(String sql) throws SQLException {
      List<List<String>> rows = new ArrayList<>();
      try (Connection connection = DriverManager.getConnection(url());
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(sql)) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) row.add(result.getString(c));
          rows.add(row);
        }
      }
      return rows;
    }

    @Override
    public synchronized void close() {
      try {
        stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void deleteRecursively(Path dir) throws IOException {
      if (!Files.exists(dir)) return;
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Collections.reverseOrder()).toList()) Files.delete(p);
      }
    }
  }

  /** A worker JVM started from the executable jar. */
  record WorkerProcess(int number, Process process, int httpPort, Path log) {
    static WorkerProcess start(int number, Path log, List<String> arguments) throws IOException {
      int httpPort = TestPorts.free();
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // A short-lived test JVM: quick start over peak speed.
          "-XX:TieredStopAtLevel=1", "-Xmx384m",
          "-jar", executableJar().toString(),
          "--server.port=" + httpPort));
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // Turns off the SDK's deadlock detector (a workflow thread that has not yielded for 1 s): on a
      // shared 2-core machine a starved JVM trips it and fails healthy workflow tasks, which only
      // adds retries and noise to what these tests are about.
      builder.environment().put("TEMPORAL_DEBUG", "true");
      Process process = builder.start();
      return new WorkerProcess(number, process, httpPort, log);
    }

    /** Temporal's default worker identity is {@code <pid>@<host>}. */
    String identityPrefix() {
      return process.pid() + "@";
    }

    void awaitReady(Duration timeout) throws Exception {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) fail("worker %d exited with %d before it was ready:%n%s", number, process.exitValue(), tail());
        try {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(actuator("/health/readiness")))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().contains("\"UP\"")) return;
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(200);
      }
      fail("worker %d not ready after %s:%n%s", number, timeout, tail());
    }

    /** {@code GET /actuator<path>}: status and body. */
    HttpResponse<String> actuatorGet(String path) throws IOException, InterruptedException {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(actuator(path))).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private String actuator(String path) {
      return "http://127.0.0.1:" + httpPort + "/actuator" + path;
    }

    /** SIGKILL (on Linux {@link Process#destroyForcibly()} is {@code kill -9}): no shutdown hook, nothing flushed. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      if (!process.waitFor(10, TimeUnit.SECONDS)) fail("worker %d survived SIGKILL", number);
    }

    void stop() {
      try {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }

    static Path executableJar() throws IOException {
      String configured = System.getProperty("abm.worker.jar");
      if (configured != null && Files.exists(Path.of(configured))) return Path.of(configured);
      Path jar = Path.of("target", "abm-worker-exec.jar");
      if (Files.exists(jar)) return jar.toAbsolutePath();
      throw new IllegalStateException("no target/abm-worker-exec.jar: run ./mvnw -pl worker verify (it builds the jar first)");
    }
  }
}
