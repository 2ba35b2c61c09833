package io.abmsequencer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.activities.ledger.TouchQueries;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.testsupport.TestSmtp;
import io.abmsequencer.worker.testsupport.TestPlaybooks;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.sequence.AccountSequenceWorkflow;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ContactIds;
import io.abmsequencer.workflows.sequence.SequenceInput;
import io.abmsequencer.workflows.sequence.SequenceResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMTP server is down when a sequence's e-mails are due: they are retried with backoff and go
 * out once it is back — every one, none twice.
 */
class SmtpOutageTest extends WorkerSpringTest {

  @RegisterExtension static final TestSmtp smtp = TestSmtp.onFreePort();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    smtp.register(registry);
    registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
  }

  @Autowired TouchQueries touches;

  static final Playbook PLAYBOOK = TestPlaybooks.oneEmail(Role.CHAMPION, Role.END_USER);

  @Test
  void mailDueDuringAnOutageGoesOutOnceWhenTheServerIsBack() throws Exception {
    smtp.stop();
    List<Contact> committee = List.of(contact("ana@umbrella.example", "Ana", Role.CHAMPION), contact("bo@umbrella.example", "Bo", Role.END_USER));
    AccountSequenceWorkflow sequence = client.newWorkflowStub(AccountSequenceWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("abm-new-logo-umbrella").setTaskQueue(taskQueue).build());
    WorkflowClient.start(sequence::run, new SequenceInput(new Account("umbrella", "Umbrella", "umbrella.example", "Biotech"),
        committee, "jane", null, PLAYBOOK, null, null, null));

    // The first attempt fails on the closed port; the ledger holds the touch as SENDING meanwhile.
    // Wait for that failure (noted on the row), not just the row: the row is written before the SMTP
    // call, and on a slow machine the server could be back before the first attempt reaches it.
    TouchRow pending = await().atMost(Duration.ofSeconds(60)).until(
        () -> touches.forWorkflow("abm-new-logo-umbrella").stream().findFirst().orElse(null), r -> r != null && r.detail() != null);
    assertThat(pending.status()).isEqualTo(TouchRow.SENDING);

    smtp.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length == 2);
    // Rather than pause and hope a stray retry shows up: wait for the sequence to end. Its one step
    // is this e-mail, so every attempt of every send has finished by then; there must be no third copy.
    WorkflowStub.fromTyped(sequence).getResult(60, TimeUnit.SECONDS, SequenceResult.class);
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(Arrays.stream(received).map(m -> header(m, "Message-ID")).distinct()).hasSize(2);
    List<TouchRow> rows = touches.forWorkflow("abm-new-logo-umbrella");
    assertThat(rows).extracting(TouchRow::status).containsOnly("SENT");
    // The e-mail due during the outage took several attempts; the next one went out at the first try.
    assertThat(rows).extracting(TouchRow::attempts).anySatisfy(attempts -> assertThat(attempts).isGreaterThanOrEqualTo(2));
  }

  static Contact contact(String email, String first, Role role) {
    return new Contact(ContactIds.of(email), email, first, null, null, role, null, "UTC", false);
  }

  static String header(MimeMessage m, String name) {
    try {
      return m.getHeader(name, ",");
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
