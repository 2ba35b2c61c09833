package io.abmsequencer.starter.launch;

import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.starter.web.FieldProblem;
import io.abmsequencer.workflows.playbook.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refused target account list as the launch page shows it: the bad rows in file order, and the
 * problems with the playbook choices next to their selects.
 *
 * @param row the file's line number (the header is 1), or null for the file as a whole
 */
record CsvRefusal(String file, String detail, List<RowProblem> rows, Map<String, String> parameters) {
  /** The API tells callers to add a query parameter; on the page the select is right there. */
  private static final Pattern ADD_PARAMETER = Pattern.compile(";\\s*add \\?playbook\\.(\\w+)=<id>\\s*$");

  /** @param tier the label of the tier that lacks a playbook ("1:1"), when that is the problem */
  record RowProblem(Integer row, String column, String message, String tier) {}

  static CsvRefusal of(ApiException e, String file) {
    List<RowProblem> rows = new ArrayList<>();
    Map<String, String> parameters = new LinkedHashMap<>();
    for (FieldProblem error : e.problems()) {
      String message = error.message();
      if (error.kind() == FieldProblem.Kind.PARAMETER) {
        parameters.put(error.field(), message);
        continue;
      }
      Matcher m = ADD_PARAMETER.matcher(message);
      String tier = null;
      if (m.find()) {
        tier = label(m.group(1));
        message = message.substring(0, m.start());
      }
      rows.add(new RowProblem(error.row(), error.field(), message, tier));
    }
    return new CsvRefusal(file, e.getMessage(), rows, parameters);
  }

  private static String label(String tier) {
    try {
      return Tier.valueOf(tier).label();
    } catch (IllegalArgumentException e) {
      return tier;
    }
  }
}
