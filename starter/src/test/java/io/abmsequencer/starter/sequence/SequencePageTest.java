package io.abmsequencer.starter.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchRow;
import io.abmsequencer.activities.sequence.SequenceRow;
import io.abmsequencer.activities.tasks.TaskRow;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.SequenceStatus;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sequence's page: the committee's reachability, what was done in order, and the plan after the current step. */
class SequencePageTest {
  static final Playbook PLAYBOOK = PlaybookParser.parse("""
      id: page-test
      name: Page test
      motion: NEW_LOGO
      tier: ONE_TO_FEW
      calendar: {timeZone: UTC, workDays: [MON, TUE, WED, THU, FRI, SAT, SUN], sendWindow: "00:00-24:00"}
      steps:
        - id: hello
          email: {to: [CHAMPION], subject: "Hello", body: "Hi {{firstName}}"}
        - id: audience
          ads: {audience: committees, platforms: [LINKEDIN]}
        - id: breather
          wait: 2 weeks
        - id: follow-up
          when: score >= 20
          email: {to: [CHAMPION], subject: "Following up", body: "Hi"}
        - id: call
          task: {type: CALL, to: CHAMPION, title: "Call {{firstName}}", due: 2 business days}
      """).withVersion(1);
  static final Instant STARTED = Instant.parse("2027-01-04T09:00:00Z");
  static final Instant SENT = STARTED.plusSeconds(60);
  static final Instant NOW = STARTED.plus(Duration.ofDays(3));
  static final Contact ZOE = new Contact("c-zoe", "zoe@acme.example", "Zoë", "O'Brien", "CFO", Role.CHAMPION, null, "Europe/Dublin", false);
  static final Contact MAX = new Contact("c-max", "max@acme.example", "Max", "Ek", "CTO", Role.TECHNICAL_EVALUATOR, null, null, false);

  @Test
  void aWaitWithANextTouchPlansFromThatTouch() {
    Instant next = STARTED.plus(Duration.ofDays(14)).plusSeconds(60);
    SequencePage page = SequencePage.of(detail(status(2, next, Map.of("c-max", "HARD_BOUNCE"))), PLAYBOOK, NOW);

    assertThat(page.committee()).extracting(SequencePage.Member::unreachable).containsExactly(null, "BOUNCED");
    assertThat(page.committee().get(0).zone()).isEqualTo("Europe/Dublin");
    assertThat(page.committee().get(1).zone()).isEqualTo("UTC");
    assertThat(page.done()).extracting(SequencePage.Event::kind).containsExactly("EMAIL", "ADS", "TASK");
    assertThat(page.done().get(0).when()).isEqualTo("Mon 2027-01-04 09:01 Europe/Dublin");
    assertThat(page.done().get(0).outcome()).isEqualTo("sequences.touch.SENT");
    assertThat(page.done().get(1).what()).isEqualTo("1 contact recorded for LinkedIn audience 'committees'");
    assertThat(page.done().get(2).outcome()).isEqualTo("sequences.outcome.SKIPPED");
    assertThat(page.done().get(2).note()).isEqualTo("sdr: out of office");

    assertThat(page.planShown()).isTrue();
    assertThat(page.planned()).extracting(SequencePage.Event::kind).containsExactly("EMAIL", "TASK");
    assertThat(page.planned().get(0).at()).isEqualTo(next);
    assertThat(page.planned().get(0).note()).isEqualTo("only if score >= 20");
    assertThat(page.planned().get(0).to()).isEqualTo("Zoë O'Brien (CHAMPION)");
    assertThat(page.engagement()).extracting(SequencePage.Count::count).containsExactly(2);
  }

  @Test
  void aWaitWithoutANextTouchIsCountedFromTheLastThingDone() {
    SequencePage page = SequencePage.of(detail(status(2, null, Map.of())), PLAYBOOK, NOW);
    assertThat(page.planned()).extracting(SequencePage.Event::kind).containsExactly("WAIT", "EMAIL", "TASK");
    // The last thing done was the task closed an hour after the touch.
    assertThat(page.planned().get(1).at()).isEqualTo(SENT.plus(Duration.ofHours(1)).plus(Duration.ofDays(14)));
  }

