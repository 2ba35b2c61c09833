package io.abmsequencer.starter.inbound;

import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_GONE_ID;
import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_NOAH_ID;
import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_NOBODY_ID;
import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_ZOE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import io.abmsequencer.starter.inbound.RecordingActions.PossibleReply;
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
 * against ledger rows in a real PostgreSQL, and handed to a recording {@link InboundActions}. Forged
 * mail (a bounce, an unsubscribe or a reply believed on its From header alone) is delivered the same
 * way, and must reach no action, be recorded, counted as refused (or to confirm) and logged.
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
  /** Signed unsubscribe tokens, as {@code LinkTokens} would verify them. */
  Map<String, String> tokens = Map.of("tok.zoe", "c-zoe");
  /** {@code abm.mail.inbound.trusted-authserv-ids}: none, as by default. */
  List<String> trustedAuthservIds = List.of();

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
    db.touch(WORKFLOW, "c-zoe", "globex", "zoe@globex.example", TOUCH_ZOE_ID);
    db.touch(WORKFLOW, "c-noah", "globex", "noah@globex.example", TOUCH_NOAH_ID);
    db.touch(WORKFLOW, "c-lena", "globex", "lena.mueller@globex.example", LENA_TOUCH_ID);
    db.contact(WORKFLOW, "c-gone", "gone@globex.example", "Europe/Dublin");
    db.contact(WORKFLOW, "c-nobody", "nobody@globex.example", "Europe/Dublin");
    db.touch(WORKFLOW, "c-gone", "globex", "gone@globex.example", TOUCH_GONE_ID);
    db.touch(WORKFLOW, "c-nobody", "globex", "nobody@globex.example", TOUCH_NOBODY_ID);
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
    assertThat(counted("reply", "acted")).isEqualTo(1.0);
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
  void withoutThreadHeadersOfOursAReplyFromAnUnauthenticatedSenderOnlyAsksAPersonToConfirm() {
    ListAppender<ILoggingEvent> logs = captureLogs();
    // Anyone can write "From: noah@globex.example": with no thread headers, or thread headers of
    // e-mails we never sent, nothing proves this answers us.
    deliver(Fixtures.simple("""
        From: Noah Okafor <noah@globex.example>
        To: sam.lee@yourco.example
        Subject: Quick question
        Message-ID: <no-thread-1@globex.example>
        """, "Hi Sam, please stop, we bought elsewhere."), SAM);
    deliver(Fixtures.simple("""
        From: Zoe <zoe@globex.example>
        To: sam.lee@yourco.example
        Subject: Re: A short read for Globex
        Message-ID: <guessed-thread@attacker.example>
        In-Reply-To: <0123456789abcdef0123456789abcdef@yourco.example>
        """, "Not interested."), SAM);

    poller().pollNow();

    assertThat(actions.of(Reply.class)).as("nothing ends").isEmpty();
    assertThat(actions.of(PossibleReply.class)).extracting(p -> p.reply().contactId(), p -> p.reply().touchKey(), p -> p.reply().excerpt())
        .containsExactly(
            tuple("c-noah", WORKFLOW + "/hello/c-noah", "Hi Sam, please stop, we bought elsewhere."),
            tuple("c-zoe", WORKFLOW + "/hello/c-zoe", "Not interested."));
    assertThat(kinds()).containsExactly("REPLY", "REPLY");
    assertThat(outcomes()).allSatisfy(o -> assertThat(o).contains("possible reply from").contains("not authenticated"));
    assertThat(counted("reply", "to_confirm")).isEqualTo(2.0);
    assertThat(counted("reply", "acted")).isZero();
    assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("possible reply from noah@globex.example")).hasSize(1);
  }

  @Test
  void withoutThreadHeadersAReplyFromASenderOurServerAuthenticatedRepliesAsBefore() {
    trustedAuthservIds = List.of("mx.yourco.example");
    deliver(Fixtures.simple("""
        Authentication-Results: mx.yourco.example; dkim=pass header.d=globex.example; spf=pass smtp.mailfrom=noah@globex.example;
         dmarc=pass (p=REJECT) header.from=globex.example
        From: Noah Okafor <noah@globex.example>
        To: sam.lee@yourco.example
        Subject: Quick question
        Message-ID: <no-thread-authenticated@globex.example>
        """, "Hi Sam, do you integrate with SAP?"), SAM);

    poller().pollNow();

    assertThat(actions.of(Reply.class)).singleElement().satisfies(reply -> {
      assertThat(reply.contactId()).isEqualTo("c-noah");
      assertThat(reply.touchKey()).isEqualTo(WORKFLOW + "/hello/c-noah");
      assertThat(reply.excerpt()).isEqualTo("Hi Sam, do you integrate with SAP?");
    });
    assertThat(outcomes()).singleElement().asString().contains("dkim=pass for globex.example per mx.yourco.example");
  }

  @Test
  void authenticationResultsTheSenderWroteOrThatDoNotAlignAreNotBelieved() {
    trustedAuthservIds = List.of("mx.yourco.example");
    deliver(Fixtures.simple("""
        Authentication-Results: mx.attacker.example; dmarc=pass header.from=globex.example
        From: noah@globex.example
        To: sam.lee@yourco.example
        Subject: Quick question
        Message-ID: <forged-ar-1@attacker.example>
        """, "Please stop."), SAM);
    deliver(Fixtures.simple("""
        Authentication-Results: mx.yourco.example; dkim=pass header.d=attacker.example; spf=pass smtp.mailfrom=x@attacker.example;
         dmarc=fail header.from=globex.example
        From: noah@globex.example
        To: sam.lee@yourco.example
        Subject: Quick question
        Message-ID: <forged-ar-2@attacker.example>
        """, "Please stop."), SAM);

    poller().pollNow();

    assertThat(actions.of(Reply.class)).isEmpty();
    assertThat(actions.of(PossibleReply.class)).hasSize(2);
    assertThat(outcomes()).containsExactly(
        "possible reply from noah@globex.example: no thread headers of ours and the sender is not authenticated"
            + " (no Authentication-Results from a trusted server); a task asks the owner to confirm",
        "possible reply from noah@globex.example: no thread headers of ours and the sender is not authenticated"
            + " (mx.yourco.example did not authenticate globex.example (dkim=pass, spf=pass, dmarc=fail)); a task asks the owner to confirm");
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
        .containsExactly(WORKFLOW + "/hello/c-nobody", WORKFLOW + "/hello/c-gone");
    assertThat(counted("bounce", "acted")).isEqualTo(2.0);
  }

  @Test
  void eximAndQmailNoticesOfOurEmailsBounceTheirRecipients() {
    deliver(Fixtures.mime("exim-bounce.eml"), BOUNCES);
    deliver(Fixtures.mime("qmail-bounce.eml"), BOUNCES);

    poller().pollNow();

    assertThat(actions.of(Bounced.class)).extracting(Bounced::email).containsExactly("gone@globex.example", "noah@globex.example");
  }

  @Test
  void aBounceWhoseRelayReplacedTheMessageIdIsBelievedOnItsTouchHeaderAndSignedToken() {
    deliver(report("<dsn-relay@mail.yourco.example>", "zoe@globex.example", """
        From: Sam Lee <sam.lee@yourco.example>
        To: zoe@globex.example
        Message-ID: <0100018c4f2a-relay-rewritten@email.amazonses.com>
        X-ABM-Touch: abm-new-logo-globex/hello/c-zoe
        List-Unsubscribe: <https://abm.yourco.example/u/tok.zoe>,
         <mailto:unsubscribe@yourco.example?subject=unsubscribe%20tok.zoe>
        """), BOUNCES);

    poller().pollNow();

    assertThat(actions.of(Bounced.class)).extracting(Bounced::email).containsExactly("zoe@globex.example");
  }

  // --- forged bounces: nothing is suppressed ---

  @Test
  void aForgedDaemonBounceForAnAddressWeNeverMailedSuppressesNobody() {
    ListAppender<ILoggingEvent> logs = captureLogs();
    deliver(Fixtures.simple("""
        From: Mail Delivery System <MAILER-DAEMON@mx.attacker.example>
        To: bounces@yourco.example
        Subject: Mail delivery failed: returning message to sender
        X-Failed-Recipients: ceo@initech.example
        Message-ID: <forged-bounce-1@mx.attacker.example>
        """, "This is a permanent error. The following address(es) failed:\n\n  ceo@initech.example\n    550 5.1.1 User unknown\n"),
        BOUNCES);

    poller().pollNow();

    assertThat(actions.calls).isEmpty();
    assertThat(kinds()).containsExactly("BOUNCE");
    assertThat(outcomes()).singleElement().asString().startsWith("refused: bounce for ceo@initech.example names no e-mail we sent");
    assertThat(counted("bounce", "refused")).isEqualTo(1.0);
    assertThat(counted("bounce", "acted")).isZero();
    assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement().satisfies(e ->
        assertThat(e.getFormattedMessage()).contains("mailer-daemon@mx.attacker.example").contains("ceo@initech.example"));
  }

  @Test
  void aForgedReportAboutOurContactThatGuessesTheTouchSuppressesNobody() {
    // An RFC 3464 report for Zoë, whom we do mail, "returning" a message made up from what an
    // outsider can guess: the touch key (workflow id, step, contact id from her address), its
    // unkeyed SHA-256 as the Message-ID, and an unsubscribe token not signed by us.
    deliver(report("<dsn-forged-1@mail.attacker.example>", "zoe@globex.example", """
        From: Sam Lee <sam.lee@yourco.example>
        To: zoe@globex.example
        Message-ID: <%s@yourco.example>
        X-ABM-Touch: abm-new-logo-globex/hello/c-zoe
        List-Unsubscribe: <https://abm.yourco.example/u/Zm9yZ2Vk.bm90LW91ci1zaWduYXR1cmU>
        """.formatted(DeliveryReportMail.unkeyedDigest(WORKFLOW + "/hello/c-zoe"))), BOUNCES);
    // The same report with no returned message at all.
    deliver(report("<dsn-forged-2@mail.attacker.example>", "zoe@globex.example", null), BOUNCES);

    poller().pollNow();

    assertThat(actions.calls).isEmpty();
    assertThat(kinds()).containsExactly("BOUNCE", "BOUNCE");
    assertThat(counted("bounce", "refused")).isEqualTo(2.0);
  }

  @Test
  void aReportReturningOurEmailToOneContactCannotSuppressAnother() {
    // Zoë has our e-mail (so does anyone she forwarded it to): wrapped in a report naming Noah.
    deliver(report("<dsn-forged-3@mail.attacker.example>", "noah@globex.example", """
        From: Sam Lee <sam.lee@yourco.example>
        To: zoe@globex.example
        Message-ID: %s
        """.formatted(TOUCH_ZOE_ID)), BOUNCES);

    poller().pollNow();

    assertThat(actions.calls).as("neither Noah nor Zoë").isEmpty();
    assertThat(outcomes()).containsExactly(
        "refused: bounce names noah@globex.example, not zoe@globex.example, the recipient of the e-mail it returns");
    assertThat(db.count("select count(*) from inbound_messages where touch_key = '" + WORKFLOW + "/hello/c-zoe'")).isEqualTo(1);
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
        Subject: unsubscribe tok.zoe
        Message-ID: <unsub-1@gmail.example>
        """, ""), UNSUBSCRIBE);

    poller().pollNow();

    assertThat(actions.of(Unsubscribed.class)).containsExactly(
        new Unsubscribed("c-zoe", "zoe@globex.example", "mail to the unsubscribe address, signed token"));
    assertThat(counted("unsubscribe", "acted")).isEqualTo(1.0);
  }

  @Test
  void aForgedUnsubscribeMailWithoutAValidTokenUnsubscribesNobody() {
    ListAppender<ILoggingEvent> logs = captureLogs();
    deliver(Fixtures.simple("""
        From: Zoe <zoe@globex.example>
        To: unsubscribe@yourco.example
        Subject: unsubscribe forged.token
        Message-ID: <unsub-2@attacker.example>
        """, ""), UNSUBSCRIBE);
    deliver(Fixtures.simple("""
        From: Noah <noah@globex.example>
        To: unsubscribe@yourco.example
        Subject: please remove me
        Message-ID: <unsub-3@attacker.example>
        """, "Take me off your list."), UNSUBSCRIBE);

    poller().pollNow();

    assertThat(actions.calls).isEmpty();
    assertThat(kinds()).containsExactly("UNSUBSCRIBE", "UNSUBSCRIBE");
    assertThat(outcomes()).containsExactly(
        "refused: unsubscribe mail for zoe@globex.example with token not valid, and the sender is not authenticated:"
            + " no trusted Authentication-Results server is configured",
        "refused: unsubscribe mail for noah@globex.example with no token, and the sender is not authenticated:"
            + " no trusted Authentication-Results server is configured");
    assertThat(counted("unsubscribe", "refused")).isEqualTo(2.0);
    assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(2);
  }

  @Test
  void anUnsubscribeMailFromASenderOurServerAuthenticatedUnsubscribesThemWithoutAToken() {
    trustedAuthservIds = List.of("mx.yourco.example");
    deliver(Fixtures.simple("""
        Authentication-Results: mx.yourco.example; dmarc=pass header.from=globex.example
        From: Zoe <zoe@globex.example>
        To: unsubscribe@yourco.example
        Subject: please remove me
        Message-ID: <unsub-4@globex.example>
        """, ""), UNSUBSCRIBE);
    deliver(Fixtures.simple("""
        Authentication-Results: mx.attacker.example; dmarc=pass header.from=globex.example
        From: Noah <noah@globex.example>
        To: unsubscribe@yourco.example
        Subject: please remove me
        Message-ID: <unsub-5@attacker.example>
        """, ""), UNSUBSCRIBE);

    poller().pollNow();

    assertThat(actions.of(Unsubscribed.class)).containsExactly(new Unsubscribed(null, "zoe@globex.example",
        "mail to the unsubscribe address, by its authenticated sender (dmarc=pass for globex.example per mx.yourco.example)"));
    assertThat(counted("unsubscribe", "refused")).as("Noah's, whose header the sender wrote").isEqualTo(1.0);
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
        true, Duration.ofSeconds(30), null, null, Protocol.IMAP, List.of(), sameCompanyReplies, Duration.ofDays(7), Duration.ofDays(60),
        trustedAuthservIds);
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

  static MimeMessage report(String messageId, String failed, String returnedHeaders) {
    return Fixtures.parse(DeliveryReportMail.dsn(BOUNCES, messageId, List.of(failed), returnedHeaders));
  }

  double counted(String kind, String outcome) {
    var counter = meters.find("abm.inbound").tags("kind", kind, "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  List<String> outcomes() {
    return db.jdbc.sql("select outcome from inbound_messages order by processed_at, uid").query(String.class).list();
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
