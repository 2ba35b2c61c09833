package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import static io.abmsequencer.workflows.testing.SequenceTestKit.NEW_YORK;
import static io.abmsequencer.workflows.testing.SequenceTestKit.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.calendar.BusinessCalendar;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.testing.Committees;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who an e-mail step reaches next, when, and what the status says while it waits. */
class SendOrderTest {
  static final BusinessCalendar OFFICE = BusinessCalendar.standard(NEW_YORK);
  static final Contact ERIN = Committees.acmeCommittee().get(0);
  static final Contact CHRIS = Committees.acmeCommittee().get(1);
  /** In Tokyo: Monday 10:00 in New York is Tuesday 00:00 there. */
  static final Contact TARO = Committees.acmeCommittee().get(2);
  static final Instant MONDAY_10 = at("2027-01-04T10:00", NEW_YORK);

  static SequenceState inStep() {
    SequenceState s = new SequenceState();
    s.progress = new SequenceState.StepProgress("intro", MONDAY_10);
    return s;
  }

  @Test
  void theContactWhoseWindowIsOpenGoesFirstAndSomeoneOutOfOfficeGoesLast() {
    SequenceState s = inStep();
    assertThat(SendOrder.next(List.of(TARO, ERIN, CHRIS), s, OFFICE, MONDAY_10, false, true))
        .as("Tokyo is asleep; Erin is first in committee order among those open now").isEqualTo(ERIN);
    s.away.put(ERIN.id(), at("2027-01-11T00:00", NEW_YORK));
    assertThat(SendOrder.next(List.of(TARO, ERIN, CHRIS), s, OFFICE, MONDAY_10, false, true)).isEqualTo(CHRIS);
    s.progress.done.add(CHRIS.id());
    assertThat(SendOrder.next(List.of(TARO, ERIN, CHRIS), s, OFFICE, MONDAY_10, false, true))
        .as("Taro at 09:00 Tuesday in Tokyo, before Erin is back").isEqualTo(TARO);
    assertThat(SendOrder.at(OFFICE, TARO, s.progress, s.away, MONDAY_10, false, true))
        .isEqualTo(at("2027-01-05T09:00", ZoneId.of("Asia/Tokyo")));
  }

  @Test
  void aTouchACapDeferredWaitsForTheCapAndSaysSo() {
    SequenceState s = inStep();
    Instant monday = at("2027-01-11T09:00", NEW_YORK);
    Instant retry = SendOrder.retryAt(TouchResult.deferred(monday, "per-contact cap"), MONDAY_10);
    assertThat(retry).isEqualTo(monday);
    s.progress.deferred.put(ERIN.id(), retry);
    Instant sendAt = SendOrder.at(OFFICE, ERIN, s.progress, s.away, MONDAY_10, false, true);
    assertThat(sendAt).isEqualTo(monday);
    assertThat(SendOrder.waitReason(ERIN, "email to ECONOMIC_BUYER", sendAt, s, OFFICE, MONDAY_10))
        .isEqualTo("Deferred by a sending cap: email to ECONOMIC_BUYER at Mon 2027-01-11 09:00 America/New_York");
  }

  @Test
  void aCapThatDoesNotSayUntilWhenIsTriedAgainInAnHour() {
    TouchResult noDate = new TouchResult(TouchStatus.DEFERRED, null, "daily cap", null);
    assertThat(SendOrder.retryAt(noDate, MONDAY_10)).isEqualTo(at("2027-01-04T11:00", NEW_YORK));
  }

  @Test
  void someoneOutOfOfficeWaitsUntilTheyAreBackInTheirOwnClock() {
    SequenceState s = inStep();
    s.away.put(TARO.id(), at("2027-01-07T00:00", ZoneId.of("Asia/Tokyo")));
    Instant sendAt = SendOrder.at(OFFICE, TARO, s.progress, s.away, MONDAY_10, false, true);
    assertThat(SendOrder.waitReason(TARO, "email to TECHNICAL_EVALUATOR", sendAt, s, OFFICE, MONDAY_10))
        .isEqualTo("Out of office until Thu 2027-01-07 00:00 Asia/Tokyo: email to TECHNICAL_EVALUATOR waits until "
            + "Thu 2027-01-07 09:00 Asia/Tokyo");
    // Back, and only the send window is left to wait for.
    Instant thursdayNight = at("2027-01-07T03:00", ZoneId.of("Asia/Tokyo"));
    assertThat(SendOrder.waitReason(TARO, "email to TECHNICAL_EVALUATOR", sendAt, s, OFFICE, thursdayNight))
        .isEqualTo("Deferred to the send window: email to TECHNICAL_EVALUATOR at Thu 2027-01-07 09:00 Asia/Tokyo");
  }

  @Test
  void someoneSentToOptedOutOrTakenOffTheCommitteeIsNoLongerDue() {
    SequenceState s = inStep();
    assertThat(SendOrder.due(ERIN, s, false)).isTrue();
    assertThat(SendOrder.due(ERIN, s, true)).as("no phone, no consent").isFalse();
    s.emailOut.put(ERIN.id(), "UNSUBSCRIBED");
    assertThat(SendOrder.due(ERIN, s, false)).isFalse();
    s.progress.done.add(CHRIS.id());
    assertThat(SendOrder.due(CHRIS, s, false)).isFalse();
    s.removedContacts.add(TARO.id());
    assertThat(SendOrder.due(TARO, s, false)).isFalse();
    assertThat(SendOrder.next(List.of(ERIN, CHRIS, TARO), s, OFFICE, MONDAY_10, false, true)).isNull();
  }
}
