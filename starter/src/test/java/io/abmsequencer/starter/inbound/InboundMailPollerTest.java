package io.abmsequencer.starter.inbound;

import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_NOAH_ID;
import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_ZOE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.abmsequencer.starter.inbound.InboundActions.Away;
import io.abmsequencer.starter.inbound.InboundActions.Reply;
import io.abmsequencer.starter.inbound.InboundMailProperties.Protocol;
import io.abmsequencer.starter.inbound.RecordingActions.Bounced;
import io.abmsequencer.starter.inbound.RecordingActions.Unsubscribed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The poller end to end: messages travel over SMTP into GreenMail, are read back over IMAP, matched
 * against ledger rows in a real PostgreSQL, and handed to a recording {@link InboundActions}.
 */
class InboundMailPollerTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-21T10:00:00Z"), ZoneOffset.UTC);
  static final String SAM = "sam.lee@yourco.example";
  static final String BOUNCES = "bounces@yourco.example";
  static final String UNSUBSCRIBE = "unsubscribe@yourco.example";
  static final String WORKFLOW = "abm-new-logo-globex";
  static final String LENA_TOUCH_ID = "<0cc175b9c0f1b6a831c399e269772661@yourco.example>";

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  static InboundDatabase db;

  RecordingActions actions = new RecordingActions();
  SimpleMeterRegistry meters = new SimpleMeterRegistry();
  boolean sameCompanyReplies = true;
  Map<String, String> tokens = Map.of("tok-zoe", "c-zoe");

  @BeforeAll
  static void database() {
    db = new InboundDatabase();
  }

  @AfterAll
  static void closeDatabase() {
    db.close();
  }

  @BeforeEach
  void ledger() {
    db.clear();
    db.sequence(WORKFLOW, "globex", "globex.example", "WAITING");
    db.contact(WORKFLOW, "c-zoe", "Zoe@Globex.example", "Europe/Dublin");
    db.contact(WORKFLOW, "c-noah", "noah@globex.example", "Europe/Dublin");
    db.contact(WORKFLOW, "c-lena", "lena.mueller@globex.example", "Europe/Berlin");
    db.touch(WORKFLOW + "/hello/c-zoe", WORKFLOW, "c-zoe", "globex", "zoe@globex.example", TOUCH_ZOE_ID);
    db.touch(WORKFLOW + "/hello/c-noah", WORKFLOW, "c-noah", "globex", "noah@globex.example", TOUCH_NOAH_ID);
    db.touch(WORKFLOW + "/hello/c-lena", WORKFLOW, "c-lena", "globex", "lena.mueller@globex.example", LENA_TOUCH_ID);
    greenMail.setUser(SAM, SAM, "sam-secret");
    greenMail.setUser(BOUNCES, BOUNCES, "bounces-secret");
    greenMail.setUser(UNSUBSCRIBE, UNSUBSCRIBE, "unsubscribe-secret");
  }

  // --- replies ---

  @Test
  void aReplyIsHandedOverOnceAcrossPollsAndRestarts() {
    deliver(Fixtures.mime("gmail-reply.eml"), SAM);

    assertThat(poller().pollNow()).isEqualTo(1);
    Reply reply = actions.of(Reply.class).get(0);
    assertThat(reply).usingRecursiveComparison().ignoringFields("receivedAt").isEqualTo(new Reply(
        WORKFLOW + "/hello/c-zoe", WORKFLOW, "globex", "c-zoe", "zoe@globex.example", "Zoë O'Brien", false,
        "Re: A short read for Globex",
        "Hi Sam, Thanks — the second idea is interesting. Could we talk next Tuesday at 3pm? I'd like to bring our head of"
            + " payments. Best, Zoë",
        null, "<CAJm9h2N=Xk3v+QpY7Lq0f1RzT8u6W4sE2bD5cA9gH3jK1mN0pQ@mail.gmail.com>"));
    assertThat(reply.receivedAt()).isNotNull();

    InboundMailPoller samePoller = poller();
    assertThat(samePoller.pollNow()).isZero();
    assertThat(samePoller.pollNow()).isZero();
    assertThat(poller().pollNow()).as("a new poller on the same database: a restart").isZero();
    assertThat(actions.calls).hasSize(1);
    assertThat(db.count("select count(*) from inbound_messages where kind = 'REPLY' and touch_key = '" + WORKFLOW + "/hello/c-zoe'"))
        .isEqualTo(1);
    assertThat(db.count("select last_uid from mailbox_cursors where mailbox = '" + samKey() + "'")).isEqualTo(1);
    assertThat(meters.get("abm.inbound").tag("kind", "reply").counter().count()).isEqualTo(1.0);
  }

  @Test
  void aColleagueAtTheAccountsDomainRepliesForTheContact() {
    deliver(reply("Raj Patel <raj.patel@globex.example>"), SAM);

    poller().pollNow();

    assertThat(actions.of(Reply.class)).singleElement().satisfies(reply -> {
      assertThat(reply.sameCompanyColleague()).isTrue();
      assertThat(reply.contactId()).isEqualTo("c-zoe");
      assertThat(reply.fromEmail()).isEqualTo("raj.patel@globex.example");
      assertThat(reply.fromName()).isEqualTo("Raj Patel");
    });
  }

  @Test
  void colleaguesDoNotCountWhenSameCompanyRepliesIsOff() {
    sameCompanyReplies = false;
    deliver(reply("Raj Patel <raj.patel@globex.example>"), SAM);

    poller().pollNow();

    assertThat(actions.calls).isEmpty();
    assertThat(kinds()).containsExactly("OTHER");
  }

  @Test
  void anAnswerFromAnotherDomainIsIgnored() {
    deliver(reply("Someone <someone@partner.example>"), SAM);

    poller().pollNow();

    assertThat(actions.calls).isEmpty();
    assertThat(db.jdbc.sql("select outcome from inbound_messages").query(String.class).single())
        .contains("outside the account's domain");
  }

  @Test
  void withoutThreadHeadersAContactOfARunningSequenceStillReplies() {
    deliver(Fixtures.simple("""
        From: Noah Okafor <noah@globex.example>
        To: sam.lee@yourco.example
        Subject: Quick question
        Message-ID: <no-thread-1@globex.example>
        """, "Hi Sam, do you integrate with SAP?"), SAM);

    poller().pollNow();

    assertThat(actions.of(Reply.class)).singleElement().satisfies(reply -> {
      assertThat(reply.contactId()).isEqualTo("c-noah");
      assertThat(reply.touchKey()).isEqualTo(WORKFLOW + "/hello/c-noah");
      assertThat(reply.excerpt()).isEqualTo("Hi Sam, do you integrate with SAP?");
    });
  }

  @Test
  void withoutThreadHeadersAContactOfAnEndedSequenceDoesNotReply() {
    db.jdbc.sql("update sequences set status = 'EXITED'").update();
    deliver(Fixtures.simple("""
        From: noah@globex.example
        To: sam.lee@yourco.example
        Subject: Quick question
        Message-ID: <no-thread-2@globex.example>
        """, "Hi Sam"), SAM);

    poller().pollNow();

    assertThat(actions.calls).isEmpty();
  }

  @Test
  void aCopyOfOurOwnEmailIsNotAReply() {
    deliver(Fixtures.simple("""
        From: Sam Lee <sam.lee@yourco.example>
        To: zoe@globex.example
        Subject: A short read for Globex
        Message-ID: %s
        """.formatted(TOUCH_ZOE_ID), "Hi Zoë"), SAM);

    poller().pollNow();

    assertThat(actions.calls).isEmpty();
    assertThat(kinds()).containsExactly("OWN");
  }

  // --- auto-replies ---

  @Test
  void outlookOutOfOfficeHoldsTheContactUntilTheStatedDay() {
    deliver(Fixtures.mime("outlook-ooo.eml"), SAM);

    poller().pollNow();

    assertThat(actions.of(Away.class)).containsExactly(new Away(
        WORKFLOW + "/hello/c-zoe", WORKFLOW, "c-zoe", "zoe@globex.example", Instant.parse("2027-01-12T00:00:00Z"), true,
        "out-of-office note: Automatic reply: A short read for Globex",
        "<AM9PR01MB76549C1E2D3F4A5B6C7D8E9FA0B1C2D3E4F5A@AM9PR01MB7654.eurprd01.prod.exchangelabs.com>"));
  }

  @Test
  void outOfOfficeWithoutADateHoldsForTheDefault() {
    deliver(Fixtures.mime("ooo-no-date.eml"), BOUNCES);

    poller().pollNow();

    assertThat(actions.of(Away.class)).singleElement().satisfies(away -> {
      assertThat(away.until()).isEqualTo(CLOCK.instant().plus(Duration.ofDays(7)));
      assertThat(away.stated()).isFalse();
      assertThat(away.contactId()).isEqualTo("c-zoe");
    });
  }

  @Test
  void germanOutOfOfficeWithoutThreadHeadersIsTiedToTheContactBySender() {
    deliver(Fixtures.mime("german-ooo.eml"), SAM);

    poller().pollNow();

    assertThat(actions.of(Away.class)).singleElement().satisfies(away -> {
      assertThat(away.contactId()).isEqualTo("c-lena");
      assertThat(away.until()).isEqualTo(Instant.parse("2027-01-17T23:00:00Z")); // 18 January, Berlin
      assertThat(away.stated()).isTrue();
    });
  }

  @Test
  void anAutoReplyThatIsNotAnAbsenceIsNeitherAReplyNorAnAbsence() {
    deliver(Fixtures.mime("ticket-auto-reply.eml"), SAM);

    poller().pollNow();

    assertThat(actions.calls).isEmpty();
    assertThat(kinds()).containsExactly("AUTO_REPLY");
  }

  // --- bounces ---

  @Test
  void permanentFailuresFromPostfixAndGmailBounce() {
    deliver(Fixtures.mime("postfix-dsn-511.eml"), BOUNCES);
    deliver(Fixtures.mime("gmail-dsn-511.eml"), BOUNCES);

    assertThat(poller().pollNow()).isEqualTo(2);

    assertThat(actions.of(Bounced.class)).extracting(Bounced::email).containsExactly("nobody@globex.example", "gone@globex.example");
    assertThat(actions.of(Bounced.class).get(0).detail()).isEqualTo(
        "5.1.1 550 5.1.1 <nobody@globex.example>: Recipient address rejected: User unknown in virtual mailbox table");
    assertThat(db.jdbc.sql("select touch_key from inbound_messages where kind = 'BOUNCE' order by uid").query(String.class).list())
        .containsExactly(WORKFLOW + "/hello/c-noah", WORKFLOW + "/hello/c-zoe");
  }

  @Test
  void aDelayedDeliveryChangesNothing() {
    deliver(Fixtures.mime("postfix-dsn-delayed.eml"), BOUNCES);

    poller().pollNow();

    assertThat(actions.calls).isEmpty();
    assertThat(kinds()).containsExactly("DELAY");
  }

  // --- unsubscribe by mail ---

  @Test
  void anUnsubscribeMailWithASignedTokenUnsubscribesThatContact() {
    deliver(Fixtures.simple("""
        From: Zoe <zoe.private@gmail.example>
        To: unsubscribe@yourco.example
        Subject: unsubscribe tok-zoe
        Message-ID: <unsub-1@gmail.example>
        """, ""), UNSUBSCRIBE);

    poller().pollNow();

    assertThat(actions.of(Unsubscribed.class)).containsExactly(
        new Unsubscribed("c-zoe", "zoe@globex.example", "mail to the unsubscribe address, signed token"));
  }

  @Test
  void anUnsubscribeMailWithoutAValidTokenUnsubscribesItsSender() {
    deliver(Fixtures.simple("""
        From: Zoe <zoe@globex.example>
        To: unsubscribe@yourco.example
        Subject: unsubscribe forged-token
        Message-ID: <unsub-2@globex.example>
        """, ""), UNSUBSCRIBE);

    poller().pollNow();

    assertThat(actions.of(Unsubscribed.class)).containsExactly(new Unsubscribed(
        null, "zoe@globex.example", "mail to the unsubscribe address, by its sender (token not valid)"));
  }

  // --- failures and restarts ---

  @Test
  void aMailboxWhoseLoginFailsIsLoggedOnceAndDoesNotStopTheOthers() {
    ListAppender<ILoggingEvent> logs = captureLogs();
    deliver(Fixtures.mime("gmail-reply.eml"), SAM);
    Mailbox refused = mailbox(BOUNCES, "wrong-password", MailboxPurpose.BOUNCES);
    List<Mailbox> withRefused = List.of(refused, mailbox(SAM, "sam-secret", MailboxPurpose.REPLIES));

    InboundMailPoller poller = poller(() -> withRefused);
    poller.pollNow();
    poller.pollNow();

    assertThat(actions.of(Reply.class)).hasSize(1);
    assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("bounces@yourco.example").contains("logging in"));

    List<Mailbox> repaired = List.of(mailbox(BOUNCES, "bounces-secret", MailboxPurpose.BOUNCES));
    InboundMailPoller repairedPoller = poller(() -> repaired);
    repairedPoller.pollNow();
    assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
  }

  @Test
  void aServerThatIsDownIsLoggedOnceAndRetried() {
    ListAppender<ILoggingEvent> logs = captureLogs();
    Mailbox down = new Mailbox("127.0.0.1", 1, Protocol.IMAP, SAM, "sam-secret", MailboxPurpose.REPLIES);
    InboundMailPoller poller = poller(() -> List.of(down));

    assertThat(poller.pollNow()).isZero();
    assertThat(poller.pollNow()).isZero();

    assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("sam.lee@yourco.example on 127.0.0.1:1"));
  }

  @Test
  void anActionThatFailsLeavesTheMessageForTheNextPollInOrder() {
    deliver(Fixtures.mime("gmail-reply.eml"), SAM);
    deliver(reply("Raj Patel <raj.patel@globex.example>", "<second-reply@globex.example>"), SAM);
    actions.failNext(1);

    InboundMailPoller poller = poller();
    assertThat(poller.pollNow()).isZero();
    assertThat(actions.calls).isEmpty();
    assertThat(db.count("select count(*) from inbound_messages")).isZero();

    assertThat(poller.pollNow()).isEqualTo(2);
    assertThat(actions.of(Reply.class)).extracting(Reply::fromEmail).containsExactly("zoe@globex.example", "raj.patel@globex.example");
  }

  @Test
  void aNewUidValidityRereadsTheMailboxWithoutActingTwice() {
    deliver(Fixtures.mime("gmail-reply.eml"), SAM);
    deliver(Fixtures.mime("outlook-ooo.eml"), SAM);
    poller().pollNow();
    long serverValidity = db.jdbc.sql("select uid_validity from mailbox_cursors where mailbox = :key")
        .param("key", samKey()).query(Long.class).single();
    // GreenMail cannot recreate an INBOX (it refuses to delete one), so the server's new UIDVALIDITY
    // is played by the stored one changing: to the poller the two no longer agree either way.
    db.jdbc.sql("update mailbox_cursors set uid_validity = uid_validity - 1000").update();
    deliver(Fixtures.mime("ticket-auto-reply.eml"), SAM);

    assertThat(poller().pollNow()).as("only the new message").isEqualTo(1);

    assertThat(actions.calls).hasSize(2); // the reply and the absence, once each
    assertThat(kinds()).containsExactlyInAnyOrder("REPLY", "AWAY", "AUTO_REPLY");
    assertThat(db.jdbc.sql("select uid_validity || '/' || last_uid from mailbox_cursors where mailbox = :key")
            .param("key", samKey()).query(String.class).single())
        .isEqualTo(serverValidity + "/3");
  }

  @Test
  void theSameMessageInTwoMailboxesIsHandledOnce() {
    MimeMessage copied = Fixtures.mime("gmail-reply.eml");
    deliver(copied, SAM);
    deliver(copied, BOUNCES);

    assertThat(poller().pollNow()).isEqualTo(1);
    assertThat(actions.of(Reply.class)).hasSize(1);
    assertThat(db.count("select count(*) from mailbox_cursors where last_uid = 1")).isEqualTo(2);
  }

  // --- helpers ---

  InboundMailPoller poller() {
    List<Mailbox> all = List.of(
        mailbox(SAM, "sam-secret", MailboxPurpose.REPLIES),
        mailbox(BOUNCES, "bounces-secret", MailboxPurpose.BOUNCES),
        mailbox(UNSUBSCRIBE, "unsubscribe-secret", MailboxPurpose.UNSUBSCRIBE));
    return poller(() -> all);
  }

  InboundMailPoller poller(Mailboxes mailboxes) {
    InboundMailProperties properties = new InboundMailProperties(
        true, Duration.ofSeconds(30), null, null, Protocol.IMAP, List.of(), sameCompanyReplies, Duration.ofDays(7), Duration.ofDays(60));
    UnsubscribeTokens unsubscribeTokens = token -> Optional.ofNullable(tokens.get(token));
    InboundHandler handler = InboundMailConfiguration.handler(
        properties, actions, new TouchLookup(db.jdbc), unsubscribeTokens, UNSUBSCRIBE, CLOCK);
    return new InboundMailPoller(mailboxes, new ImapMailboxes(), new InboundStore(db.jdbc), handler, meters);
  }

  static Mailbox mailbox(String username, String password, MailboxPurpose purpose) {
    return new Mailbox("127.0.0.1", greenMail.getImap().getPort(), Protocol.IMAP, username, password, purpose);
  }

  static String samKey() {
    return mailbox(SAM, "sam-secret", MailboxPurpose.REPLIES).key();
  }

  static MimeMessage reply(String from) {
    return Fixtures.mime("gmail-reply.eml", Map.of("From: =?UTF-8?Q?Zo=C3=AB_O=27Brien?= <zoe@globex.example>", "From: " + from));
  }

  static MimeMessage reply(String from, String messageId) {
    return Fixtures.mime("gmail-reply.eml", Map.of(
        "From: =?UTF-8?Q?Zo=C3=AB_O=27Brien?= <zoe@globex.example>", "From: " + from,
        "Message-ID: <CAJm9h2N=Xk3v+QpY7Lq0f1RzT8u6W4sE2bD5cA9gH3jK1mN0pQ@mail.gmail.com>", "Message-ID: " + messageId));
  }

  static void deliver(MimeMessage message, String recipient) {
    deliverTo(greenMail.getSmtp().getPort(), message, recipient);
  }

  /** Over SMTP, as it is: {@code sendMessage} does not rewrite a parsed message's Message-ID. */
  static void deliverTo(int smtpPort, MimeMessage message, String recipient) {
    Session session = Session.getInstance(new Properties());
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect("127.0.0.1", smtpPort, null, null);
      transport.sendMessage(message, new InternetAddress[] {new InternetAddress(recipient)});
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> kinds() {
    return db.jdbc.sql("select kind from inbound_messages order by processed_at, uid").query(String.class).list();
  }

  static ListAppender<ILoggingEvent> captureLogs() {
    Logger logger = (Logger) LoggerFactory.getLogger(InboundMailPoller.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    return appender;
  }
}
