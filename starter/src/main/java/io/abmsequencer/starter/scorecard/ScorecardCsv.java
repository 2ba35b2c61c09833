package io.abmsequencer.starter.scorecard;

import io.abmsequencer.starter.scorecard.Scorecard.Metrics;
import io.abmsequencer.starter.target.CsvSafety;
import io.abmsequencer.workflows.sequence.ExitReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The scorecard as a spreadsheet: one row for the whole filter, then one per playbook, every metric
 * a column (rates in whole percent, exits per reason at the end). Every text cell goes through
 * {@link CsvSafety#neutralise}: a playbook named {@code =HYPERLINK(...)} stays text in Excel.
 */
final class ScorecardCsv {
  static final List<String> HEADER = header();

  private ScorecardCsv() {}

  private static List<String> header() {
    List<String> h = new ArrayList<>(List.of("scope", "period_start", "period_end", "motion", "tier", "playbook_id", "playbook_name",
        "target_accounts", "engaged_accounts_30d", "engagement_rate_pct", "committee_contacts", "contacted", "contacted_pct",
        "engaged_contacts", "engaged_contacts_pct", "accounts_with_engaged_buyer", "accounts_with_engaged_buyer_pct", "average_score_now",
        "meetings", "opportunities", "opportunity_rate_pct", "exits"));
    for (ExitReason r : ExitReason.values()) h.add("exits_" + r.name().toLowerCase(Locale.ROOT));
    return List.copyOf(h);
  }

  static void write(Scorecard card, Writer out) {
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
      row(csv, card, "all", card.total());
      for (Metrics m : card.byPlaybook()) row(csv, card, "playbook", m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void row(CSVPrinter csv, Scorecard card, String scope, Metrics m) throws IOException {
    List<Object> cells = new ArrayList<>();
    cells.add(scope);
    cells.add(card.from().atZone(ZoneOffset.UTC).toLocalDate());
    cells.add(card.to().atZone(ZoneOffset.UTC).toLocalDate());
    cells.add(m.motion() == null ? "" : m.motion().name());
    cells.add(m.tier() == null ? "" : m.tier().name());
    cells.add(text(m.playbookId()));
    cells.add(text(m.playbookName()));
    cells.add(m.accounts());
    cells.add(m.engagedAccounts());
    cells.add(blankIfNull(m.engagementRate()));
    cells.add(m.contacts());
    cells.add(m.contacted());
    cells.add(blankIfNull(m.contactedRate()));
    cells.add(m.engagedContacts());
    cells.add(blankIfNull(m.engagedContactRate()));
    cells.add(m.accountsWithEngagedBuyer());
    cells.add(blankIfNull(m.engagedBuyerRate()));
    cells.add(m.averageScore() == null ? "" : String.format(Locale.ROOT, "%.1f", m.averageScore()));
    cells.add(m.meetings());
    cells.add(m.opportunities());
    cells.add(blankIfNull(m.opportunityRate()));
    cells.add(m.exits());
    for (ExitReason r : ExitReason.values()) cells.add(m.exitsByReason().getOrDefault(r, 0L));
    csv.printRecord(cells);
  }

  private static String text(String value) {
    return value == null ? "" : CsvSafety.neutralise(value);
  }

  private static Object blankIfNull(Integer value) {
    return value == null ? "" : value;
  }
}
