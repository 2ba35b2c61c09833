package io.abmsequencer.activities.weekly;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.weekly.WeeklyReview.Line;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The weekly review against real PostgreSQL, every figure computed by hand below. */
class WeeklyReviewRepositoryTest extends DatabaseTest {
  static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");
  static final String SAM = "sam.lee@yourco.example";
  static final String JANE = "jane.doe@yourco.example";

  @Autowired WeeklyReviewRepository repository;
  @Autowired JdbcClient jdbc;

  static Instant daysAgo(long days) {
    return MONDAY.minus(Duration.ofDays(days));
  }

  /** The week of two owners, one account per case. */
  static void aWeek(Fixtures f) {
    // Advanced on score: 2 pricing-page visits (15 each) and a site visit (5) this week = +35.
    String acme = f.sequence("acme", "ONE_TO_FEW", SAM, 45, daysAgo(60), null, null);
    f.event("acme", "PRICING_PAGE_VISIT", daysAgo(1));
    f.event("acme", "PRICING_PAGE_VISIT", daysAgo(2));
    f.event("acme", "WEBSITE_VISIT", daysAgo(6));
    f.event("acme", "WEBSITE_VISIT", daysAgo(8)); // last week: not counted
    // Stalled: last engagement 40 days ago, running for 60; and a review waiting.
    String globex = f.sequence("globex", "ONE_TO_ONE", SAM, 20, daysAgo(60), null, null);
    f.event("globex", "CONTENT_DOWNLOAD", daysAgo(40));
    f.review(globex, "globex", SAM, "ONE_TO_ONE", "Is this account worth a 1:1 program?", daysAgo(2), daysAgo(-3));
    // Stalled by an overdue task only: 10 days old, too young for "no engagement in 30 days".
    String initech = f.sequence("initech", "ONE_TO_MANY", SAM, 0, daysAgo(10), null, null);
    f.task(initech, "initech", SAM, "CALL", "OPEN", daysAgo(5), daysAgo(1), null);
    f.task(initech, "initech", SAM, "CALL", "DONE", daysAgo(5), daysAgo(2), null); // done: not overdue
    // Advanced by its exit: a meeting booked 2 days ago.
    f.sequence("umbrella", "ONE_TO_FEW", SAM, 80, daysAgo(90), "MEETING_BOOKED", daysAgo(2));
    // A reply scores nothing: neither advanced nor stalled. Its hot alert is 10 days old: not new.
    String hooli = f.sequence("hooli", "ONE_TO_FEW", SAM, 10, daysAgo(60), null, null);
    f.event("hooli", "EMAIL_REPLY", daysAgo(5));
    f.task(hooli, "hooli", SAM, "HOT_ACCOUNT", "DONE", daysAgo(10), daysAgo(8), "score 30");
    // Advanced by a stage: an opportunity opened yesterday.
    f.sequence("stark", "ONE_TO_ONE", SAM, 5, daysAgo(5), null, null);
    f.stage("stark", "OPPORTUNITY", daysAgo(1));
    // A new hot account (raised 2 days ago, on acme).
    f.task(acme, "acme", SAM, "HOT_ACCOUNT", "OPEN", daysAgo(2), daysAgo(-1), "score 45 after PRICING_PAGE_VISIT");
    // A meeting 10 days ago: last week's news.
    f.sequence("wayne", "ONE_TO_FEW", SAM, 70, daysAgo(100), "MEETING_BOOKED", daysAgo(10));
    // Another owner's account.
    f.sequence("wonka", "ONE_TO_FEW", JANE, 50, daysAgo(20), null, null);
    f.event("wonka", "DEMO_REQUEST", daysAgo(3));
  }

  @BeforeEach
  void data() {
    Fixtures f = new Fixtures(jdbc);
    f.clear();
    aWeek(f);
  }

  @Test
  void oneOwnersWeekHasEachAccountWhereItBelongs() {
    WeeklyReview review = repository.review(SAM, null, MONDAY);

    // Tiers 1:1 first, then by score.
    assertThat(review.advanced()).extracting(a -> a.account().accountId()).containsExactly("stark", "umbrella", "acme");
    assertThat(review.advanced()).extracting(WeeklyReview.Advanced::points).containsExactly(0, 0, 35);
    assertThat(review.advanced()).extracting(WeeklyReview.Advanced::why)
        .containsExactly("stage: opportunity", "meeting booked", "+35 this week (2 × pricing page visit, website visit)");

    assertThat(review.stalled()).extracting(s -> s.account().accountId()).containsExactly("globex", "initech");
    assertThat(review.stalled().get(0).why()).isEqualTo("no engagement for 40 days (last Wed 21 Oct)");
    assertThat(review.stalled().get(1).overdueTasks()).isEqualTo(1);
    assertThat(review.stalled().get(1).why()).isEqualTo("1 overdue SDR task (due Sun 29 Nov)");

    assertThat(review.decisions()).extracting(d -> d.account().accountId()).containsExactly("globex");
    assertThat(review.decisions().get(0).question()).isEqualTo("Is this account worth a 1:1 program?");
    assertThat(review.hot()).extracting(h -> h.account().accountId()).containsExactly("acme");
    assertThat(review.hot().get(0).account().score()).isEqualTo(45);

    assertThat(review.summary()).isEqualTo("3 advanced, 2 stalled, 1 review waiting, 1 new hot account");
    assertThat(review.lines()).containsExactly(
        new Line(SAM, Tier.ONE_TO_ONE, 1, 1, 1, 0),
        new Line(SAM, Tier.ONE_TO_FEW, 2, 0, 0, 1),
        new Line(SAM, Tier.ONE_TO_MANY, 0, 1, 0, 0));
  }

  @Test
  void filtersByTierAndCoversEveryOwnerWithoutOne() {
    WeeklyReview fewOnly = repository.review(SAM, Tier.ONE_TO_FEW, MONDAY);
    assertThat(fewOnly.advanced()).extracting(a -> a.account().accountId()).containsExactly("umbrella", "acme");
    assertThat(fewOnly.stalled()).isEmpty();
    assertThat(fewOnly.decisions()).isEmpty();
    assertThat(fewOnly.hot()).hasSize(1);

    WeeklyReview everyone = repository.review(null, null, MONDAY);
    assertThat(everyone.advanced()).extracting(a -> a.account().accountId()).containsExactly("stark", "umbrella", "wonka", "acme");
    assertThat(everyone.advanced().get(2).why()).isEqualTo("+50 this week (demo request)");
    assertThat(repository.owners()).containsExactly(JANE, SAM);
  }

  @Test
  void aQuietOwnerHasNothingToReport() {
    WeeklyReview review = repository.review("nobody@yourco.example", null, MONDAY);
    assertThat(review.isEmpty()).isTrue();
    assertThat(review.summary()).isEqualTo("nothing to report");
  }
}
