package io.abmsequencer.starter.launch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds target account lists for tests: a valid default row that each test bends. */
final class Tal {
  static final String HEADER =
      "account_id,account_name,domain,industry,tier,owner,email,first_name,last_name,title,role,"
          + "phone,timezone,sms_consent";

  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("account_id", "acme");
    DEFAULTS.put("account_name", "Acme Corp");
    DEFAULTS.put("domain", "acme.example");
    DEFAULTS.put("industry", "SaaS");
    DEFAULTS.put("tier", "1:few");
    DEFAULTS.put("owner", "jane.doe@yourco.example");
    DEFAULTS.put("email", "ada@acme.example");
    DEFAULTS.put("first_name", "Ada");
    DEFAULTS.put("last_name", "Lovelace");
    DEFAULTS.put("title", "CTO");
    DEFAULTS.put("role", "technical evaluator");
    DEFAULTS.put("phone", "+14155550100");
    DEFAULTS.put("timezone", "Europe/London");
    DEFAULTS.put("sms_consent", "no");
  }

  private Tal() {}

  /**
   * One data row in {@link #HEADER}'s order: the default valid row with some cells replaced, each
   * given as {@code "column=value"} (split at the first '='). Values are quoted as CSV needs.
   */
  static String row(String... cells) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    for (String cell : cells) {
      int eq = cell.indexOf('=');
      String column = cell.substring(0, eq);
      if (!values.containsKey(column)) {
        throw new IllegalArgumentException("no column " + column);
      }
      values.put(column, cell.substring(eq + 1));
    }
    return values.values().stream().map(Tal::quote).collect(Collectors.joining(","));
  }

  static String quote(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  /** The header and the given lines, each ended by a newline. */
  static String csv(String... rows) {
    return csv(List.of(rows));
  }

  static String csv(List<String> rows) {
    StringBuilder file = new StringBuilder(HEADER).append('\n');
    for (String row : rows) {
      file.append(row).append('\n');
    }
    return file.toString();
  }

  static TargetAccountCsv.Result read(String content) {
    return read(content.getBytes(StandardCharsets.UTF_8));
  }

  static TargetAccountCsv.Result read(byte[] content) {
    return TargetAccountCsv.read(new ByteArrayInputStream(content));
  }

  static TargetAccountCsv.Result readResource(String name) {
    try (InputStream in = Tal.class.getResourceAsStream("/csv/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource /csv/" + name);
      }
      return TargetAccountCsv.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
