package io.abmsequencer.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.inbound.InboundMailPoller;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Mail that comes back, end to end: a reply ends the sequence and lands in the inbox; an absence holds a contact; a bounce suppresses. */
class InboundApiTest extends ApiTestBase {

  static final String PLAYBOOK = """
      id: api-inbound
      name: API inbound mail
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      %s
      steps:
        - id: first
          email: {to: [CHAMPION], subject: "A short read for {{accountName}}", body: "Hi {{firstName}}"}
        - id: gap
          wait: 2 days
        - id: second
          email: {to: [CHAMPION], subject: "Following up", body: "Hi again {{firstName}}"}
      """.formatted(ALWAYS_OPEN);

  @Autowired InboundMailPoller poller;

  @BeforeEach
  void playbook() {
    uploadPlaybook(PLAYBOOK);
  }

  @Test
  void aReplyEndsTheSequenceAndPutsATaskInTheOwnersInbox() throws Exception {
    String workflowId = launch("api-inbound", "soylent", "sam@yourco.example", champion("zoe@soylent.example"));
    MimeMessage ours = awaitMailTo("zoe@soylent.example", 1).get(0);

    deliver("sam@yourco.example", """
        From: =?UTF-8?Q?Zo=C3=AB_O'Brien?= <zoe@soylent.example>
        To: Sam <sam@yourco.example>
        Subject: Re: A short read for soylent Inc
        Message-ID: <reply-1@soylent.example>
        In-Reply-To: %1$s
        References: %1$s
        Content-Type: text/plain; charset=UTF-8

        Sounds interesting, can we talk Tuesday?

        On Mon, Sam wrote:
        > Hi Zoë
        """.formatted(ours.getMessageID()));
    poller.pollNow();

    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("REPLIED");
    JsonNode task = awaitOpenTask("sam@yourco.example", workflowId);
    assertThat(task.get("type").asText()).isEqualTo("REPLY_RECEIVED");
    assertThat(task.get("title").asText()).startsWith("Reply received from Zoë O'Brien <zoe@soylent.example>");
    assertThat(task.get("instructions").asText()).contains("can we talk Tuesday?").doesNotContain("> Hi");

    // Read again: nothing happens twice.
    poller.pollNow();
    long replyTasks = 0;
    for (JsonNode t : api.get("/api/tasks?assignee=sam@yourco.example&state=all").json()) {
      if (t.get("workflowId").asText().equals(workflowId) && t.get("type").asText().equals("REPLY_RECEIVED")) replyTasks++;
    }
    assertThat(replyTasks).isEqualTo(1);

    // The sequence is over, yet the SDR can still close the task.
    Api.Response done = api.postJson("/api/tasks/" + task.get("taskId").asText() + "/complete", "{\"outcome\": \"MEETING_BOOKED\", \"note\": \"Tuesday 3pm\"}");
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
  }

  @Test
  void anOutOfOfficeHoldsTheContactUntilTheyAreBack() throws Exception {
    String workflowId = launch("api-inbound", "tyrell", "sam@yourco.example", champion("rachael@tyrell.example"));
    MimeMessage ours = awaitMailTo("rachael@tyrell.example", 1).get(0);
    LocalDate back = temporal.currentTime().atZone(ZoneOffset.UTC).toLocalDate().plusDays(10);

    deliver("sam@yourco.example", """
        From: Rachael <rachael@tyrell.example>
        To: sam@yourco.example
        Subject: Automatic reply: A short read for tyrell Inc
        Message-ID: <ooo-1@tyrell.example>
        In-Reply-To: %s
        Auto-Submitted: auto-replied
        Content-Type: text/plain; charset=UTF-8

        I am out of the office and will be back on %s. For urgent matters contact Eldon.
        """.formatted(ours.getMessageID(), back));
    poller.pollNow();

    // The 2-day wait passes; the follow-up then waits for her return.
    temporal.skipTime(Duration.ofDays(3));
    awaitSequence(workflowId, s -> s.get("live").get("details").asText().startsWith("Out of office until"));
    assertThat(mailTo("rachael@tyrell.example")).hasSize(1);
    temporal.skipTime(Duration.ofDays(8));
    awaitMailTo("rachael@tyrell.example", 2);
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void aDeliveryFailureReportSuppressesTheAddressAndTheSequenceNoticesIt() throws Exception {
    String workflowId = launch("api-inbound", "wayne", "sam@yourco.example", champion("ghost@wayne-enterprises.example"));
    awaitMailTo("ghost@wayne-enterprises.example", 1);
    // The recipient's server accepted the message, then reported it undeliverable to the envelope sender.
    deliver("sam@yourco.example", """
        From: MAILER-DAEMON@mail.yourco.example (Mail Delivery System)
        To: sam@yourco.example
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <dsn-1@mail.yourco.example>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Your message could not be delivered.
        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.yourco.example

        Final-Recipient: rfc822; ghost@wayne-enterprises.example
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 User unknown
        --b1--
        """);
    poller.pollNow();
    JsonNode found = api.get("/api/suppressions?q=ghost@wayne").json();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).get("reason").asText()).isEqualTo("HARD_BOUNCE");
    assertThat(found.get(0).get("detail").asText()).contains("5.1.1");
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("ALL_CONTACTS_OPTED_OUT");
  }

  java.util.List<MimeMessage> mailTo(String email) {
    return mail.received().stream().filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().contains(email);
      } catch (jakarta.mail.MessagingException e) {
        return false;
      }
    }).toList();
  }

  /** Hands a raw message to the in-process SMTP server, as another mail system would. */
  void deliver(String to, String raw) throws Exception {
    Session session = Session.getInstance(new Properties());
    MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect("127.0.0.1", mail.smtpPort(), null, null);
      transport.sendMessage(message, new InternetAddress[] {new InternetAddress(to)});
    }
  }
}
