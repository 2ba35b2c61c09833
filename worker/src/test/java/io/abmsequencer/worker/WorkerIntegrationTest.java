package io.abmsequencer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.activities.tasks.TaskInbox;
import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.activities.testsupport.TestSmtp;
import io.abmsequencer.worker.testsupport.TestPlaybooks;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.CompleteTask;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import io.abmsequencer.workflows.sequence.ExitReason;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker as deployed: the Spring-registered workflow and activity beans against Temporal's
 * test server, a real PostgreSQL and a real SMTP server (GreenMail).
 */
class WorkerIntegrationTest extends WorkerSpringTest {

  @RegisterExtension static final TestSmtp smtp = TestSmtp.onFreePort();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    smtp.register(registry);
  }

  @Autowired TaskInbox tasks;
  @Autowired SequenceRepository sequences;

  static final Playbook PLAYBOOK = TestPlaybooks.oneEmailThen("""
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call Zoë about the note", due: 2 business days}
      """, Role.CHAMPION);

  @Test
  void aSequenceSendsRealMailFillsTheInboxAndTheReadModel() throws Exception {
    String email = "zoe.obrien@globex.example";
    Contact zoe = new Contact(ContactIds.of(email), email, "Zoë", "O'Brien", "Head of Finance Ops", Role.CHAMPION, null, "Europe/Dublin", false);
    Account globex = new Account("globex", "Globex Corporation", "globex.example", "Logistics");
    AccountSequenceWorkflow sequence = client.newWorkflowStub(AccountSequenceWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("abm-new-logo-globex").setTaskQueue(taskQueue).build());
    WorkflowClient.start(sequence::run, new SequenceInput(globex, List.of(zoe), "jane.doe", null, PLAYBOOK, null, null, null));

    await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length == 1);
    MimeMessage message = smtp.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("A note for Globex Corporation");
    assertThat(message.getFrom()[0].toString()).contains("jane.doe@yourco.example");
    jakarta.mail.internet.InternetAddress to = (jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0];
    assertThat(to.getAddress()).isEqualTo(email);
    assertThat(to.getPersonal()).isEqualTo("Zoë O'Brien");

    TaskRow task = await().atMost(Duration.ofSeconds(60)).until(
        () -> tasks.inbox("jane.doe", true, 10, 0).stream().findFirst().orElse(null), t -> t != null);
    assertThat(task.title()).isEqualTo("Call Zoë about the note");
    assertThat(task.contactName()).isEqualTo("Zoë O'Brien");

    sequence.completeTask(new CompleteTask(task.taskId(), TaskOutcome.COMPLETED, "spoke for 10 minutes", "sam.lee"));
    SequenceResult result = WorkflowStub.fromTyped(sequence).getResult(SequenceResult.class);
    assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);

    assertThat(tasks.find(task.taskId())).get().satisfies(t -> {
      assertThat(t.state()).isEqualTo(TaskState.DONE);
      assertThat(t.note()).isEqualTo("spoke for 10 minutes");
    });
    SequenceRow row = await().atMost(Duration.ofSeconds(60)).until(
        () -> sequences.find("abm-new-logo-globex").orElse(null), r -> r != null && r.status() == SequenceStatusCode.EXITED);
    assertThat(row.exitReason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(row.touches()).isEqualTo(1);
    assertThat(sequences.contacts("abm-new-logo-globex")).extracting(Contact::email).containsExactly(email);
  }
}
