package io.abmsequencer.starter.inbound;

import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_GONE_ID;
import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_NOAH_ID;
import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_NOBODY_ID;
import static io.abmsequencer.starter.inbound.Fixtures.TOUCH_ZOE_ID;
import static io.abmsequencer.starter.inbound.Fixtures.encoded;
import static io.abmsequencer.starter.inbound.Fixtures.inbound;
import static io.abmsequencer.starter.inbound.Fixtures.simple;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.starter.inbound.Classification.AutoReply;
import io.abmsequencer.starter.inbound.Classification.Bounce;
import io.abmsequencer.starter.inbound.Classification.Delay;
import io.abmsequencer.starter.inbound.Classification.FailedRecipient;
import io.abmsequencer.starter.inbound.Classification.Other;
import io.abmsequencer.starter.inbound.Classification.PersonalMessage;
import io.abmsequencer.starter.inbound.Classification.UnsubscribeRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification rules on realistic MIME fixtures: no server, no database. */
class InboundClassificationTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-21T10:00:00Z"), ZoneOffset.UTC);
  final MessageClassifier classifier = new MessageClassifier("unsubscribe@yourco.example", CLOCK);

  Classification classify(String fixture) {
    return classifier.classify(inbound(fixture), MailboxPurpose.BOUNCES);
  }

  @Nested
  class DeliveryStatusNotifications {

    @Test
    void postfixPermanentFailureBouncesTheOriginalRecipient() {
      Bounce bounce = (Bounce) classify("postfix-dsn-511.eml");

      assertThat(bounce.failed()).containsExactly(new FailedRecipient(
          "nobody@globex.example",
          "5.1.1 550 5.1.1 <nobody@globex.example>: Recipient address rejected: User unknown in virtual mailbox table"));
      assertThat(bounce.originalMessageId()).isEqualTo(TOUCH_NOBODY_ID);
      assertThat(bounce.returned()).isEqualTo(new ReturnedMessage(TOUCH_NOBODY_ID, "abm-new-logo-globex/hello/c-nobody", null));
    }

    @Test
    void gmailPermanentFailureBouncesWithTheUnfoldedDiagnostic() {
      Bounce bounce = (Bounce) classify("gmail-dsn-511.eml");

      assertThat(bounce.failed()).singleElement().satisfies(failed -> {
        assertThat(failed.email()).isEqualTo("gone@globex.example");
        assertThat(failed.detail()).startsWith("5.1.1 550-5.1.1 The email account that you tried to reach does not exist.")
            .doesNotContain("\n");
      });
      assertThat(bounce.originalMessageId()).isEqualTo(TOUCH_GONE_ID);
      assertThat(bounce.returned()).isEqualTo(new ReturnedMessage(
          TOUCH_GONE_ID, "abm-new-logo-globex/hello/c-gone", "AQAIYy1nb25l.c2lnbmF0dXJlLW9mLWMtZ29uZQ"));
    }

    @Test
    void aDelayIsNotABounce() {
      assertThat(classify("postfix-dsn-delayed.eml"))
          .isInstanceOfSatisfying(Delay.class, d -> assertThat(d.detail()).contains("slow@globex.example delayed 4.4.1"));
    }

    @Test
    void aReportMixingFailedAndDelayedRecipientsBouncesOnlyTheFailedOne() {
      String twoRecipients = Fixtures.text("postfix-dsn-511.eml").replace(
          "Diagnostic-Code: smtp; 550 5.1.1 <nobody@globex.example>: Recipient address\n    rejected: User unknown in virtual mailbox table\n",
          "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\nFinal-Recipient: rfc822; slow@globex.example\nAction: delayed\nStatus: 4.4.1\n");

      Bounce bounce = (Bounce) classifier.classify(inbound(Fixtures.parse(twoRecipients)), MailboxPurpose.BOUNCES);

      assertThat(bounce.failed()).extracting(FailedRecipient::email).containsExactly("nobody@globex.example");
    }
  }

  @Nested
  class NonStandardBounces {

    @Test
    void eximNamesTheFailedAddressInXFailedRecipients() {
      Bounce bounce = (Bounce) classify("exim-bounce.eml");

      assertThat(bounce.failed()).singleElement().satisfies(failed -> {
        assertThat(failed.email()).isEqualTo("gone@globex.example");
        assertThat(failed.detail()).startsWith("5.1.1 550 5.1.1 <gone@globex.example>: Recipient address rejected");
      });
      assertThat(bounce.originalMessageId()).isEqualTo(TOUCH_GONE_ID);
    }

    @Test
    void qmailFailureNoticeIsReadFromTheTextAndTheQuotedHeaders() {
      Bounce bounce = (Bounce) classify("qmail-bounce.eml");

      // postmaster@ is in the returned message's Cc but not named as failed: it stays.
      assertThat(bounce.failed()).extracting(FailedRecipient::email).containsExactly("noah@globex.example");
      assertThat(bounce.failed().get(0).detail()).startsWith("5.1.1 Sorry, no mailbox here by that name.");
      assertThat(bounce.originalMessageId()).isEqualTo(TOUCH_NOAH_ID);
    }

    @Test
    void aDaemonNoticeThatWillRetryIsADelay() {
      var notice = simple("""
          From: Mail Delivery System <MAILER-DAEMON@mx.yourco.example>
          To: bounces@yourco.example
          Subject: Warning: message 1rLs3k-0004Qa-2X delayed 24 hours
          Message-ID: <delay-1@mx.yourco.example>
          """, "This message was created automatically by mail delivery software.\n"
          + "A message that you sent has not yet been delivered to one or more of its recipients after more than 24 hours.\n"
          + "The message will be retried until 5 days have passed.\n");

      assertThat(classifier.classify(inbound(notice), MailboxPurpose.BOUNCES)).isInstanceOf(Delay.class);
    }
  }

  @Nested
  class AutoReplies {

    @Test
    void outlookOutOfOfficeWithAReturnDate() {
      assertThat(classify("outlook-ooo.eml")).isEqualTo(
          new AutoReply(true, LocalDate.of(2027, 1, 12), "Auto-Submitted: auto-replied"));
    }

    @Test
    void outOfOfficeWithoutADate() {
      assertThat(classify("ooo-no-date.eml"))
          .isInstanceOfSatisfying(AutoReply.class, a -> {
            assertThat(a.outOfOffice()).isTrue();
            assertThat(a.statedReturn()).isNull();
          });
    }

    @Test
    void germanOutOfOfficeTakesTheDayTheyAreBackNotTheirLastDayAway() {
      assertThat(classify("german-ooo.eml"))
          .isInstanceOfSatisfying(AutoReply.class, a -> {
            assertThat(a.outOfOffice()).isTrue();
            assertThat(a.statedReturn()).isEqualTo(LocalDate.of(2027, 1, 18));
          });
    }

    @Test
    void aTicketConfirmationIsAnAutoReplyButNotAnAbsence() {
      assertThat(classify("ticket-auto-reply.eml"))
          .isInstanceOfSatisfying(AutoReply.class, a -> assertThat(a.outOfOffice()).isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Automatic reply: A short read | I am on annual leave and will return on Monday, January 11th.  | 2027-01-11
        Out of Office                 | Out of office until Jan 12, 2027.                              | 2027-01-12
        Auto-Reply: A short read      | I'm away from my desk until 2027-01-12 with limited access.    | 2027-01-12
        Away: A short read            | Away until 12 January, back then.                              | 2027-01-12
        Abwesenheitsnotiz             | Ich bin bis zum 12.01. im Urlaub.                              | 2027-01-12
        Réponse automatique : Lecture | Je suis absente jusqu'au 12 janvier 2027 inclus.              | 2027-01-12
        Respuesta automática: Lectura | Estaré fuera de la oficina hasta el 12 de enero.               | 2027-01-12
        Afwezig: Een korte tekst      | Ik ben afwezig tot en met 12 januari.                          | 2027-01-12
        """)
    void outOfOfficeSubjectsInFiveLanguagesWithoutHeaders(String subject, String body, LocalDate back) {
      var message = simple("""
          From: Zoe <zoe@globex.example>
          To: sam.lee@yourco.example
          Subject: %s
          Date: Mon, 21 Dec 2026 09:00:00 +0000
          Message-ID: <ooo-subject@globex.example>
          """.formatted(encoded(subject)), body);

      assertThat(classifier.classify(inbound(message), MailboxPurpose.REPLIES))
          .isInstanceOfSatisfying(AutoReply.class, a -> {
            assertThat(a.outOfOffice()).isTrue();
            assertThat(a.statedReturn()).isEqualTo(back);
          });
    }

    @ParameterizedTest
    @CsvSource({"X-Autoreply, yes", "X-Autorespond, 1", "Precedence, auto_reply", "Auto-Submitted, auto-generated"})
    void headersMarkAnAutomaticAnswer(String header, String value) {
      var message = simple("""
          From: helpdesk@globex.example
          To: sam.lee@yourco.example
          Subject: Re: A short read for Globex
          %s: %s
          """.formatted(header, value), "We received your message.");

      assertThat(classifier.classify(inbound(message), MailboxPurpose.REPLIES)).isInstanceOf(AutoReply.class);
    }

    @Test
    void autoSubmittedNoIsAPerson() {
      var message = simple("""
          From: zoe@globex.example
          To: sam.lee@yourco.example
          Subject: Re: A short read for Globex
          Auto-Submitted: no
          """, "Sounds good.");

      assertThat(classifier.classify(inbound(message), MailboxPurpose.REPLIES)).isInstanceOf(PersonalMessage.class);
    }
  }

  @Nested
  class PeopleAndUnsubscribes {

    @Test
    void aGmailReplyIsAPersonalMessage() {
      assertThat(classifier.classify(inbound("gmail-reply.eml"), MailboxPurpose.REPLIES)).isInstanceOf(PersonalMessage.class);
    }

    @Test
    void aSubjectThatMerelyStartsLikeAnAbsenceIsAPerson() {
      var message = simple("""
          From: zoe@globex.example
          To: sam.lee@yourco.example
          Subject: Re: Away day ideas
          """, "Let's talk about the away day.");

      assertThat(classifier.classify(inbound(message), MailboxPurpose.REPLIES)).isInstanceOf(PersonalMessage.class);
    }

    @Test
    void listMailIsNotAReply() {
      var message = simple("""
          From: zoe@globex.example
          To: sam.lee@yourco.example
          Subject: Globex newsletter
          List-Id: <news.globex.example>
          """, "News.");

      assertThat(classifier.classify(inbound(message), MailboxPurpose.REPLIES)).isInstanceOf(Other.class);
    }

    @Test
    void theUnsubscribeMailtoCarriesItsToken() {
      var message = simple("""
          From: zoe@globex.example
          To: unsubscribe@yourco.example
          Subject: unsubscribe v1.Yy1ub2FoLjE3OTkxMDA4MDA.Kq3xQ
          """, "");

      assertThat(classifier.classify(inbound(message), MailboxPurpose.UNSUBSCRIBE))
          .isEqualTo(new UnsubscribeRequest("v1.Yy1ub2FoLjE3OTkxMDA4MDA.Kq3xQ"));
    }

    @Test
    void mailAddressedToTheUnsubscribeAddressCountsInAnyMailbox() {
      var message = simple("""
          From: zoe@globex.example
          To: Unsubscribe <UNSUBSCRIBE@yourco.example>
          Subject: please remove me
          """, "Take me off your list.");

      assertThat(classifier.classify(inbound(message), MailboxPurpose.REPLIES)).isEqualTo(new UnsubscribeRequest(null));
    }

    @Test
    void anAutoReplyToTheUnsubscribeAddressUnsubscribesNobody() {
      assertThat(classifier.classify(inbound("ooo-no-date.eml"), MailboxPurpose.UNSUBSCRIBE)).isInstanceOf(AutoReply.class);
    }

    @Test
    void aBounceInTheUnsubscribeMailboxIsStillABounce() {
      assertThat(classifier.classify(inbound("exim-bounce.eml"), MailboxPurpose.UNSUBSCRIBE)).isInstanceOf(Bounce.class);
    }
  }
}
