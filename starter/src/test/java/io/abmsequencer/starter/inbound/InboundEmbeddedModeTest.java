package io.abmsequencer.starter.inbound;

import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_ZOE_ID;
import static io.abmsequencer.starter.inbound.InboundMailPollerTest.deliverTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.embedded.EmbeddedMailServer;
import io.abmsequencer.starter.inbound.InboundActions.Reply;
import io.abmsequencer.starter.inbound.InboundMailProperties.Protocol;
import io.abmsequencer.starter.inbound.RecordingActions.Unsubscribed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Out of the box: in embedded mode every mailbox of the in-process mail server is read, including
 * the prospects' own (where our outgoing e-mails land), with nothing configured.
 */
class InboundEmbeddedModeTest {

  @Test
  void repliesAndUnsubscribesArriveWithNothingConfigured() {
    RecordingActions actions = new RecordingActions();
    try (EmbeddedMailServer server = EmbeddedMailServers.start(); InboundDatabase db = new InboundDatabase()) {
      db.sequence("abm-new-logo-globex", "globex", "globex.example", "WAITING");
      db.contact("abm-new-logo-globex", "c-zoe", "zoe@globex.example", "Europe/Dublin");
      db.touch("abm-new-logo-globex", "c-zoe", "globex", "zoe@globex.example", TOUCH_ZOE_ID);
      // What the product sent lands in the prospect's mailbox on the same server.
      deliverTo(server.smtpPort(), Fixtures.simple("""
          From: Sam Lee <sam.lee@yourco.example>
          To: zoe@globex.example
          Subject: A short read for Globex
          Message-ID: %s
          """.formatted(TOUCH_ZOE_ID), "Hi Zoë"), "zoe@globex.example");
      deliverTo(server.smtpPort(), Fixtures.mime("gmail-reply.eml"), "sam.lee@yourco.example");
      deliverTo(server.smtpPort(), Fixtures.simple("""
          From: zoe@globex.example
          To: unsubscribe@yourco.example
          Subject: unsubscribe tok-zoe
          Message-ID: <unsub-embedded@globex.example>
          """, ""), "unsubscribe@yourco.example");

      InboundMailProperties defaults = new InboundMailProperties(
          true, Duration.ofSeconds(30), null, null, Protocol.IMAP, List.of(), true, Duration.ofDays(7), Duration.ofDays(60), List.of());
      Mailboxes mailboxes = new EmbeddedMailboxes(
          server.host(), server.imapPort(), defaults, "unsubscribe@yourco.example", server::mailboxAddresses);
      InboundMailPoller poller = new InboundMailPoller(
          mailboxes, new ImapMailboxes(), new InboundStore(db.jdbc),
          InboundMailConfiguration.handler(defaults, actions, new TouchLookup(db.jdbc),
              token -> Optional.of("c-zoe").filter(c -> token.equals("tok-zoe")), "unsubscribe@yourco.example", Clock.systemUTC()),
          new SimpleMeterRegistry());

      assertThat(mailboxes.list()).extracting(Mailbox::username, Mailbox::purpose).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("unsubscribe@yourco.example", MailboxPurpose.UNSUBSCRIBE),
          org.assertj.core.groups.Tuple.tuple("sam.lee@yourco.example", MailboxPurpose.REPLIES),
          org.assertj.core.groups.Tuple.tuple("zoe@globex.example", MailboxPurpose.REPLIES));
      assertThat(poller.pollNow()).isEqualTo(3);
      assertThat(poller.pollNow()).isZero();

      assertThat(actions.of(Reply.class)).extracting(Reply::contactId).containsExactly("c-zoe");
      assertThat(actions.of(Unsubscribed.class)).extracting(Unsubscribed::contactId).containsExactly("c-zoe");
      assertThat(db.jdbc.sql("select kind from inbound_messages order by kind").query(String.class).list())
          .containsExactly("OWN", "REPLY", "UNSUBSCRIBE");
    }
  }
}
