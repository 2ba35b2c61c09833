package io.abmsequencer.workflows.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.playbook.Delay;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Scoring;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.playbook.Threshold;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SequenceRulesTest {

  @Test
  void defaultWeightsAreThePractitionersTable() {
    Scoring scoring = Scoring.defaults();
    assertThat(SequenceRules.points(scoring, Map.of(
        EngagementType.WEBSITE_VISIT, 1, EngagementType.PRICING_PAGE_VISIT, 1, EngagementType.CONTENT_DOWNLOAD, 1,
        EngagementType.EMAIL_CLICK, 1, EngagementType.LINKEDIN_AD_CLICK, 1, EngagementType.DEMO_REQUEST, 1,
        EngagementType.MEETING_BOOKED, 1))).isEqualTo(5 + 15 + 10 + 5 + 5 + 50 + 30);
  }

  @Test
  void thresholdsFireOncePerCrossing() {
    List<Threshold> thresholds = List.of(
        new Threshold(40, TaskType.HOT_ACCOUNT, null, "40", Delay.businessDays(1)),
        new Threshold(80, TaskType.CALL, null, "80", Delay.businessDays(1)));
    TreeSet<Integer> reached = new TreeSet<>();
    assertThat(SequenceRules.entered(thresholds, 39, reached)).isEmpty();
    assertThat(SequenceRules.entered(thresholds, 85, reached)).containsExactly(40, 80);
    assertThat(SequenceRules.entered(thresholds, 90, reached)).isEmpty();
    assertThat(SequenceRules.entered(thresholds, 50, reached)).isEmpty(); // fell below 80
    assertThat(SequenceRules.entered(thresholds, 81, reached)).containsExactly(80);
  }

  @Test
  void theSdrIsToldTheStrongestEngagementOfABatch() {
    Map<EngagementType, Integer> batch = new java.util.LinkedHashMap<>();
    batch.put(EngagementType.WEBSITE_VISIT, 12);
    batch.put(EngagementType.DEMO_REQUEST, 1);
    batch.put(EngagementType.PRICING_PAGE_VISIT, 3);
    assertThat(SequenceRules.strongest(batch)).as("one demo request over a dozen visits").isEqualTo(EngagementType.DEMO_REQUEST);
    assertThat(SequenceRules.strongest(Map.of(EngagementType.EMAIL_OPEN, 4))).isEqualTo(EngagementType.EMAIL_OPEN);
    assertThat(SequenceRules.strongest(Map.of())).isNull();
  }
}
