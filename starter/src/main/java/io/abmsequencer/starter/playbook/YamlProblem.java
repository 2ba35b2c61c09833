package io.abmsequencer.starter.playbook;

import io.abmsequencer.starter.web.ApiException;
import io.abmsequencer.starter.web.FieldProblem;
import java.util.ArrayList;
import java.util.List;

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
    for (FieldProblem p : e.problems()) {
      out.add(new YamlProblem(p.line() == null ? 0 : p.line(), p.column() == null ? 0 : p.column(), p.field() == null ? "" : p.field(), p.message()));
    }
    if (out.isEmpty()) out.add(general(e.getMessage()));
    return out;
  }
}
