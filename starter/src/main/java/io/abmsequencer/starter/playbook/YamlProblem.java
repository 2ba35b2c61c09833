package io.abmsequencer.starter.playbook;

import io.abmsequencer.starter.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One problem of a refused playbook, as the editor shows it.
 *
 * @param line 1-based, 0 when it concerns the whole document
 * @param column 1-based, 0 when not known
 * @param path where in the document ({@code steps[3].email.to}), empty when not known
 */
record YamlProblem(int line, int column, String path, String message) {

  static YamlProblem general(String message) {
    return new YamlProblem(0, 0, "", message);
  }

  /** The problems of a refused upload: each listed error, or the detail when there is no list. */
  static List<YamlProblem> from(ApiException e) {
    List<YamlProblem> out = new ArrayList<>();
    if (e.errors() != null) {
      for (Map<String, ?> error : e.errors()) {
        out.add(new YamlProblem(number(error.get("line")), number(error.get("column")),
            error.get("path") == null ? "" : String.valueOf(error.get("path")), String.valueOf(error.get("message"))));
      }
    }
    if (out.isEmpty()) out.add(general(e.getMessage()));
    return out;
  }

  private static int number(Object value) {
    return value instanceof Number n ? n.intValue() : 0;
  }
}
