package io.abmsequencer.starter.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.testsupport.TestDatabase;
import io.abmsequencer.starter.scorecard.Scorecard.Metrics;
import io.abmsequencer.starter.testsupport.LedgerTouches;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.ExitReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The scorecard's numbers on real PostgreSQL, each computed by hand in the comments. Five
 * sequences of four accounts in a 90-day period (one more ended before it), and 5,000 sequences for
 * the time it takes.
 */
class ScorecardRepositoryTest {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static JdbcClient jdbc;
  static ScorecardRepository repository;

  static Instant daysAgo(long days) {
    return NOW.minus(Duration.ofDays(days));
  }

  @BeforeAll
  static void database() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.newDatabaseUrl(), TestDatabase.USER, "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    repository = new ScorecardRepository(jdbc);
    jdbc.sql("insert into playbooks (id, version, name, motion, tier, yaml) values"
        + " ('fintech', 1, 'Fintech (old name)', 'NEW_LOGO', 'ONE_TO_FEW', ''), ('fintech', 2, 'Fintech cluster', 'NEW_LOGO', 'ONE_TO_FEW', ''),"
        + " ('strategic', 1, 'Strategic 1:1', 'NEW_LOGO', 'ONE_TO_ONE', ''), ('expansion', 1, 'Expansion', 'EXPANSION', 'ONE_TO_MANY', '')")
        .update();

