package io.abmsequencer.starter.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One thing wrong with a request, and where it is: validators return these, the API lists them in
 * its problem+json {@code errors}, the console puts them next to the form field, list row or
 * editor line they are about.
 *
 * @param field the JSON path ({@code contacts[2].phone}), the query parameter, the CSV column or the
 *     playbook path ({@code steps[3].email.to}); null when the problem concerns a whole row or file
 * @param row the CSV line where the record starts (the header is line 1); null for the file as a whole
 * @param line the playbook's line, 0 for the whole document ({@code column} then 0 too)
 */
public record FieldProblem(Kind kind, String field, Integer row, Integer line, Integer column, String message) {

  /** Where the problem is, which decides how the API names it. */
  public enum Kind {
    /** A JSON body's field: {@code {field, message}}. */
    FIELD,
    /** A query parameter: {@code {parameter, message}}. */
    PARAMETER,
    /** A CSV row and column: {@code {row, column, message}}, either null for the whole row or file. */
    ROW,
    /** A YAML document's line and column: {@code {line, column, path, message}}. */
    LINE
  }

  public static FieldProblem field(String field, String message) {
    return new FieldProblem(Kind.FIELD, field, null, null, null, message);
  }

  public static FieldProblem parameter(String parameter, String message) {
    return new FieldProblem(Kind.PARAMETER, parameter, null, null, null, message);
  }

  public static FieldProblem row(Integer row, String column, String message) {
    return new FieldProblem(Kind.ROW, column, row, null, null, message);
  }

  public static FieldProblem line(int line, int column, String path, String message) {
    return new FieldProblem(Kind.LINE, path, null, line, column, message);
  }

  /** "contacts[2].phone: ..." for one field, "3 fields are invalid" for more: the problem's detail. */
  public static String detail(List<FieldProblem> problems) {
    return problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).message() : problems.size() + " fields are invalid";
  }

  /** As the API's problem+json lists it (the names API clients have always read). */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    switch (kind) {
      case FIELD -> json.put("field", field);
      case PARAMETER -> json.put("parameter", field);
      case ROW -> {
        json.put("row", row);
        json.put("column", field);
      }
      case LINE -> {
        json.put("line", line);
        json.put("column", column);
        json.put("path", field);
      }
    }
    json.put("message", message);
    return json;
  }
}
