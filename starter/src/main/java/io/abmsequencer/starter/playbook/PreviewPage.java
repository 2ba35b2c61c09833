package io.abmsequencer.starter.playbook;

import io.abmsequencer.workflows.sequence.NextTouch;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A computed preview arranged for the page: the lines grouped by month (on the account clock),
 * each dated in its person's zone, and the months strip.
 */
record PreviewPage(Preview.Result result, List<MonthGroup> months, MonthStrip strip, String start, String end) {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

  record MonthGroup(String label, List<Item> items) {}

  /**
   * One line of the timeline.
   *
   * @param kind EMAIL, SMS, ADS, TASK, REVIEW, WAIT or SKIPPED
   * @param until for a wait its end, for a task or review its due date (account clock); else null
   */
  record Item(String kind, String when, String until, String description, String to, String guard, String stepId) {}

  static PreviewPage of(Preview.Result result, ZoneId zone) {
    Map<YearMonth, List<Item>> byMonth = new LinkedHashMap<>();
    List<MonthStrip.Touch> touches = new ArrayList<>();
    for (Preview.Line line : result.lines()) {
      String until = line.until() == null ? null : NextTouch.when(line.until(), zone);
      byMonth.computeIfAbsent(YearMonth.from(line.at().atZone(zone)), m -> new ArrayList<>())
          .add(new Item(line.kind(), line.atLocal(), until, line.description(), line.to(), line.guard(), line.stepId()));
      touches.add(new MonthStrip.Touch(line.at(), line.kind()));
    }
    List<MonthGroup> months = new ArrayList<>();
    byMonth.forEach((month, items) -> months.add(new MonthGroup(MONTH.format(month), items)));
    return new PreviewPage(result, months, MonthStrip.of(touches, result.start(), result.end(), zone),
        NextTouch.when(result.start(), zone), NextTouch.when(result.end(), zone));
  }
}
