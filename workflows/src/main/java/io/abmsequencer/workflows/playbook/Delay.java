package io.abmsequencer.workflows.playbook;

import io.abmsequencer.workflows.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A length of time as marketers write it: {@code 3 business days}, {@code 2 weeks}, {@code 1 month}. */
public record Delay(int amount, Unit unit) {

  public enum Unit {
    HOURS,
    DAYS,
    BUSINESS_DAYS,
    WEEKS,
    MONTHS
  }

  private static final Pattern TEXT =
      Pattern.compile("^\\s*(\\d{1,4})\\s+(business\\s+days?|days?|weeks?|months?|hours?)\\s*$", Pattern.CASE_INSENSITIVE);

  public Delay {
    if (amount < 0) throw new IllegalArgumentException("a delay cannot be negative");
    if (unit == null) throw new IllegalArgumentException("a delay needs a unit");
  }

  public static Delay businessDays(int n) {
    return new Delay(n, Unit.BUSINESS_DAYS);
  }

  /**
   * Parses the playbook form.
   *
   * @throws IllegalArgumentException naming what was expected
   */
  public static Delay parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a duration like '3 business days', '2 weeks', '1 month', '10 days' or '4 hours', found '"
              + text + "'");
    }
    int amount = Integer.parseInt(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    Unit u;
    if (unit.startsWith("business")) u = Unit.BUSINESS_DAYS;
    else if (unit.startsWith("day")) u = Unit.DAYS;
    else if (unit.startsWith("week")) u = Unit.WEEKS;
    else if (unit.startsWith("month")) u = Unit.MONTHS;
    else u = Unit.HOURS;
    return new Delay(amount, u);
  }

  /** The instant this delay ends when started at {@code from}, on the calendar's account clock. */
  public Instant addTo(Instant from, BusinessCalendar calendar) {
    ZoneId zone = calendar.timeZone();
    return switch (unit) {
      case HOURS -> from.plus(Duration.ofHours(amount));
      case DAYS -> from.atZone(zone).plusDays(amount).toInstant();
      case BUSINESS_DAYS -> calendar.plusBusinessDays(from, amount, zone);
      case WEEKS -> from.atZone(zone).plusWeeks(amount).toInstant();
      case MONTHS -> from.atZone(zone).plusMonths(amount).toInstant();
    };
  }

  @Override
  public String toString() {
    String noun =
        switch (unit) {
          case HOURS -> "hour";
          case DAYS -> "day";
          case BUSINESS_DAYS -> "business day";
          case WEEKS -> "week";
          case MONTHS -> "month";
        };
    return amount + " " + noun + (amount == 1 ? "" : "s");
  }
}
