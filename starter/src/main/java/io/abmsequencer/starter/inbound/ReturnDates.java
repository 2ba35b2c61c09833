package io.abmsequencer.starter.inbound;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the return date in an out-of-office note, in English, German, French, Spanish and Dutch:
 * ISO dates, {@code 12.01.2027} / {@code 12.01.}, {@code January 12}, {@code Jan 12, 2027},
 * {@code 12 January}, {@code 12th of January}, {@code 12. Januar}, {@code 12 de enero}. Slashed dates
 * ({@code 01/12/2027}) are left alone: month and day order cannot be told apart.
 *
 * <p>A note often holds several dates ("out from December 21, back on January 12"). The one after a
 * return word ("back", "returning", "wieder", "de retour", "terug", "ab dem") wins over one after an
 * until word ("until", "bis", "jusqu'au", "hasta", "tot"), which wins over a bare date; among equals
 * the latest. A date without a year is the next such day on or after the day the note was written.
 */
final class ReturnDates {

  private static final Map<String, Integer> MONTHS = months();
  private static final String MONTH = MONTHS.keySet().stream()
      .sorted(Comparator.comparingInt(String::length).reversed())
      .map(Pattern::quote)
      .collect(Collectors.joining("|", "(", ")"));
  private static final String NOT_LETTER_BEFORE = "(?<![\\p{L}\\d])";
  private static final String NOT_LETTER_AFTER = "(?![\\p{L}])";

  private static final Pattern ISO = Pattern.compile("(?<![\\d.])(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\d])");
  private static final Pattern DOTTED = Pattern.compile("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}(?!\\d)|\\d{2}(?!\\d))?");
  private static final Pattern MONTH_DAY = Pattern.compile(
      NOT_LETTER_BEFORE + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d])(?:,?\\s+(\\d{4})(?!\\d))?");
  private static final Pattern DAY_MONTH = Pattern.compile(
      "(?<![\\d.])(\\d{1,2})(?:st|nd|rd|th|er|\\.|º)?\\s+(?:of\\s+|de\\s+)?" + MONTH + "\\.?" + NOT_LETTER_AFTER
          + "(?:,?\\s+(?:de\\s+)?(\\d{4})(?!\\d))?");

  private static final Pattern RETURN_BEFORE = Pattern.compile(
      "(?<![\\p{L}])(back|return\\p{L}*|retour|wieder|zurück|ab|vanaf|terug|regres\\p{L}*|vuelvo|volver\\p{L}*"
          + "|à partir du|a partir del?|reincorpor\\p{L}*|reachable again)(?![\\p{L}])");
  private static final Pattern RETURN_AFTER = Pattern.compile(
      "(?<![\\p{L}])(back|wieder|zurück|weer|terug|de retour|de vuelta|de regreso)(?![\\p{L}])");
  private static final Pattern UNTIL_BEFORE = Pattern.compile(
      "(?<![\\p{L}])(until|till|til|through|thru|bis|jusqu'au|jusqu’au|jusqu'à|jusqu’à|hasta|tot|t/m)(?![\\p{L}])");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?;](\\s|$)|\\n");
  private static final int WINDOW = 40;

  private ReturnDates() {}

  /** The stated return date, or empty when the text names no readable date. */
  static Optional<LocalDate> find(String text, LocalDate written) {
    String lower = text == null ? "" : text.toLowerCase(Locale.ROOT).replace('\u00a0', ' ');
    List<Found> found = new ArrayList<>();
    collect(found, ISO.matcher(lower), m -> date(m.group(1), m.group(2), m.group(3), written));
    collect(found, DOTTED.matcher(lower), m -> date(m.group(3), m.group(2), m.group(1), written));
    collect(found, MONTH_DAY.matcher(lower), m -> date(m.group(3), String.valueOf(MONTHS.get(m.group(1))), m.group(2), written));
    collect(found, DAY_MONTH.matcher(lower), m -> date(m.group(3), String.valueOf(MONTHS.get(m.group(2))), m.group(1), written));
    return found.stream()
        .max(Comparator.comparingInt((Found f) -> cue(lower, f)).thenComparing(Found::date))
        .map(Found::date);
  }

  private record Found(LocalDate date, int start, int end) {}

  private interface DateOf {
    LocalDate of(Matcher m);
  }

  private static void collect(List<Found> found, Matcher matcher, DateOf dateOf) {
    while (matcher.find()) {
      int start = matcher.start();
      int end = matcher.end();
      if (found.stream().anyMatch(f -> start < f.end() && f.start() < end)) continue; // read by another pattern
      LocalDate date = dateOf.of(matcher);
      if (date != null) found.add(new Found(date, start, end));
    }
  }

  /** 3: a return word next to it; 2: an until word before it; 1: a bare date. */
  private static int cue(String text, Found f) {
    String before = text.substring(Math.max(0, f.start() - WINDOW), f.start());
    Matcher end = SENTENCE_END.matcher(before);
    int cut = 0;
    while (end.find()) cut = end.end();
    before = before.substring(cut);
    String after = text.substring(f.end(), Math.min(text.length(), f.end() + WINDOW));
    Matcher afterEnd = SENTENCE_END.matcher(after);
    if (afterEnd.find()) after = after.substring(0, afterEnd.start());
    if (RETURN_BEFORE.matcher(before).find() || RETURN_AFTER.matcher(after).find()) return 3;
    if (UNTIL_BEFORE.matcher(before).find()) return 2;
    return 1;
  }

  private static LocalDate date(String year, String month, String day, LocalDate written) {
    try {
      int m = Integer.parseInt(month);
      int d = Integer.parseInt(day);
      if (year != null) {
        int y = Integer.parseInt(year);
        return LocalDate.of(y < 100 ? 2000 + y : y, m, d);
      }
      LocalDate sameYear = LocalDate.of(written.getYear(), m, d);
      return sameYear.isBefore(written) ? LocalDate.of(written.getYear() + 1, m, d) : sameYear;
    } catch (DateTimeException | NumberFormatException e) {
      return null; // 31.02., a version number, a phone extension: not a date
    }
  }

  private static Map<String, Integer> months() {
    String[][] names = {
      {"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "januari"},
      {"february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "februari"},
      {"march", "mar", "märz", "maerz", "mär", "mars", "marzo", "maart", "mrt"},
      {"april", "apr", "avril", "avr", "abril", "abr"},
      {"may", "mai", "mayo", "mei"},
      {"june", "jun", "juni", "juin", "junio"},
      {"july", "jul", "juli", "juillet", "juil", "julio"},
      {"august", "aug", "août", "aout", "agosto", "ago", "augustus"},
      {"september", "sep", "sept", "septembre", "septiembre", "setiembre"},
      {"october", "oct", "oktober", "okt", "octobre", "octubre"},
      {"november", "nov", "novembre", "noviembre"},
      {"december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic"}
    };
    Map<String, Integer> months = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      for (String name : names[i]) months.put(name, i + 1);
    }
    return Map.copyOf(months);
  }
}
