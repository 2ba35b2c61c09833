package io.abmsequencer.starter.production;

import static io.abmsequencer.starter.production.Accounts.VANDELAY;
import static io.abmsequencer.starter.production.Drive.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.ads.AudienceFlusher;
import io.abmsequencer.activities.email.SendGuard;
import io.abmsequencer.activities.email.SendingCaps;
import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.starter.embedded.EmbeddedMailServer;
import io.abmsequencer.worker.testsupport.TestCli;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.api.enums.v1.PendingWorkflowTaskState;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.worker.WorkerFactory;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The starter in production mode is a Temporal client only, in the shape of the Temporal Spring Boot
 * starter's own {@code ClientOnlyTest}: its clients are wired to the server, and it holds no
 * activity, no send path, no audience flusher and no worker. A sequence started through its API is
 * started on the task queue and waits there until the worker app polls; then it runs.
 *
 * <p>The real dev server on free ports and the starter with embedded PostgreSQL and SMTP
 * ({@link ProductionRig}); the worker app starts in the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StarterClientOnlyTest {
  private static final String TASK_QUEUE = "abm-sequences";

  static ProductionRig rig;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    rig = ProductionRig.startWithoutWorker(TestCli.required(), dir);
  }

  @AfterAll
  static void stop() {
    if (rig != null) rig.close();
  }

  @Test
  @Order(1)
  void theWorkflowAndScheduleClientsAreWiredToTheServer() {
    HealthCheckResponse health = rig.bean(WorkflowClient.class).getWorkflowServiceStubs().healthCheck();
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(rig.bean(ScheduleClient.class).getHandle("any")).isNotNull();
  }

  @Test
  @Order(2)
  void itHoldsNoActivityNoSendPathAndNoFlusher() {
    assertThat(workerActivityBeans()).hasSize(8).allSatisfy(name -> assertThat(rig.product.containsBean(name)).as(name).isFalse());
    Stream.of(AudienceFlusher.class, SendGuard.class, SendingCaps.class)
        .forEach(type -> assertThat(rig.product.getBeanNamesForType(type)).as(type.getSimpleName()).isEmpty());
    // What the API and the console read is there.
    assertThat(rig.product.getBeanNamesForType(SequenceRepository.class)).hasSize(1);
  }

  @Test
  @Order(3)
  void itRegistersNoWorkerAndNothingPollsTheTaskQueue() {
    WorkerFactory factory = rig.product.getBeanProvider(WorkerFactory.class).getIfAvailable();
    if (factory != null) {
      assertThat(factory.getWorker(TASK_QUEUE)).isNull();
    }
    assertThat(rig.product.getEnvironment().containsProperty("spring.temporal.workers[0].task-queue")).isFalse();
    assertThat(pollers()).isZero();
  }

  @Test
  @Order(4)
  void aSequenceStartedThroughTheApiWaitsOnTheTaskQueueAndRunsOnceTheWorkerPolls() {
    Drive drive = new Drive(rig.api);
    drive.upload(Playbooks.nurture("client-only", "2 weeks"));
    String id = drive.launchOne(VANDELAY, "client-only");

    DescribeWorkflowExecutionResponse started = rig.ops.describe(id);
    assertThat(started.getWorkflowExecutionInfo().getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(started.getExecutionConfig().getTaskQueue().getName()).isEqualTo(TASK_QUEUE);
    assertThat(started.getPendingWorkflowTask().getState())
        .as("its first workflow task, which nothing in the starter picks up")
        .isEqualTo(PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED);

    rig.startWorker();
    assertThat(workerActivityBeans()).allSatisfy(name -> assertThat(rig.worker.containsBean(name)).as(name).isTrue());
    String champion = VANDELAY.people().get(0).email(VANDELAY);
    await().atMost(PATIENCE).until(() -> mailsTo(champion) == 1);
    drive.awaitStatus(id, "WAITING");
  }

  /** The activity beans the worker registers, as its own settings name them. */
  private static List<String> workerActivityBeans() {
    try {
      PropertySource<?> worker = new YamlPropertySourceLoader().load("worker", new ClassPathResource("abm-worker.yaml")).get(0);
      return Stream.iterate(0, i -> i + 1)
          .map(i -> (Object) worker.getProperty("spring.temporal.workers[0].activity-beans[" + i + "]"))
          .takeWhile(name -> name != null)
          .map(Object::toString)
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int pollers() {
    return rig.bean(WorkflowClient.class).getWorkflowServiceStubs().blockingStub().describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
        .setNamespace("default")
        .setTaskQueue(TaskQueue.newBuilder().setName(TASK_QUEUE))
        .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
        .build()).getPollersCount();
  }

  private static long mailsTo(String email) {
    return rig.bean(EmbeddedMailServer.class).received().stream().filter(m -> recipient(m).contains(email)).count();
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
