package io.abmsequencer.activities.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.workflows.calendar.BusinessCalendar;
import io.abmsequencer.workflows.channels.PlaybookLookup;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Stores YAML text and metadata; parsing stored YAML back ({@link StoredPlaybook#playbook()}) is the parser's to test. */
class PlaybookStoreTest extends DatabaseTest {
  @Autowired PlaybookStore store;
  @Autowired PlaybookCatalogActivity catalog;

  @Test
  void eachUploadOfAnIdIsTheNextVersion() {
    StoredPlaybook v1 = store.save("id: enterprise\n# v1\n", model("enterprise", "Enterprise", Motion.NEW_LOGO, Tier.ONE_TO_ONE), "mia");
    StoredPlaybook v2 = store.save("id: enterprise\n# v2\n", model("enterprise", "Enterprise", Motion.NEW_LOGO, Tier.ONE_TO_ONE), "mia");
    StoredPlaybook v3 = store.save("id: enterprise\n# v3 ünïcödé\n", model("enterprise", "Enterprise v3", Motion.NEW_LOGO, Tier.ONE_TO_ONE), "leo");

    assertThat(List.of(v1.version(), v2.version(), v3.version())).containsExactly(1, 2, 3);
    assertThat(store.latest("enterprise")).contains(v3);
    assertThat(store.get("enterprise", 2).orElseThrow().yaml()).isEqualTo("id: enterprise\n# v2\n");
    assertThat(store.get("enterprise", 4)).isEmpty();
    assertThat(v3.yaml()).isEqualTo("id: enterprise\n# v3 ünïcödé\n");
    assertThat(v3.name()).isEqualTo("Enterprise v3");
    assertThat(v3.uploadedBy()).isEqualTo("leo");
    assertThat(v3.uploadedAt()).isAfter(v1.uploadedAt());
    assertThat(v3.ref()).isEqualTo("enterprise@3");
    assertThat(store.history("enterprise")).extracting(PlaybookSummary::version).containsExactly(3, 2, 1);
  }

  @Test
  void concurrentUploadsGetDistinctVersions() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> uploads = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        uploads.add(() -> store.save("id: race\n", model("race", "Race", Motion.EXPANSION, Tier.ONE_TO_MANY), "bot").version());
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<Integer> f : threads.invokeAll(uploads)) versions.add(f.get());
      assertThat(versions).hasSize(24).doesNotHaveDuplicates().allMatch(v -> v >= 1 && v <= 24);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void listShowsTheLatestOfEachIdAndFindsByMotionAndTier() {
    store.save("a1", model("list-a", "A", Motion.EXPANSION, Tier.ONE_TO_FEW), "mia");
    store.save("a2", model("list-a", "A two", Motion.EXPANSION, Tier.ONE_TO_FEW), "mia");
    store.save("b1", model("list-b", "B", Motion.EXPANSION, Tier.ONE_TO_FEW), "mia");

    assertThat(store.list())
        .filteredOn(p -> p.id().startsWith("list-"))
        .extracting(PlaybookSummary::id, PlaybookSummary::version, PlaybookSummary::name, PlaybookSummary::versions)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("list-a", 2, "A two", 2),
            org.assertj.core.groups.Tuple.tuple("list-b", 1, "B", 1));
    assertThat(store.latestFor(Motion.EXPANSION, Tier.ONE_TO_FEW)).map(StoredPlaybook::id).contains("list-b");
    assertThat(store.latestFor(Motion.NEW_LOGO, Tier.ONE_TO_FEW)).isEmpty();
  }

  @Test
  void theCatalogFindsNothingWhenNothingMatches() {
    assertThat(catalog.find(PlaybookLookup.byId("no-such-playbook"))).isNull();
    assertThat(catalog.find(PlaybookLookup.forTier(Motion.NEW_LOGO, Tier.ONE_TO_FEW))).isNull();
  }

  private static Playbook model(String id, String name, Motion motion, Tier tier) {
    return new Playbook(id, 0, name, null, motion, tier, BusinessCalendar.standard(ZoneId.of("UTC")), null, null, null, List.of());
  }
}
