package io.abmsequencer.activities.weekly;

import io.abmsequencer.activities.weekly.WeeklyReview.Account;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The words of the Monday digest, plain text and HTML, from a {@link WeeklyReview}. Pure. Each
 * section lists at most {@value #MAX_PER_SECTION} accounts and says how many more the console has:
 * an owner of 800 1:many accounts still gets a mail they can read over coffee.
 */
final class DigestMail {
  static final int MAX_PER_SECTION = 15;
  private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  record Content(String subject, String text, String html) {}

  private record Section(String title, String hint, List<String> lines, int total) {}

  private DigestMail() {}

  static Content compose(WeeklyReview review, LocalDate week, ZoneId zone, String consoleUrl) {
    String link = consoleUrl + "/weekly?owner=" + URLEncoder.encode(review.owner(), StandardCharsets.UTF_8);
    List<Section> sections = List.of(
        section("Advanced", "score up in the last 7 days, a stage moved forward, or a meeting", review.advanced(),
            a -> line(a.account()) + ": " + a.why()),
        section("Stalled", "no engagement in 30 days, or SDR tasks overdue", review.stalled(), s -> line(s.account()) + ": " + s.why()),
        section("Need a decision", "open review checkpoints", review.decisions(),
            d -> line(d.account()) + ": \u201c" + d.question() + "\u201d, due " + day(d.dueAt(), zone)),
        section("New hot accounts", "alerts raised in the last 7 days", review.hot(),
            h -> line(h.account()) + ": " + (h.reason() == null ? "score " + h.account().score() : h.reason())
                + ("OPEN".equals(h.state()) ? "" : " (" + h.state().toLowerCase(Locale.ROOT) + ")")));

    String subject = "Your weekly account review, week of " + WEEK.format(week) + ": " + review.summary();
    StringBuilder text = new StringBuilder();
    text.append("Good morning,\n\nHere is where your accounts stand this week (").append(review.summary()).append(").\n");
    for (Section s : sections) {
      if (s.total() == 0) continue;
      text.append("\n").append(s.title().toUpperCase(Locale.ROOT)).append(" (").append(s.total()).append(") - ").append(s.hint()).append("\n");
      s.lines().forEach(l -> text.append("- ").append(l).append("\n"));
      if (s.total() > s.lines().size()) text.append("- and ").append(s.total() - s.lines().size()).append(" more in the console\n");
    }
    text.append("\nThe whole review, to go through with sales: ").append(link).append("\n\n")
        .append("You get this every Monday at 08:00 (").append(zone.getId()).append(") as the owner ").append(review.owner())
        .append(" in ABM Sequencer. Weeks with nothing to report send nothing.\n");

    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:Arial,sans-serif;color:#1b1f24\">")
        .append("<p>Good morning,</p><p>Here is where your accounts stand this week (").append(escape(review.summary())).append(").</p>");
    for (Section s : sections) {
      if (s.total() == 0) continue;
      html.append("<h2 style=\"font-size:16px\">").append(escape(s.title())).append(" (").append(s.total()).append(")</h2>")
          .append("<p style=\"color:#4a5360\">").append(escape(s.hint())).append("</p><ul>");
      s.lines().forEach(l -> html.append("<li>").append(escape(l)).append("</li>"));
      if (s.total() > s.lines().size()) html.append("<li>and ").append(s.total() - s.lines().size()).append(" more in the console</li>");
      html.append("</ul>");
    }
    html.append("<p><a href=\"").append(escape(link)).append("\">The whole review</a>, to go through with sales.</p>")
        .append("<p style=\"color:#4a5360;font-size:12px\">You get this every Monday at 08:00 (").append(escape(zone.getId()))
        .append(") as the owner ").append(escape(review.owner()))
        .append(" in ABM Sequencer. Weeks with nothing to report send nothing.</p></body></html>");
    return new Content(subject, text.toString(), html.toString());
  }

  private static <T> Section section(String title, String hint, List<T> items, Function<T, String> line) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_PER_SECTION, items.size()); i++) lines.add(line.apply(items.get(i)));
    return new Section(title, hint, lines, items.size());
  }

  private static String line(Account a) {
    return a.accountName() + " (" + a.tier().label() + ", score " + a.score() + ")";
  }

  private static String day(Instant instant, ZoneId zone) {
    return instant == null ? "-" : DAY.format(instant.atZone(zone));
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
