package io.abmsequencer.starter.playbook;

import java.time.Instant;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the months strip drawn above a timeline (server-side SVG, no chart library): one
 * column per month, one lane per kind of touch, a mark at each touch's date.
 *
 * @param cells the months, left to right
 * @param lanes the kinds, top to bottom
 * @param marks the touches
 */
record MonthStrip(double width, double height, List<Cell> cells, List<Lane> lanes, List<Mark> marks) {
  static final List<String> KINDS = List.of("EMAIL", "SMS", "ADS", "TASK", "REVIEW");
  static final double WIDTH = 1180;
  static final double LEFT = 96;
  static final double TOP = 34;
  static final double LANE = 18;

  /** @param year shown under the month's name in the first column and in January; else null */
  record Cell(double x, double width, String label, String year, boolean shaded) {}

  record Lane(double y, String kind) {}

  record Mark(double x, double y, String kind) {}

  /** A dated touch to place on the strip. */
  record Touch(Instant at, String kind) {}

  static MonthStrip of(List<Touch> touches, Instant start, Instant end, ZoneId zone) {
    YearMonth first = YearMonth.from(start.atZone(zone));
    YearMonth last = YearMonth.from((end.isBefore(start) ? start : end).atZone(zone));
    Instant t0 = first.atDay(1).atStartOfDay(zone).toInstant();
    Instant t1 = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    double span = Math.max(1, t1.toEpochMilli() - t0.toEpochMilli());
    double plot = WIDTH - LEFT - 4;
    double height = TOP + KINDS.size() * LANE + 6;

    List<Cell> cells = new ArrayList<>();
    int index = 0;
    boolean yearShown = false;
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1), index++) {
      double x = LEFT + plot * (m.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli() - t0.toEpochMilli()) / span;
      double x2 = LEFT + plot * (m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli() - t0.toEpochMilli()) / span;
      // The year goes on a line of its own (first column and every January), so labels never overprint.
      boolean named = x2 - x >= 22;
      String label = named ? m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) : "";
      String year = named && (!yearShown || m.getMonth() == Month.JANUARY) ? String.valueOf(m.getYear()) : null;
      if (year != null) yearShown = true;
      cells.add(new Cell(round(x), round(x2 - x), label, year, index % 2 == 0));
    }
    List<Lane> lanes = new ArrayList<>();
    for (int i = 0; i < KINDS.size(); i++) lanes.add(new Lane(round(TOP + i * LANE), KINDS.get(i)));
    List<Mark> marks = new ArrayList<>();
    for (Touch t : touches) {
      int lane = KINDS.indexOf(t.kind());
      if (lane < 0) continue;
      double x = LEFT + plot * (t.at().toEpochMilli() - t0.toEpochMilli()) / span;
      marks.add(new Mark(round(Math.min(WIDTH - 4, Math.max(LEFT, x))), round(TOP + lane * LANE + 3), t.kind()));
    }
    return new MonthStrip(WIDTH, height, cells, lanes, marks);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
