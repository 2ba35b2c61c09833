package io.abmsequencer.starter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.abmsequencer.activities.email.LinkTokens;
import io.abmsequencer.starter.embedded.EmbeddedMailServer;
import io.abmsequencer.starter.embedded.EmbeddedMode;
import io.abmsequencer.starter.inbound.InboundMailProperties.Protocol;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code abm.mail.inbound.*} settings: defaults, validation at startup, and which mailboxes are read. */
class InboundMailConfigurationTest {

  /** Embedded mode reads the mailboxes of the senders in the ledger. */
  static final InboundDatabase database = new InboundDatabase();

  @org.junit.jupiter.api.AfterAll
  static void closeDatabase() {
    database.close();
  }

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(InboundMailConfiguration.class)
      .withBean(JdbcClient.class, () -> database.jdbc)
      .withBean(InboundActions.class, RecordingActions::new);

  @Test
  void defaults() {
    runner.run(context -> {
      InboundMailProperties properties = context.getBean(InboundMailProperties.class);
      assertThat(properties.enabled()).isTrue();
      assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(30));
      assertThat(properties.protocol()).isEqualTo(Protocol.IMAP);
      assertThat(properties.portOrDefault()).isEqualTo(143);
      assertThat(properties.sameCompanyReplies()).isTrue();
      assertThat(properties.outOfOfficeDefault()).isEqualTo(Duration.ofDays(7));
      assertThat(properties.outOfOfficeMax()).isEqualTo(Duration.ofDays(60));
      assertThat(properties.trustedAuthservIds()).as("no Authentication-Results believed unless configured").isEmpty();
      assertThat(context.getBean(Mailboxes.class).list()).isEmpty();
      assertThat(context).hasSingleBean(InboundMailPoller.class);
    });
  }

  @Test
  void configuredMailboxesOnTheConfiguredServer() {
    runner.withPropertyValues(
            "abm.mail.inbound.host=imap.yourco.example",
            "abm.mail.inbound.protocol=imaps",
            "abm.mail.inbound.poll-interval=2m",
            "abm.mail.inbound.trusted-authserv-ids=mx.google.com",
            "abm.mail.inbound.mailboxes[0].username=replies@yourco.example",
            "abm.mail.inbound.mailboxes[0].password=r",
            "abm.mail.inbound.mailboxes[0].purpose=replies",
            "abm.mail.inbound.mailboxes[1].username=bounces@yourco.example",
            "abm.mail.inbound.mailboxes[1].password=b",
            "abm.mail.inbound.mailboxes[1].purpose=BOUNCES")
        .run(context -> {
          assertThat(context.getBean(InboundMailProperties.class).pollInterval()).isEqualTo(Duration.ofMinutes(2));
          assertThat(context.getBean(InboundMailProperties.class).trustedAuthservIds()).containsExactly("mx.google.com");
          assertThat(context.getBean(Mailboxes.class).list()).containsExactly(
              new Mailbox("imap.yourco.example", 993, Protocol.IMAPS, "replies@yourco.example", "r", MailboxPurpose.REPLIES),
              new Mailbox("imap.yourco.example", 993, Protocol.IMAPS, "bounces@yourco.example", "b", MailboxPurpose.BOUNCES));
          assertThat(context.getBean(Mailboxes.class).list().get(0).key()).isEqualTo("imaps://replies@yourco.example@imap.yourco.example:993/INBOX");
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      abm.mail.inbound.poll-interval=0s                       | origin "abm.mail.inbound.poll-interval"
      abm.mail.inbound.out-of-office-default=90d              | out-of-office-default must not be longer than out-of-office-max
      abm.mail.inbound.port=70000                             | origin "abm.mail.inbound.port"
      abm.mail.inbound.protocol=pop3                          | abm.mail.inbound.protocol
      abm.mail.inbound.mailboxes[0].username=a@yourco.example | mailboxes[0].purpose
      """)
  void aBadSettingFailsTheStartAndSaysWhich(String setting, String named) {
    runner.withPropertyValues("abm.mail.inbound.host=imap.yourco.example", setting).run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains(named);
    });
  }

  @Test
  void theSameMailboxTwiceIsRefused() {
    runner.withPropertyValues(
            "abm.mail.inbound.host=imap.yourco.example",
            "abm.mail.inbound.mailboxes[0].username=a@yourco.example", "abm.mail.inbound.mailboxes[0].password=x",
            "abm.mail.inbound.mailboxes[0].purpose=REPLIES",
            "abm.mail.inbound.mailboxes[1].username=A@yourco.example", "abm.mail.inbound.mailboxes[1].password=x",
            "abm.mail.inbound.mailboxes[1].purpose=BOUNCES")
        .run(context -> assertThat(messages(context.getStartupFailure())).contains("each mailbox username may appear only once"));
  }

  @Test
  void mailboxesWithoutAServerFailTheStart() {
    runner.withPropertyValues(
            "abm.mail.inbound.mailboxes[0].username=a@yourco.example", "abm.mail.inbound.mailboxes[0].password=x",
            "abm.mail.inbound.mailboxes[0].purpose=REPLIES")
        .run(context -> assertThat(messages(context.getStartupFailure())).contains("abm.mail.inbound.host is not set"));
  }

  @Test
  void unsubscribeTokensAreTheEmailChannelsSignedTokensUnlessAnotherBeanSaysOtherwise() {
    LinkTokens linkTokens = mock(LinkTokens.class);
    when(linkTokens.verifyUnsubscribe("signed")).thenReturn(Optional.of("c-zoe"));

    assertThat(InboundMailConfiguration.unsubscribeTokens(null, linkTokens).contactId("signed")).contains("c-zoe");
    assertThat(InboundMailConfiguration.unsubscribeTokens(token -> Optional.of("c-other"), linkTokens).contactId("signed"))
        .contains("c-other");
    assertThat(InboundMailConfiguration.unsubscribeTokens(null, null).contactId("signed")).isEmpty();
  }

  @Test
  void disabledMeansNoPollerAtAll() {
    runner.withPropertyValues("abm.mail.inbound.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(InboundMailPoller.class).doesNotHaveBean(Mailboxes.class));
  }

  @Test
  void embeddedModeReadsOurSendersMailboxesOfTheInProcessServer() {
    EmbeddedMailServer server = EmbeddedMailServers.start(); // stopped by the context, as in the product
    InboundMailPollerTest.deliverTo(server.smtpPort(), Fixtures.mime("gmail-reply.eml"), "Sam.Lee@yourco.example");
    // A prospect's mailbox (where our own e-mail lands in embedded mode) is not read.
    InboundMailPollerTest.deliverTo(server.smtpPort(), Fixtures.mime("gmail-reply.eml"), "zoe@globex.example");
    database.touch("wf", "c-1", "globex", "zoe@globex.example", "<abc@yourco.example>");

    embedded(server).withPropertyValues("abm.mail.from-domain=yourco.example")
        .run(context -> assertThat(context.getBean(Mailboxes.class).list()).containsExactly(
            new Mailbox("127.0.0.1", server.imapPort(), Protocol.IMAP, "unsubscribe@yourco.example",
                "unsubscribe@yourco.example", MailboxPurpose.UNSUBSCRIBE),
            new Mailbox("127.0.0.1", server.imapPort(), Protocol.IMAP, "sam.lee@yourco.example",
                "sam.lee@yourco.example", MailboxPurpose.REPLIES)));
  }

  @Test
  void embeddedModeReadsTheConfiguredUnsubscribeMailbox() {
    embedded(EmbeddedMailServers.start()).withPropertyValues("abm.mail.unsubscribe-mailbox=optout@yourco.example")
        .run(context -> assertThat(context.getBean(Mailboxes.class).list()).singleElement()
            .satisfies(only -> assertThat(only.username()).isEqualTo("optout@yourco.example")));
  }

  @Test
  void embeddedModeWithAnExplicitHostReadsOnlyTheConfiguredMailboxes() {
    embedded(EmbeddedMailServers.start()).withPropertyValues("abm.mail.inbound.host=imap.yourco.example")
        .run(context -> assertThat(context.getBean(Mailboxes.class)).isInstanceOf(ConfiguredMailboxes.class));
  }

  private ApplicationContextRunner embedded(EmbeddedMailServer server) {
    EmbeddedMode mode = new EmbeddedMode(false, null, false, null, null, null, false, null, null, false, true, "127.0.0.1:" + server.smtpPort(),
        "127.0.0.1:" + server.imapPort());
    return runner.withBean(EmbeddedMode.class, () -> mode).withBean(EmbeddedMailServer.class, () -> server);
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) all.append(t.getMessage()).append('\n');
    return all.toString();
  }
}
