package io.abmsequencer.activities.weekly;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.abmsequencer.activities.testsupport.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.weekly.SentDigests.Status;
import io.abmsequencer.workflows.digest.DigestRequest;
import io.abmsequencer.workflows.digest.DigestResult;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Monday digest over real SMTP (GreenMail) and PostgreSQL: its content, once per owner and week. */
@Import(OwnerDigestsTest.MondayClock.class)
class OwnerDigestsTest extends DatabaseTest {
  @RegisterExtension static final TestSmtp smtp = TestSmtp.onFreePort();
  static final LocalDate WEEK = LocalDate.of(2026, 11, 30);

  @TestConfiguration
  static class MondayClock {
    @Bean
    Clock digestClock() {
      return Clock.fixed(WeeklyReviewRepositoryTest.MONDAY, ZoneOffset.UTC);
    }
  }

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    smtp.register(registry);
    registry.add("abm.public-url", () -> "https://abm.yourco.example");
  }

  @Autowired OwnerDigests digests;
  @Autowired SentDigests sent;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void data() throws Exception {
    Fixtures f = new Fixtures(jdbc);
    f.clear();
    WeeklyReviewRepositoryTest.aWeek(f);
  }

  @Test
  void theOwnersWeekGoesOutOnceFromTheDigestAddress() throws Exception {
    DigestRequest request = new DigestRequest(WeeklyReviewRepositoryTest.SAM, "sam.lee@yourco.example", "Europe/London", WEEK);

    DigestResult result = digests.send(request);

    assertThat(result).isEqualTo(new DigestResult(true, "3 advanced, 2 stalled, 1 review waiting, 1 new hot account"));
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("abm@sales.example.com");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("sam.lee@yourco.example");
    assertThat(mail.getSubject())
        .isEqualTo("Your weekly account review, week of Mon 30 Nov 2026: 3 advanced, 2 stalled, 1 review waiting, 1 new hot account");
    assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
    String text = TestSmtp.text(mail);
    assertThat(text).contains(
        "ADVANCED (3)",
        "- Stark Corp (1:1, score 5): stage: opportunity",
        "- Umbrella Corp (1:few, score 80): meeting booked",
        "- Acme Corp (1:few, score 45): +35 this week (2 × pricing page visit, website visit)",
        "STALLED (2)",
        "- Globex Corp (1:1, score 20): no engagement for 40 days (last Wed 21 Oct)",
        "- Initech Corp (1:many, score 0): 1 overdue SDR task (due Sun 29 Nov)",
        "NEED A DECISION (1)",
        "- Globex Corp (1:1, score 20): \u201cIs this account worth a 1:1 program?\u201d, due Thu 3 Dec",
        "NEW HOT ACCOUNTS (1)",
        "- Acme Corp (1:few, score 45): score 45 after PRICING_PAGE_VISIT",
        "https://abm.yourco.example/weekly?owner=sam.lee%40yourco.example",
        "every Monday at 08:00 (Europe/London)");
    assertThat(text).doesNotContain("Wonka", "Hooli", "Wayne");
    assertThat(TestSmtp.html(mail)).contains("<h2 style=\"font-size:16px\">Advanced (3)</h2>", "Acme Corp");

    // A retry of the activity (or the same week asked again) sends nothing more.
    DigestResult again = digests.send(request);
    assertThat(again.sent()).isFalse();
    assertThat(again.summary()).endsWith("(sent before)");
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(sent.find(request.owner(), WEEK).orElseThrow().status()).isEqualTo(Status.SENT);

    // The next week is a new digest.
    assertThat(digests.send(new DigestRequest(request.owner(), request.email(), "Europe/London", WEEK.plusWeeks(1))).sent()).isTrue();
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void anAttemptThatDiedMidWaySendsTheSameMessageAgainAndThenNeverAgain() throws Exception {
    DigestRequest request = new DigestRequest(WeeklyReviewRepositoryTest.JANE, "jane.doe@yourco.example", "UTC", WEEK);
    // The row a worker wrote before it died: SENDING, with the content fixed.
    sent.insert(new SentDigests.Row(request.owner(), WEEK, request.email(), Status.SENDING, "1 advanced", "Your weekly account review",
        "the text as first composed", "<p>the html</p>", digests.messageId(request), null, null));

    assertThat(digests.send(request)).isEqualTo(new DigestResult(true, "1 advanced"));
    assertThat(digests.send(request).sent()).isFalse();

    assertThat(smtp.getReceivedMessages()).hasSize(1);
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(TestSmtp.text(mail)).isEqualTo("the text as first composed");
    assertThat(mail.getMessageID()).isEqualTo(digests.messageId(request)).startsWith("<digest-").endsWith("@sales.example.com>");
  }

  @Test
  void aWeekWithNothingToReportSendsNothingAndIsRecorded() {
    DigestRequest request = new DigestRequest("nobody@yourco.example", "nobody@yourco.example", "UTC", WEEK);

    assertThat(digests.send(request)).isEqualTo(new DigestResult(false, "nothing to report: no e-mail this week"));
    assertThat(digests.send(request).sent()).isFalse();

    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(sent.find(request.owner(), WEEK).orElseThrow().status()).isEqualTo(Status.EMPTY);
  }

  @Test
  void aServerThatIsDownIsRetriedByTemporalAndTheRowWaits() {
    smtp.stop();
    try {
      DigestRequest request = new DigestRequest(WeeklyReviewRepositoryTest.SAM, "sam.lee@yourco.example", "UTC", WEEK);
      ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> digests.send(request));
      assertThat(failure.getType()).isEqualTo(OwnerDigests.TRANSIENT);
      assertThat(failure.isNonRetryable()).isFalse();
      SentDigests.Row row = sent.find(request.owner(), WEEK).orElseThrow();
      assertThat(row.status()).isEqualTo(Status.SENDING);
      assertThat(row.detail()).startsWith("SMTP send failed");
    } finally {
      smtp.start();
    }
  }
}
