package io.abmsequencer.starter.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.PlaybookParser;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The preview page's arrangement of an 18-month 1:1 program: months and strip. How fast a preview
 * is computed is the {@code preview} benchmark's business (bench/REPORT.md), not a test's.
 */
class PreviewPageTest {
  static final Playbook PLAYBOOK = PlaybookParser.parse(MarketerJourneyBrowserTest.eighteenMonthPlaybook("ECONOMIC_BUYER"));
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void groupsByMonthOnTheAccountClockAndDrawsEveryMonth() {
    Preview.Result result = Preview.of(PLAYBOOK, new Preview.Request(Instant.parse("2027-01-04T14:00:00Z"), null, null));
    PreviewPage page = PreviewPage.of(result, NEW_YORK);

    assertThat(result.months()).isBetween(17.0, 19.0);
    assertThat(page.months().get(0).label()).isEqualTo("January 2027");
    assertThat(page.months()).extracting(PreviewPage.MonthGroup::label).doesNotHaveDuplicates();
    assertThat(page.months().stream().mapToInt(m -> m.items().size()).sum()).isEqualTo(result.lines().size());
    assertThat(page.strip().cells()).hasSizeBetween(18, 19);
    assertThat(page.strip().marks()).hasSize((int) result.lines().stream().filter(l -> !l.kind().equals("WAIT")).count());
    PreviewPage.Item review = page.months().get(0).items().stream().filter(i -> i.kind().equals("REVIEW")).findFirst().orElseThrow();
    assertThat(review.until()).endsWith("America/New_York");
    assertThat(page.months().stream().flatMap(m -> m.items().stream()).filter(i -> i.guard() != null))
        .allMatch(i -> i.guard().equals("only if score >= 40"));
  }
}