  @Test
  void pausedOrEndedSequencesPlanNothing() {
    SequenceStatus live = status(2, null, Map.of());
    SequenceStatus paused = new SequenceStatus(live.workflowId(), live.accountId(), live.accountName(), live.motion(), live.tier(),
        live.playbookId(), live.playbookVersion(), live.owner(), SequenceStatusCode.PAUSED, "Paused", 2, live.currentStep(), null, null,
        0, Map.of(), List.of(), List.of(), 1, List.of(), Map.of(), true, null, STARTED);
    SequencePage page = SequencePage.of(detail(paused), PLAYBOOK, NOW);
    assertThat(page.paused()).isTrue();
    assertThat(page.running()).isTrue();
    assertThat(page.planShown()).isFalse();

    SequenceService.Detail gone = new SequenceService.Detail(row(), null, List.of(ZOE), List.of(), List.of(), List.of(), "Temporal no longer knows");
    SequencePage lost = SequencePage.of(gone, PLAYBOOK, NOW);
    assertThat(lost.running()).isFalse();
    assertThat(lost.status()).isEqualTo(SequenceStatusCode.WAITING);
    assertThat(lost.planned()).isEmpty();
  }

  private static SequenceService.Detail detail(SequenceStatus live) {
    TouchRow email = new TouchRow("k1", "abm-new-logo-acme", "hello", "c-zoe", "acme", Channel.EMAIL, "SENT", "zoe@acme.example", "sam@yourco.example",
        "Hello", "Hi Zoë", "m1", null, 1, SENT, SENT);
    TouchRow ads = new TouchRow("k2", "abm-new-logo-acme", "audience", null, "acme", Channel.ADS, "DRY_RUN", "committees", null,
        null, "c-zoe", null, "1 contact recorded for LinkedIn audience 'committees'", 1, SENT.plusSeconds(1), SENT.plusSeconds(1));
    TaskRow task = new TaskRow("t1", "abm-new-logo-acme", "acme", "Acme", "sam@yourco.example", TaskType.CALL, "Call Zoë", null, "c-zoe",
        "Zoë O'Brien", Role.CHAMPION, "CFO", "zoe@acme.example", null, "call", null, 0, List.of(TaskOutcome.values()), TaskState.DONE,
        TaskOutcome.SKIPPED, "out of office", "sdr", SENT.plus(Duration.ofDays(2)), SENT, SENT.plus(Duration.ofHours(1)), null);
    // The ledger lists newest first; the page puts them in time order.
    return new SequenceService.Detail(row(), live, List.of(ZOE, MAX), List.of(ads, email), List.of(task), List.of(), null);
  }

  private static SequenceStatus status(int step, Instant nextTouchAt, Map<String, String> unreachable) {
    return new SequenceStatus("abm-new-logo-acme", "acme", "Acme", Motion.NEW_LOGO, Tier.ONE_TO_FEW, "page-test", 1, "sam@yourco.example",
        SequenceStatusCode.WAITING, "Waiting 2 weeks", step, "wait 2 weeks", nextTouchAt == null ? null : "email to CHAMPION: Following up",
        nextTouchAt, 10, Map.of(EngagementType.WEBSITE_VISIT, 2), List.of(), List.of(), 1, List.of(), unreachable, false, null, STARTED);
  }

  private static SequenceRow row() {
    return new SequenceRow("abm-new-logo-acme", "acme", "Acme", "acme.example", "Fintech", Motion.NEW_LOGO, Tier.ONE_TO_FEW, "page-test", 1,
        "sam@yourco.example", SequenceStatusCode.WAITING, "wait 2 weeks", null, null, 10, 1, null, null, STARTED, NOW, null);
  }
}
