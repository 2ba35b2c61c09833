package io.abmsequencer.workflows.testing;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Runs a piece of a test as on a worker whose machine has another default locale (every category),
 * and restores the JVM's own afterwards. Workflow code must not notice: it formats in a pinned locale.
 */
public final class DefaultLocale {

  /**
   * Locales that change what a locale-dependent formatter writes: German day names, Arabic-Indic
   * digits (Saudi Arabia's default numbering), Thai day names with Thai digits.
   */
  public static final String[] OTHERS = {"de-DE", "ar-SA", "th-TH-u-nu-thai"};

  public interface Body {
    void run() throws Exception;
  }

  private DefaultLocale() {}

  public static void with(String languageTag, Body body) throws Exception {
    Locale before = Locale.getDefault();
    Locale format = Locale.getDefault(Locale.Category.FORMAT);
    Locale display = Locale.getDefault(Locale.Category.DISPLAY);
    Locale.setDefault(Locale.forLanguageTag(languageTag));
    try {
      body.run();
    } finally {
      Locale.setDefault(before);
      Locale.setDefault(Locale.Category.FORMAT, format);
      Locale.setDefault(Locale.Category.DISPLAY, display);
    }
  }

  /** What a formatter that follows the default locale writes for Monday: proof the locale took effect. */
  public static String mondayByDefault() {
    return DayOfWeek.MONDAY.getDisplayName(TextStyle.SHORT, Locale.getDefault(Locale.Category.FORMAT));
  }
}
