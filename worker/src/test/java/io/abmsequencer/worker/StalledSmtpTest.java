package io.abmsequencer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.ledger.TouchQueries;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.testsupport.ScriptedSmtpServer;
import io.abmsequencer.worker.testsupport.TestPlaybooks;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The SMTP server stalls on a message's end of DATA, and the send activity outlives its timeouts
 * inside the SMTP transaction: Temporal starts the next attempts while the first is still sending.
 * They find the ledger row's lease held and send nothing; the first finishes, and the recipient gets
 * the e-mail once. Temporal's clock is moved past the timeouts (the test server's, see {@link
 * #skip}); the stall itself is real. Nothing here waits a fixed time.
 */
// The stall must outlast Temporal's timeouts, not Jakarta Mail's read timeout.
@TestPropertySource(properties = "spring.mail.properties.mail.smtp.timeout=300000")
class StalledSmtpTest extends WorkerSpringTest {
  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final ScriptedSmtpServer SMTP = start();
  static final String WORKFLOW_ID = "abm-new-logo-stalled";

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", SMTP::port);
  }

  @Autowired TestWorkflowEnvironment temporal;
  @Autowired TouchQueries touches;

  @AfterAll
  static void stop() throws IOException {
    RELEASE.countDown();
    SMTP.close();
  }

  @Test
  void anAttemptStuckInItsSmtpTransactionPastItsTimeoutIsTheOnlyOneThatSends() throws Exception {
    AccountSequenceWorkflow sequence = client.newWorkflowStub(AccountSequenceWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(WORKFLOW_ID).setTaskQueue(taskQueue).build());
    WorkflowClient.start(sequence::run, new SequenceInput(new Account("stalled", "Stalled", "stalled.example", "Biotech"),
        List.of(SmtpOutageTest.contact("ana@stalled.example", "Ana", Role.CHAMPION)), "jane", null, TestPlaybooks.ONE_EMAIL,
        null, null, null));
    assertThat(SMTP.awaitHeld(60)).as("the first attempt is inside its SMTP transaction").isTrue();

    // Past the heartbeat and start-to-close timeouts: Temporal gives the first attempt up and retries.
    skip(Duration.ofMinutes(2).plusSeconds(5));
    TouchRow refused = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> touches.forWorkflow(WORKFLOW_ID).get(0),
            row -> row.attempts() >= 2 && row.detail() != null && row.detail().contains("another attempt is sending"));
    assertThat(refused.status()).isEqualTo(TouchRow.SENDING);
    assertThat(SMTP.messagesReceived.get()).as("the later attempts reached no server").isEqualTo(1);

    RELEASE.countDown();
    await().atMost(Duration.ofSeconds(60)).until(() -> touches.forWorkflow(WORKFLOW_ID).get(0).status().equals("SENT"));
    // The sequence moves on when the next retry finds the outcome the first attempt recorded.
    skip(Duration.ofMinutes(10));
    WorkflowStub.fromTyped(sequence).getResult(60, TimeUnit.SECONDS, SequenceResult.class);

    TouchRow row = touches.forWorkflow(WORKFLOW_ID).get(0);
    assertThat(SMTP.delivered).as("delivered once").containsExactly(row.messageId());
    assertThat(SMTP.messagesReceived.get()).isEqualTo(1);
    assertThat(row.attempts()).isGreaterThanOrEqualTo(2);
  }

  /**
   * Moves the test server's clock forward at once, even while an activity runs (the test server
   * holds its clock still while one does, so {@code TestWorkflowEnvironment.sleep} would wait the
   * 2-minute timeout out in real time). SDK-internal, like {@code FaultRig.skipTime}.
   */
  private void skip(Duration amount) {
    try {
      Object server = field(temporal, "inProcessServer");
      Object starter = field(server, "testServicesStarter");
      Object timer = field(starter, "selfAdvancingTimer");
      Method skip = timer.getClass().getMethod("skip", Duration.class);
      skip.setAccessible(true);
      skip.invoke(timer, amount);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Temporal test server's clock could not be moved (SDK internals changed?)", e);
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }

  private static ScriptedSmtpServer start() {
    try {
      return ScriptedSmtpServer.holdingTheFirstMessage(RELEASE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
