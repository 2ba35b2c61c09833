package io.abmsequencer.starter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Mail that comes back, end to end: a reply ends the sequence and lands in the inbox; an absence
 * holds a contact; a bounce of our e-mail suppresses its recipient; forged mail changes nothing.
 */
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
  @Autowired MeterRegistry meters;

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
  void aDeliveryFailureReportOfOurEmailSuppressesExactlyItsRecipient() throws Exception {
    String workflowId = launch("api-inbound", "wayne-enterprises", "sam@yourco.example", """
        [{"email": "ghost@wayne-enterprises.example", "firstName": "Gil", "lastName": "Host", "role": "CHAMPION"},
         {"email": "bruce@wayne-enterprises.example", "firstName": "Bruce", "lastName": "Wayne", "role": "CHAMPION"}]
        """);
    MimeMessage ours = awaitMailTo("ghost@wayne-enterprises.example", 1).get(0);
    awaitMailTo("bruce@wayne-enterprises.example", 1);
    // The recipient's server accepted the message, then reported it undeliverable to the envelope
    // sender, returning its headers (as Postfix does). The report also names Bruce, whose e-mail it
    // does not return: only Ghost's address is proven undeliverable.
    deliver("sam@yourco.example", report("<dsn-1@mail.yourco.example>", List.of("ghost@wayne-enterprises.example", "bruce@wayne-enterprises.example"),
        headersOf(ours)));
    poller.pollNow();

    JsonNode found = api.get("/api/suppressions?q=ghost@wayne").json();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).get("reason").asText()).isEqualTo("HARD_BOUNCE");
    assertThat(found.get(0).get("detail").asText()).contains("5.1.1");
    assertThat(api.get("/api/suppressions?q=bruce@wayne").json()).isEmpty();
    // The follow-up goes to Bruce alone.
    temporal.skipTime(Duration.ofDays(3));
    awaitMailTo("bruce@wayne-enterprises.example", 2);
    assertThat(mailTo("ghost@wayne-enterprises.example")).hasSize(1);
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("COMPLETED");
  }

  /**
   * Mail anyone could send to the polled mailboxes, with a From header of their choosing: a bounce
   * from a "mailer daemon", an RFC 3464 report returning a message made up from guessable ids, a
   * mailed unsubscribe without the token, and a reply without thread headers. None suppresses or
   * ends anything; each is recorded and counted; the reply waits for the owner to confirm it.
   */
  @Test
  void forgedMailSuppressesNothingAndEndsNothing() throws Exception {
    String workflowId = launch("api-inbound", "kruger-industrial", "sam@yourco.example", champion("peter@kruger-industrial.example"));
    MimeMessage ours = awaitMailTo("peter@kruger-industrial.example", 1).get(0);
    double refusedBounces = counted("bounce", "refused");
    double refusedUnsubscribes = counted("unsubscribe", "refused");
    double possibleReplies = counted("reply", "to_confirm");

    deliver("sam@yourco.example", """
        From: Mail Delivery System <MAILER-DAEMON@mx.attacker.example>
        To: sam@yourco.example
        Subject: Mail delivery failed: returning message to sender
        X-Failed-Recipients: peter@kruger-industrial.example
        Message-ID: <forged-1@mx.attacker.example>
        Content-Type: text/plain

        This is a permanent error. The following address(es) failed:

          peter@kruger-industrial.example
            550 5.1.1 User unknown
        """);
    String touchKey = ours.getHeader("X-ABM-Touch", null); // guessable: workflow id, step, a contact id derived from the address
    deliver("sam@yourco.example", report("<forged-2@mx.attacker.example>", List.of("peter@kruger-industrial.example"), """
        From: Sam <sam@yourco.example>
        To: peter@kruger-industrial.example
        Message-ID: <%s@yourco.example>
        X-ABM-Touch: %s
        """.formatted(DeliveryReportMail.unkeyedDigest(touchKey), touchKey)));
    deliver("unsubscribe@yourco.example", """
        From: Peter <peter@kruger-industrial.example>
        To: unsubscribe@yourco.example
        Subject: unsubscribe
        Message-ID: <forged-3@attacker.example>
        Content-Type: text/plain

        Remove me.
        """);
    deliver("sam@yourco.example", """
        From: Peter <peter@kruger-industrial.example>
        To: Sam <sam@yourco.example>
        Subject: Re: A short read for kruger-industrial Inc
        Message-ID: <forged-4@attacker.example>
        Content-Type: text/plain

        We are not interested, please stop.
        """);
    poller.pollNow();

    assertThat(api.get("/api/suppressions?q=peter@kruger-industrial").json()).isEmpty();
    assertThat(counted("bounce", "refused") - refusedBounces).isEqualTo(2.0);
    assertThat(counted("unsubscribe", "refused") - refusedUnsubscribes).isEqualTo(1.0);
    assertThat(counted("reply", "to_confirm") - possibleReplies).isEqualTo(1.0);
    JsonNode task = awaitOpenTask("sam@yourco.example", workflowId);
    assertThat(task.get("title").asText()).startsWith("Possible reply from Peter <peter@kruger-industrial.example> — confirm it is a reply");
    assertThat(task.get("instructions").asText()).contains("We are not interested, please stop.").contains("not authenticated");
    assertThat(status(sequence(workflowId))).isNotEqualTo("EXITED");

    // The owner checks with Peter: it was his. Completing the task is the reply reaching the sequence.
    Api.Response confirmed = api.postJson("/api/tasks/" + task.get("taskId").asText() + "/complete", "{\"outcome\": \"COMPLETED\"}");
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    JsonNode ended = awaitSequence(workflowId, s -> "EXITED".equals(status(s)));
    assertThat(ended.get("sequence").get("exitReason").asText()).isEqualTo("REPLIED");
  }

  @Test
  void anUnsubscribeMailWithTheListUnsubscribeTokenUnsubscribes() throws Exception {
    launch("api-inbound", "prestige", "sam@yourco.example", champion("gavin@prestige.example"));
    MimeMessage ours = awaitMailTo("gavin@prestige.example", 1).get(0);
    String mailto = MimeUtility.unfold(ours.getHeader("List-Unsubscribe", null)).replaceAll(".*<mailto:([^>]*)>.*", "$1");
    String subject = URLDecoder.decode(mailto.substring(mailto.indexOf("?subject=") + 9), StandardCharsets.UTF_8);
    assertThat(subject).startsWith("unsubscribe ");

    // What a mail client's unsubscribe button sends: the mailto's subject, from any address.
    deliver(mailto.substring(0, mailto.indexOf('?')), """
        From: gavin.private@freemail.example
        To: %s
        Subject: %s
        Message-ID: <unsubscribe-1@freemail.example>
        Content-Type: text/plain

        """.formatted(mailto.substring(0, mailto.indexOf('?')), subject));
    poller.pollNow();

    JsonNode found = api.get("/api/suppressions?q=gavin@prestige").json();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).get("reason").asText()).isEqualTo("UNSUBSCRIBED");
  }

  double counted(String kind, String outcome) {
    var counter = meters.find("abm.inbound").tags("kind", kind, "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  static String headersOf(MimeMessage message) throws jakarta.mail.MessagingException {
    return String.join("\n", Collections.list(message.getAllHeaderLines())).replace("\r\n", "\n");
  }

  static String report(String messageId, List<String> failed, String returnedHeaders) {
    return DeliveryReportMail.dsn("sam@yourco.example", messageId, failed, returnedHeaders);
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
