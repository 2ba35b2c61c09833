package io.abmsequencer.workflows.calendar;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily window, in minutes after local midnight: start inclusive, end exclusive; {@code 24:00}
 * is written as end 1440. Touches are sent only inside it.
 */
public record SendWindow(int startMinute, int endMinute) {

  public static final SendWindow ALL_DAY = new SendWindow(0, 1440);
  public static final SendWindow OFFICE_HOURS = new SendWindow(9 * 60, 17 * 60);
  /** TCPA-style quiet hours: text messages only between 08:00 and 21:00 local time. */
  public static final SendWindow SMS_HOURS = new SendWindow(8 * 60, 21 * 60);

  private static final Pattern TEXT = Pattern.compile("^\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*$");

  public SendWindow {
    if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
      throw new IllegalArgumentException(
          "a send window must start before it ends, within one day: " + startMinute + ".." + endMinute);
    }
  }

  /** Parses {@code "09:00-17:00"}; {@code "24:00"} is allowed as an end. */
  public static SendWindow parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a window like 09:00-17:00, found '" + text + "'");
    }
    int start = minutes(m.group(1), m.group(2), text);
    int end = minutes(m.group(3), m.group(4), text);
    if (start >= end) {
      throw new IllegalArgumentException("the window '" + text + "' must start before it ends");
    }
    return new SendWindow(start, end);
  }

  private static int minutes(String h, String m, String text) {
    int hours = Integer.parseInt(h);
    int mins = Integer.parseInt(m);
    if (mins > 59 || hours > 24 || (hours == 24 && mins != 0)) {
      throw new IllegalArgumentException("'" + text + "' has a time that does not exist");
    }
    return hours * 60 + mins;
  }

  /** The overlap of two windows, or null when they do not overlap. */
  public SendWindow intersect(SendWindow other) {
    int s = Math.max(startMinute, other.startMinute);
    int e = Math.min(endMinute, other.endMinute);
    return s < e ? new SendWindow(s, e) : null;
  }

  public boolean contains(LocalTime time) {
    int minute = time.getHour() * 60 + time.getMinute();
    return minute >= startMinute && minute < endMinute;
  }

  public LocalTime start() {
    return LocalTime.of(startMinute / 60, startMinute % 60);
  }

  @Override
  public String toString() {
    return format(startMinute) + "-" + format(endMinute);
  }

  private static String format(int minute) {
    // Locale.ROOT: a default locale with its own digits (Arabic, Thai) must not change a window's words.
    return String.format(java.util.Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
  }
}