    // acme on fintech: 3 people; a1 e-mailed, a2 texted (dry run), a3 suppressed: 2 contacted.
    // a1 visited pricing 10 days ago (15 points, engaged); a site visit 50 days ago (5) from no one.
    sequence("abm-new-logo-acme", "acme", "NEW_LOGO", "ONE_TO_FEW", "fintech", 40, 100, null, 0);
    contacts("abm-new-logo-acme", "a1", "a2", "a3");
    touch("abm-new-logo-acme", "a1", "EMAIL", "SENT");
    touch("abm-new-logo-acme", "a2", "SMS", "DRY_RUN");
    touch("abm-new-logo-acme", "a3", "EMAIL", "SUPPRESSED");
    event("acme", "a1", "PRICING_PAGE_VISIT", 10);
    event("acme", null, "WEBSITE_VISIT", 50);
    // acme on expansion too (started 10 days ago): the same a1, e-mailed again. acme is one account.
    sequence("abm-expansion-acme", "acme", "EXPANSION", "ONE_TO_MANY", "expansion", 20, 10, null, 0);
    contacts("abm-expansion-acme", "a1");
    touch("abm-expansion-acme", "a1", "EMAIL", "SENT");
    // globex on fintech, ended 5 days ago on a meeting: g1 e-mailed; g1 booked (30), g2 asked for a demo 20 days ago (50).
    sequence("abm-new-logo-globex", "globex", "NEW_LOGO", "ONE_TO_FEW", "fintech", 80, 60, "MEETING_BOOKED", 5);
    contacts("abm-new-logo-globex", "g1", "g2");
    touch("abm-new-logo-globex", "g1", "EMAIL", "SENT");
    event("globex", "g1", "MEETING_BOOKED", 5);
    event("globex", "g2", "DEMO_REQUEST", 20);
    // initech on strategic, 20 days old, nobody contacted yet; an opportunity 3 days ago; a visit
    // 35 days ago, before its sequence started (counts in the trend from the start, not as engaged).
    sequence("abm-new-logo-initech", "initech", "NEW_LOGO", "ONE_TO_ONE", "strategic", 0, 20, null, 0);
    contacts("abm-new-logo-initech", "i1");
    event("initech", null, "WEBSITE_VISIT", 35);
    jdbc.sql("insert into account_stages (account_id, stage, changed_at) values ('initech', 'OPPORTUNITY', :at), ('globex', 'OPPORTUNITY', :old)")
        .param("at", daysAgo(3).atOffset(ZoneOffset.UTC)).param("old", daysAgo(200).atOffset(ZoneOffset.UTC)).update();
    // hooli on fintech, removed from the list 30 days ago; its e-mail bounced; a download 40 days ago (10).
    sequence("abm-new-logo-hooli", "hooli", "NEW_LOGO", "ONE_TO_FEW", "fintech", 10, 80, "REMOVED_FROM_LIST", 30);
    contacts("abm-new-logo-hooli", "h1");
    touch("abm-new-logo-hooli", "h1", "EMAIL", "BOUNCED");
    touch("abm-new-logo-hooli", "*", "ADS", "DRY_RUN");
    event("hooli", null, "CONTENT_DOWNLOAD", 40);
    // umbrella ended 200 days ago: not a target account of this period.
    sequence("abm-new-logo-umbrella", "umbrella", "NEW_LOGO", "ONE_TO_ONE", "strategic", 90, 300, "DISQUALIFIED", 200);
    contacts("abm-new-logo-umbrella", "u1");
    event("umbrella", "u1", "MEETING_BOOKED", 210);
  }

  @Test
  void theTotalsOfTheQuarter() {
    Scorecard card = repository.scorecard(ScorecardFilter.all(), NOW);
    Metrics total = card.total();

    assertThat(total.accounts()).isEqualTo(4); // acme, globex, initech, hooli
    assertThat(total.engagedAccounts()).isEqualTo(2); // acme (10 days), globex (5, 20 days)
    assertThat(total.engagementRate()).isEqualTo(50);
    assertThat(total.contacts()).isEqualTo(7); // a1 a2 a3 g1 g2 i1 h1 (a1 once)
    assertThat(total.contacted()).isEqualTo(3); // a1 a2 g1
    assertThat(total.contactedRate()).isEqualTo(43);
    assertThat(total.engagedContacts()).isEqualTo(3); // a1 g1 g2
    assertThat(total.accountsWithEngagedBuyer()).isEqualTo(2);
    assertThat(total.engagedBuyerRate()).isEqualTo(50);
    assertThat(total.averageScore()).isCloseTo(30.0, within(0.001)); // (40 + 20 + 80 + 0 + 10) / 5 sequences
    assertThat(total.meetings()).isEqualTo(1); // globex
    assertThat(total.opportunities()).isEqualTo(1); // initech (globex's opportunity is 200 days old)
    assertThat(total.opportunityRate()).isEqualTo(25);
    assertThat(total.exitsByReason()).containsExactly(Map.entry(ExitReason.MEETING_BOOKED, 1L), Map.entry(ExitReason.REMOVED_FROM_LIST, 1L));
    assertThat(total.exits()).isEqualTo(2);
  }

  @Test
  void thePlaybooksSideBySide() {
    Scorecard card = repository.scorecard(ScorecardFilter.all(), NOW);

    assertThat(card.byPlaybook()).extracting(Metrics::playbookId).containsExactly("strategic", "fintech", "expansion");
    Metrics fintech = card.byPlaybook().get(1);
    assertThat(fintech.playbookName()).isEqualTo("Fintech cluster");
    assertThat(fintech.motion()).isEqualTo(Motion.NEW_LOGO);
    assertThat(fintech.tier()).isEqualTo(Tier.ONE_TO_FEW);
    assertThat(fintech.accounts()).isEqualTo(3);
    assertThat(fintech.engagementRate()).isEqualTo(67);
    assertThat(fintech.contacts()).isEqualTo(6);
    assertThat(fintech.contacted()).isEqualTo(3);
    assertThat(fintech.engagedContacts()).isEqualTo(3);
    assertThat(fintech.averageScore()).isCloseTo(130 / 3.0, within(0.001));
    assertThat(fintech.meetings()).isEqualTo(1);
    assertThat(fintech.opportunities()).isZero();
    assertThat(fintech.exits()).isEqualTo(2);
    Metrics strategic = card.byPlaybook().get(0);
    assertThat(strategic.accounts()).isEqualTo(1);
    assertThat(strategic.engagedAccounts()).isZero();
    assertThat(strategic.contactedRate()).isZero();
    assertThat(strategic.opportunities()).isEqualTo(1);
    assertThat(strategic.exitsByReason()).isEmpty();
    Metrics expansion = card.byPlaybook().get(2);
    assertThat(expansion.accounts()).isEqualTo(1);
    assertThat(expansion.contacted()).isEqualTo(1);
    assertThat(expansion.averageScore()).isEqualTo(20.0);
  }

  @Test
  void theWeeklyScoreTrend() {
    Scorecard card = repository.scorecard(ScorecardFilter.all(), NOW);
    // Accounts from the week their first sequence started: acme (100 days) and hooli (80) before
    // the 12 weeks, globex (60 days ago) week 4, initech (20) week 10. Points from the week of the
    // event or of the account's start if later: acme 5 in week 5, 15 in week 11; hooli 10 in week 7;
    // globex 50 in week 10, 30 in week 12; initech's 5 (before its start) in week 10.
    assertThat(card.trend()).hasSize(12);
    assertThat(card.trend()).extracting(Scorecard.Trend::accounts).containsExactly(2L, 2L, 2L, 3L, 3L, 3L, 3L, 3L, 3L, 4L, 4L, 4L);
    double[] expected = {0, 0, 0, 0, 5 / 3.0, 5 / 3.0, 5, 5, 5, 70 / 4.0, 85 / 4.0, 115 / 4.0};
    for (int k = 0; k < 12; k++) assertThat(card.trend().get(k).averageScore()).as("week " + (k + 1)).isCloseTo(expected[k], within(0.001));
    assertThat(card.trend().get(11).weekEnding()).isEqualTo(java.time.LocalDate.of(2026, 11, 30));
    assertThat(card.trend().get(0).weekEnding()).isEqualTo(java.time.LocalDate.of(2026, 9, 14));
    assertThat(card.changeOverFourWeeks()).isCloseTo(115 / 4.0 - 5, within(0.001));
  }

  @Test
  void filtersNarrowEveryFigure() {
    Metrics oneToOne = repository.scorecard(new ScorecardFilter(null, Tier.ONE_TO_ONE, null, 90), NOW).total();
    assertThat(oneToOne.accounts()).isEqualTo(1);
    assertThat(oneToOne.opportunities()).isEqualTo(1);
    assertThat(oneToOne.contacts()).isEqualTo(1);
    assertThat(oneToOne.contacted()).isZero();

    Metrics expansion = repository.scorecard(new ScorecardFilter(Motion.EXPANSION, null, null, 90), NOW).total();
    assertThat(expansion.accounts()).isEqualTo(1);
    assertThat(expansion.engagedAccounts()).isEqualTo(1);

    Metrics fintechMonth = repository.scorecard(new ScorecardFilter(null, null, "fintech", 30), NOW).total();
    // hooli ended 30 days ago: still live at the period's first instant; acme and globex too.
    assertThat(fintechMonth.accounts()).isEqualTo(3);
    assertThat(fintechMonth.exits()).isEqualTo(2);

    Metrics year = repository.scorecard(new ScorecardFilter(null, null, null, 365), NOW).total();
    assertThat(year.accounts()).isEqualTo(5); // umbrella ended 200 days ago
    assertThat(year.meetings()).isEqualTo(2); // and had a meeting 210 days ago

    Metrics none = repository.scorecard(new ScorecardFilter(null, null, "no-such-playbook", 90), NOW).total();
    assertThat(none.accounts()).isZero();
    assertThat(none.engagementRate()).isNull();
    assertThat(none.averageScore()).isNull();
  }

  @Test
  void fiveThousandSequencesAreAllCounted() {
    String db = TestDatabase.newDatabaseUrl();
    DriverManagerDataSource dataSource = new DriverManagerDataSource(db, TestDatabase.USER, "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcClient big = JdbcClient.create(dataSource);
    // 5,000 accounts, 6 people each, 4 touches per person, 10 events per account over 6 months.
    big.sql("""
        insert into sequences (workflow_id, account_id, account_name, motion, tier, playbook_id, playbook_version, owner, status, score,
                               touches, started_at, updated_at, exited_at, exit_reason)
        select 'abm-new-logo-a' || i, 'a' || i, 'Account ' || i, 'NEW_LOGO', (array['ONE_TO_ONE','ONE_TO_FEW','ONE_TO_MANY'])[1 + i % 3],
               'p' || (i % 7), 1, 'o' || (i % 20), case when i % 10 = 0 then 'EXITED' else 'WAITING' end, i % 120, 4,
               now() - (i % 200) * interval '1 day', now(), case when i % 10 = 0 then now() - (i % 60) * interval '1 day' end,
               case when i % 10 = 0 then (array['MEETING_BOOKED','COMPLETED','REPLIED'])[1 + i % 3] end
          from generate_series(1, 5000) i;
        insert into sequence_contacts (workflow_id, contact_id, email, role)
        select 'abm-new-logo-a' || i, 'c' || j, 'p' || j || '@a' || i || '.example', 'CHAMPION'
          from generate_series(1, 5000) i, generate_series(1, 6) j;
        insert into touches (touch_key, workflow_id, step_key, contact_id, account_id, channel, status)
        select 'abm-new-logo-a' || i || '/s' || k || '/c' || j, 'abm-new-logo-a' || i, 's' || k, 'c' || j, 'a' || i, 'EMAIL',
               case when (i + j + k) % 5 = 0 then 'SUPPRESSED' else 'SENT' end
          from generate_series(1, 5000) i, generate_series(1, 6) j, generate_series(1, 4) k;
        insert into engagement_events (event_id, account_id, contact_email, type, occurred_at)
        select 'e' || i || '-' || k, 'a' || i, 'p' || (k % 6 + 1) || '@a' || i || '.example',
               (array['WEBSITE_VISIT','PRICING_PAGE_VISIT','CONTENT_DOWNLOAD','EMAIL_CLICK','DEMO_REQUEST'])[1 + (i + k) % 5],
               now() - ((i * 7 + k * 13) % 180) * interval '1 day'
          from generate_series(1, 5000) i, generate_series(1, 10) k;
        analyze;
        """).update();
    ScorecardRepository large = new ScorecardRepository(big);
    // Only what it counts is asserted here; how long it takes on a shared machine is not a test's business.
    Scorecard card = large.scorecard(new ScorecardFilter(null, null, null, 365), Instant.now());

    assertThat(card.total().accounts()).isEqualTo(5000);
    assertThat(card.total().contacts()).isEqualTo(30_000);
    assertThat(card.byPlaybook()).hasSize(21); // 7 playbooks x 3 tiers
    assertThat(card.trend()).hasSize(26);
  }

  static void sequence(String workflowId, String account, String motion, String tier, String playbook, int score, int startedDaysAgo,
      String exitReason, int exitedDaysAgo) {
    jdbc.sql("""
            insert into sequences (workflow_id, account_id, account_name, motion, tier, playbook_id, playbook_version, owner, status, score,
                                   touches, exit_reason, started_at, updated_at, exited_at)
            values (:w, :a, :a, :motion, :tier, :p, 1, 'sam', :status, :score, 0, :exit, :started, :started, :exited)
            """)
        .param("w", workflowId).param("a", account).param("motion", motion).param("tier", tier).param("p", playbook)
        .param("status", exitReason == null ? "WAITING" : "EXITED").param("score", score).param("exit", exitReason)
        .param("started", daysAgo(startedDaysAgo).atOffset(ZoneOffset.UTC))
        .param("exited", exitReason == null ? null : daysAgo(exitedDaysAgo).atOffset(ZoneOffset.UTC))
        .update();
  }

  static void contacts(String workflowId, String... ids) {
    for (String id : ids) {
      jdbc.sql("insert into sequence_contacts (workflow_id, contact_id, email, role) values (:w, :c, :e, 'CHAMPION')")
          .param("w", workflowId).param("c", id).param("e", id.toUpperCase() + "@example.com").update();
    }
  }

  static void touch(String workflowId, String contact, String channel, String status) {
    new LedgerTouches(jdbc).write(new TouchKey(workflowId, "step/" + channel, contact), "x", Channel.valueOf(channel),
        TouchStatus.valueOf(status));
  }

  private static int events;

  static void event(String account, String contact, String type, int daysAgo) {
    jdbc.sql("insert into engagement_events (event_id, account_id, contact_email, type, occurred_at) values (:id, :a, :c, :t, :at)")
        .param("id", "e" + (++events)).param("a", account).param("c", contact == null ? null : contact + "@example.com")
        .param("t", type).param("at", daysAgo(daysAgo).atOffset(ZoneOffset.UTC)).update();
  }
}
