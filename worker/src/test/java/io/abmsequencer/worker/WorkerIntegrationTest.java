package io.abmsequencer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.abmsequencer.activities.sequence.SequenceRepository;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.activities.tasks.TaskInbox;
import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.activities.testsupport.TestDatabase;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.sequence.Account;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.sequence.CompleteTask;
import io.abmsequencer.workflows.sequence.Contact;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker as deployed: the Spring-registered workflow and activity beans against Temporal's
 * test server, a real PostgreSQL and a real SMTP server (GreenMail).
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    properties = {"spring.temporal.test-server.enabled=true", "server.port=0", "abm.mail.from-domain=yourco.example",
        // As in production: payloads encrypted (a worker without a key refuses to start).
        "abm.codec.key=ZmF1bHQtcmlnLWNvZGVjLWtleS0zMi1ieXRlcy0wMDA="})
class WorkerIntegrationTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
  }

  @Autowired WorkflowClient client;
  @Autowired TaskInbox tasks;
  @Autowired SequenceRepository sequences;
  @Value("${abm.task-queue}") String taskQueue;

  static final Playbook PLAYBOOK = PlaybookParser.parse("""
      id: worker-it
      name: Worker integration
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      calendar: {timeZone: UTC, workDays: [MON, TUE, WED, THU, FRI, SAT, SUN], sendWindow: "00:00-24:00"}
      steps:
        - id: hello
          email:
            to: [CHAMPION]
            subject: "A note for {{accountName}}"
            body: "Hi {{firstName}},\\n\\nA short read for your team.\\n\\n{{ownerName}}"
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call Zoë about the note", due: 2 business days}
      """).withVersion(1);

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
