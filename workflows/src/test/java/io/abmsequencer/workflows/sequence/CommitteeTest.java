package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.testing.Committees;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is on the buying committee after list refreshes, and who of them may still be reached. */
class CommitteeTest {
  static final List<Contact> LAUNCHED = Committees.acmeCommittee();
  static final Contact ERIN = LAUNCHED.get(0);
  /** The champion, the only one with a phone and SMS consent. */
  static final Contact CHRIS = LAUNCHED.get(1);
  static final Contact TARO = LAUNCHED.get(2);
  static final Contact NEW_CFO = Committees.contact("Ada", "Lund", "CFO", Role.ECONOMIC_BUYER, "America/New_York");

  @Test
  void aRefreshAddsAndRemovesPeopleAndSomeoneListedAgainWhoNeverLeftIsNotAddedTwice() {
    SequenceState s = new SequenceState();
    Committee.refresh(new CommitteeChange(List.of(NEW_CFO), List.of(ERIN.id())), LAUNCHED, s, true);
    assertThat(Committee.now(LAUNCHED, s)).doesNotContain(ERIN).contains(NEW_CFO).hasSize(LAUNCHED.size());

    // The next refresh still lists the new CFO and Chris: nobody twice.
    Committee.refresh(new CommitteeChange(List.of(NEW_CFO, CHRIS), List.of()), LAUNCHED, s, true);
    assertThat(Committee.now(LAUNCHED, s)).containsOnlyOnce(NEW_CFO, CHRIS).doesNotContain(ERIN).hasSize(LAUNCHED.size());
  }

  @Test
  void someoneARefreshTookOffAndTheNextListsAgainIsBack() {
    SequenceState s = new SequenceState();
    Committee.refresh(new CommitteeChange(List.of(), List.of(ERIN.id())), LAUNCHED, s, true);
    Committee.refresh(new CommitteeChange(List.of(ERIN), List.of()), LAUNCHED, s, true);
    assertThat(Committee.now(LAUNCHED, s)).as("back, and once").containsOnlyOnce(ERIN).hasSize(LAUNCHED.size());
    assertThat(Committee.reachable(ERIN, s)).isTrue();
  }

  @Test
  void removingSomeoneWhoWasNeverOnTheCommitteeChangesNothing() {
    SequenceState s = new SequenceState();
    Committee.refresh(new CommitteeChange(List.of(), List.of("somebody-else")), LAUNCHED, s, true);
    assertThat(s.removedContacts).isEmpty();
    assertThat(Committee.now(LAUNCHED, s)).isEqualTo(LAUNCHED);
  }

  @Test
  void someoneWhoUnsubscribedFromEmailIsStillReachableByTextUntilTheyStopTextsToo() {
    SequenceState s = new SequenceState();
    assertThat(Committee.markOut(s, new OptOut(CHRIS.id(), "EMAIL", "UNSUBSCRIBED"))).isTrue();
    assertThat(Committee.reachable(CHRIS, s)).isTrue();
    assertThat(Committee.firstReachable(LAUNCHED, Role.CHAMPION, s)).isEqualTo(CHRIS);

    assertThat(Committee.markOut(s, new OptOut(CHRIS.id(), "SMS", "STOP"))).isTrue();
    assertThat(Committee.reachable(CHRIS, s)).isFalse();
    assertThat(Committee.firstReachable(LAUNCHED, Role.CHAMPION, s)).as("no other champion").isNull();
    assertThat(Committee.unreachable(s)).containsEntry(CHRIS.id(), "UNSUBSCRIBED,STOP");
  }

  @Test
  void anOptOutTheSequenceKnowsIsNoChangeAndKeepsTheFirstReason() {
    SequenceState s = new SequenceState();
    assertThat(Committee.markOut(s, new OptOut(ERIN.id(), null, null))).as("all channels, no reason given").isTrue();
    assertThat(Committee.markOut(s, new OptOut(ERIN.id(), "EMAIL", "HARD_BOUNCE"))).isFalse();
    assertThat(Committee.unreachable(s)).containsExactly(java.util.Map.entry(ERIN.id(), "OPTED_OUT"));
  }

  @Test
  void someoneTakenOffTheCommitteeIsNotReachableWhateverTheirConsent() {
    SequenceState s = new SequenceState();
    Committee.refresh(new CommitteeChange(List.of(), List.of(TARO.id())), LAUNCHED, s, true);
    assertThat(Committee.reachable(TARO, s)).isFalse();
    assertThat(Committee.firstReachable(Committee.now(LAUNCHED, s), Role.TECHNICAL_EVALUATOR, s)).isNull();
  }
}
