package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.playbook.AudienceAction;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.testing.Committees;
import io.abmsequencer.workflows.testing.FakeChannels.Sent;
import io.abmsequencer.workflows.testing.SequenceTestKit;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Paths a sequence walks over weeks, driven to the end and recorded for the replay test: per-role
 * copy, a sending cap and an out-of-office on the way through an ad audience, and a pause that
 * lasts across continue-as-new.
 */
class LongRunPathsTest {

  static final String WORKFLOW_ID = "abm-new-logo-acme";

  final SequenceTestKit kit = new SequenceTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void perRoleCopyACapAndAnAbsenceOnTheWayThroughAnAdAudience() {
    Playbook playbook = SequenceTestKit.playbook("""
        id: copy-and-ads
        name: Per-role copy, caps and absences
        motion: NEW_LOGO
        tier: ONE_TO_FEW
        calendar: {timeZone: America/New_York, sendWindow: "09:00-17:00"}
        steps:
          - id: audience
            ads: {audience: finance-leaders, platforms: [LINKEDIN], to: [ECONOMIC_BUYER, CHAMPION]}
          - id: intro
            email:
              to: [ECONOMIC_BUYER, CHAMPION]
              subject: "Payments at {{accountName}}"
              body: "Hi {{firstName}}"
              byRole:
                ECONOMIC_BUYER: {subject: "The business case", body: "Numbers for {{firstName}}"}
          - id: gap
            wait: 1 week
          - id: nudge
            sms: {to: [CHAMPION], body: "Hi {{firstName}}, did the note reach you?"}
          - id: leave
            ads: {audience: finance-leaders, platforms: [LINKEDIN], action: REMOVE, to: [ECONOMIC_BUYER, CHAMPION]}
        """);
    List<Contact> committee = List.of(Committees.acmeCommittee().get(0), Committees.acmeCommittee().get(1));
    Contact economicBuyer = committee.get(0);
    Contact champion = committee.get(1);
    // The CFO has had two e-mails this week from other sequences: hers waits two days.
    kit.channels.deferOnce.put(economicBuyer.id(), Duration.ofDays(2));
    AccountSequenceWorkflow sequence = kit.start(SequenceTestKit.input(playbook, committee));
    kit.advance(Duration.ofHours(1));
    assertThat(kit.channels.emails).extracting(Sent::role, Sent::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CHAMPION", "Payments at {{accountName}} | Hi {{firstName}}"));
    // The champion's out-of-office: back on Monday the 18th.
    sequence.contactAway(new ContactAway(champion.id(), SequenceTestKit.at("2027-01-18T00:00", SequenceTestKit.NEW_YORK), "out of office"));

    SequenceResult result = kit.result(sequence);

    assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);
    Sent business = kit.channels.emails.get(1);
    assertThat(business.text()).isEqualTo("The business case | Numbers for {{firstName}}");
    assertThat(business.key()).isEqualTo(kit.channels.deferrals.get(0));
    assertThat(business.at().truncatedTo(ChronoUnit.MINUTES)).isEqualTo(SequenceTestKit.at("2027-01-06T09:00", SequenceTestKit.NEW_YORK));
    // The week's wait ended on Wednesday the 13th; the text waited for the champion to be back.
    Sent text = kit.channels.texts.get(0);
    assertThat(text.role()).isEqualTo("CHAMPION");
    assertThat(text.at().atZone(SequenceTestKit.NEW_YORK).toLocalDate()).isEqualTo(java.time.LocalDate.of(2027, 1, 18));
    assertThat(text.at().atZone(SequenceTestKit.NEW_YORK).toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(9, 1));
    assertThat(kit.channels.audiences).extracting(AudienceSync::action).containsExactly(AudienceAction.ADD, AudienceAction.REMOVE);
    assertThat(kit.channels.audiencesLeft).containsExactly(WORKFLOW_ID);
    assertThat(kit.channels.duplicates).isEmpty();
    kit.recordHistory(WORKFLOW_ID, "per-role-copy-cap-away-and-ads");
  }

  @Test
  void aPauseLastsAcrossContinueAsNewAndItsTimeStillDoesNotCount() {
    Playbook playbook = SequenceTestKit.playbook("""
        id: paused-can
        name: Paused across continue-as-new
        motion: NEW_LOGO
        tier: ONE_TO_MANY
        calendar: {timeZone: America/New_York}
        steps:
          - id: hello
            email: {to: [CHAMPION], subject: "Hello", body: "Hi"}
          - id: gap
            wait: 2 weeks
          - id: bye
            email: {to: [CHAMPION], subject: "Bye", body: "Bye"}
        """);
    AccountSequenceWorkflow sequence = kit.start(
        new SequenceInput(Committees.ACME, List.of(Committees.acmeCommittee().get(1)), "jane", null, playbook, null, null, 60));
    kit.advance(Duration.ofDays(1));
    String firstRun = runId();
    sequence.pause(new Control("jane.doe", "account in a merger"));
    kit.advance(Duration.ofMinutes(1));
    Instant pausedAt = kit.now();

    // Site visits keep coming while it is paused, until the history budget makes it continue as new.
    int visits = 0;
    while (runId().equals(firstRun)) {
      assertThat(visits).as("continued as new within the budget").isLessThan(200);
      for (int i = 0; i < 5; i++) kit.engagement(WORKFLOW_ID, new EngagementBatch("visit-" + visits++, Map.of(EngagementType.WEBSITE_VISIT, 1), kit.now()));
      kit.advance(Duration.ofSeconds(1));
    }
    String laterRun = runId();
    assertThat(kit.stub(WORKFLOW_ID).status().paused()).isTrue();
    assertThat(kit.stub(WORKFLOW_ID).status().status()).isEqualTo(SequenceStatusCode.PAUSED);

    kit.advance(Duration.ofDays(3));
    Duration paused = Duration.between(pausedAt, kit.now());
    kit.stub(WORKFLOW_ID).resume(new Control("jane.doe", null));
    SequenceResult result = kit.result(kit.stub(WORKFLOW_ID));

    assertThat(result.reason()).isEqualTo(ExitReason.COMPLETED);
    assertThat(result.score()).isEqualTo(5 * visits);
    assertThat(kit.channels.emails).extracting(Sent::text).containsExactly("Hello | Hi", "Bye | Bye");
    // Two weeks of waiting, plus the days it was paused (in both runs), not counted.
    Duration between = Duration.between(kit.channels.emails.get(0).at(), kit.channels.emails.get(1).at());
    assertThat(between).isBetween(Duration.ofDays(14).plus(paused), Duration.ofDays(14).plus(paused).plusHours(1));
    assertThat(kit.channels.duplicates).isEmpty();
    var laterStart = kit.client.fetchHistory(WORKFLOW_ID, laterRun).getEvents().get(0).getWorkflowExecutionStartedEventAttributes();
    assertThat(laterStart.getContinuedExecutionRunId()).isEqualTo(firstRun);
    assertThat(runId()).as("the run that resumed is the one that completed").isEqualTo(laterRun);
    kit.recordHistory(WORKFLOW_ID, firstRun, "continued-as-new-while-paused-v3");
    kit.recordHistory(WORKFLOW_ID, laterRun, "resumed-after-continue-as-new-v3");
  }

  private String runId() {
    return WorkflowStub.fromTyped(kit.stub(WORKFLOW_ID)).describe().getWorkflowExecutionInfo().getExecution().getRunId();
  }
}
