package io.abmsequencer.activities.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.workflows.sequence.SequenceSnapshot;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ExitReason;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SequenceRepositoryTest extends DatabaseTest {
  private static final Instant T0 = Instant.parse("2027-01-04T08:00:00Z");
  private static final int BULK = 300;

  @Autowired SequenceRecordsActivity records;
  @Autowired SequenceRepository sequences;

  /**
   * 300 sequences "bulk-000".."bulk-299": status cycles through the six codes, tier through three,
   * motion alternates, owner through four, score = i % 100, launch "L1" for the first 100,
   * updated_at = T0 + i minutes.
   */
  @BeforeAll
  void insertBulk() {
    SequenceStatusCode[] statuses = SequenceStatusCode.values();
    for (int i = 0; i < BULK; i++) {
      records.record(snapshot(String.format("bulk-%03d", i), "acct-" + (i % 50), statuses[i % 6],
          Tier.values()[i % 3], i % 2 == 0 ? Motion.NEW_LOGO : Motion.EXPANSION, "owner-" + (i % 4), i % 100,
          i < 100 ? "L1" : null, T0.plusSeconds(60L * i), null));
    }
  }

  @Test
  void filtersAndPagesCountTheWholeMatch() {
    Page<SequenceRow> all = sequences.search(SequenceFilter.all().withPlaybookId("bulk-playbook"), 0, 25);
    assertThat(all.total()).isEqualTo(BULK);
    assertThat(all.items()).hasSize(25);
    assertThat(all.totalPages()).isEqualTo(12);
    assertThat(all.items().get(0).workflowId()).isEqualTo("bulk-299");
    assertThat(all.items()).extracting(SequenceRow::updatedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));

    Page<SequenceRow> last = sequences.search(SequenceFilter.all().withPlaybookId("bulk-playbook"), 11, 25);
    assertThat(last.items()).hasSize(25);
    assertThat(last.items().get(24).workflowId()).isEqualTo("bulk-000");
    assertThat(last.hasNext()).isFalse();

    // i % 6 == 1 (WAITING) and i % 3 == 1 (ONE_TO_FEW) and even i (NEW_LOGO) never meet: i % 6 == 1 is odd
    assertThat(sequences.search(bulk().withStatus(SequenceStatusCode.WAITING).withMotion(Motion.NEW_LOGO), 0, 10).total())
        .isZero();
    // WAITING: i % 6 == 1 → 50 rows, all EXPANSION, all ONE_TO_FEW
    Page<SequenceRow> waiting = sequences.search(bulk().withStatus(SequenceStatusCode.WAITING), 1, 20);
    assertThat(waiting.total()).isEqualTo(50);
    assertThat(waiting.items()).hasSize(20).allMatch(r -> r.tier() == Tier.ONE_TO_FEW && r.motion() == Motion.EXPANSION);
    // owner-0: i % 4 == 0 → 75 rows; with score 10..19: i % 100 is 12 or 16 → 2 per hundred → 6
    assertThat(sequences.search(bulk().withOwner("owner-0"), 0, 10).total()).isEqualTo(75);
    assertThat(sequences.search(bulk().withOwner("owner-0").withScoreBetween(10, 19), 0, 10).total()).isEqualTo(6);
    // The home page's count for one owner (an SDR's) is theirs alone.
    assertThat(sequences.countByStatus("owner-0").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(75);
    assertThat(sequences.countByStatus("nobody")).isEmpty();
    assertThat(sequences.search(bulk().withLaunchId("L1").withTier(Tier.ONE_TO_ONE), 0, 100).total()).isEqualTo(34);
    assertThat(sequences.search(bulk().withAccountId("acct-7"), 0, 100).items())
        .extracting(SequenceRow::workflowId).containsExactly("bulk-257", "bulk-207", "bulk-157", "bulk-107", "bulk-057", "bulk-007");
    assertThat(sequences.search(bulk().withScoreBetween(95, null), 0, 100).total()).isEqualTo(15);
    assertThat(sequences.search(bulk().withAccountId("nobody"), 0, 10).items()).isEmpty();
  }

  @Test
  void anOlderSnapshotChangesNothingAndContactsAreReplaced() {
    Contact ana = contact("ana", "Ana@Acme.example");
    Contact bo = contact("bo", "bo@acme.example");
    Contact cy = contact("cy", "cy@acme.example");
    records.record(snapshot("seq-1", "acme", SequenceStatusCode.WAITING, Tier.ONE_TO_ONE, Motion.NEW_LOGO, "sam", 10,
        null, T0.plusSeconds(100), List.of(ana, bo)));
    records.record(snapshot("seq-1", "acme", SequenceStatusCode.AWAITING_TASK, Tier.ONE_TO_ONE, Motion.NEW_LOGO, "sam", 30,
        null, T0.plusSeconds(200), null));
    assertThat(sequences.contacts("seq-1")).extracting(Contact::id).containsExactly("ana", "bo");

    boolean applied = sequences.upsert(snapshot("seq-1", "acme", SequenceStatusCode.RUNNING_STEP, Tier.ONE_TO_MANY,
        Motion.NEW_LOGO, "sam", 5, null, T0.plusSeconds(150), List.of(cy)));

    assertThat(applied).isFalse();
    SequenceRow row = sequences.find("seq-1").orElseThrow();
    assertThat(row.status()).isEqualTo(SequenceStatusCode.AWAITING_TASK);
    assertThat(row.score()).isEqualTo(30);
    assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(200));
    assertThat(sequences.contacts("seq-1")).extracting(Contact::id).containsExactly("ana", "bo");

    records.record(snapshot("seq-1", "acme", SequenceStatusCode.WAITING, Tier.ONE_TO_ONE, Motion.NEW_LOGO, "sam", 30,
        null, T0.plusSeconds(300), List.of(bo, cy)));
    assertThat(sequences.contacts("seq-1")).containsExactly(bo, cy);
    assertThat(sequences.runningForContactEmail(" ANA@acme.example")).isEmpty();
    assertThat(sequences.runningForContactEmail("CY@acme.example")).extracting(SequenceRow::workflowId).containsExactly("seq-1");
  }

  @Test
  void exitedSequencesAreNoLongerRunning() {
    records.record(snapshot("seq-exit", "exit-co", SequenceStatusCode.WAITING, Tier.ONE_TO_ONE, Motion.NEW_LOGO, "sam", 0,
        null, T0.plusSeconds(10), List.of(contact("zed", "zed@exit.example"))));
    assertThat(sequences.runningForAccount("exit-co")).hasSize(1);
    assertThat(sequences.runningForContactEmail("zed@exit.example")).hasSize(1);

    SequenceSnapshot exit = new SequenceSnapshot("seq-exit", new Account("exit-co", "Exit Co", null, null), Motion.NEW_LOGO,
        Tier.ONE_TO_ONE, "pb", 1, "sam", SequenceStatusCode.EXITED, null, null, null, 0, 4, ExitReason.MEETING_BOOKED,
        null, T0, T0.plusSeconds(20), null);
    records.record(exit);
    records.record(new SequenceSnapshot("seq-exit", exit.account(), Motion.NEW_LOGO, Tier.ONE_TO_ONE, "pb", 1, "sam",
        SequenceStatusCode.EXITED, null, null, null, 0, 4, ExitReason.MEETING_BOOKED, null, T0, T0.plusSeconds(30), null));

    SequenceRow row = sequences.find("seq-exit").orElseThrow();
    assertThat(row.exitReason()).isEqualTo(ExitReason.MEETING_BOOKED);
    assertThat(row.exitedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(row.isRunning()).isFalse();
    assertThat(sequences.runningForAccount("exit-co")).isEmpty();
    assertThat(sequences.runningForContactEmail("zed@exit.example")).isEmpty();
    assertThat(sequences.countByStatus().get(SequenceStatusCode.EXITED)).isGreaterThanOrEqualTo(51L);
  }

  private static SequenceFilter bulk() {
    return SequenceFilter.all().withPlaybookId("bulk-playbook");
  }

  private static SequenceSnapshot snapshot(String workflowId, String accountId, SequenceStatusCode status, Tier tier,
      Motion motion, String owner, int score, String launchId, Instant updatedAt, List<Contact> contacts) {
    String playbook = workflowId.startsWith("bulk-") ? "bulk-playbook" : "pb";
    return new SequenceSnapshot(workflowId, new Account(accountId, "Account " + accountId, accountId + ".example", "Fintech"),
        motion, tier, playbook, 2, owner, status, "step-3", "email to CHAMPION", updatedAt.plusSeconds(3600), score, 3,
        status == SequenceStatusCode.EXITED ? ExitReason.COMPLETED : null, launchId, T0, updatedAt,
        contacts == null ? null : new ArrayList<>(contacts));
  }

  private static Contact contact(String id, String email) {
    return new Contact(id, email, id, "Lee", "VP", Role.CHAMPION, null, "America/New_York", false);
  }
}
