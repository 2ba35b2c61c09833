package io.abmsequencer.starter.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An answer that is not a success, with what the caller needs to fix it. Rendered as
 * {@code application/problem+json} by {@link ApiErrors}.
 *
 * @param problems field, row or line level details, listed whole (never just the first)
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String title;
  private final List<FieldProblem> problems;

  public ApiException(HttpStatus status, String title, String detail, List<FieldProblem> problems) {
    super(detail);
    this.status = status;
    this.title = title;
    this.problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /** A 400 listing every problem; the detail names the one, or counts them. */
  public static ApiException invalid(String title, List<FieldProblem> problems) {
    return new ApiException(HttpStatus.BAD_REQUEST, title, FieldProblem.detail(problems), problems);
  }

  public ApiException(HttpStatus status, String title, String detail) {
    this(status, title, detail, null);
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, "Not found", what);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail);
  }

  /** A 400 for one field of a JSON body. */
  public static ApiException invalidField(String field, String message) {
    return invalid("Invalid request", List.of(FieldProblem.field(field, message)));
  }

  /** A 400 refusing a value, in plain words, naming its field in {@code errors} when there is one. */
  public static ApiException refused(String title, String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, title, message, field == null ? null : List.of(FieldProblem.field(field, message)));
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** What is wrong, where: empty when the detail says it all. */
  public List<FieldProblem> problems() {
    return problems;
  }

  /** The problems as problem+json lists them; null when there are none. */
  public List<Map<String, Object>> errors() {
    return problems.isEmpty() ? null : problems.stream().map(FieldProblem::json).toList();
  }
}
