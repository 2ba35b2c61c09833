package io.abmsequencer.starter.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Every API error as {@code application/problem+json}: a title, a detail in plain words and, where
 * there are several, an {@code errors} list naming each field, row or line. Never a stack trace.
 * Only for {@code @RestController}s: console pages answer with the console's error page.
 */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
    return problem(e.status(), e.title(), e.getMessage(), e.errors(), request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    RequestBodyLimit.TooLarge tooLarge = cause(e, RequestBodyLimit.TooLarge.class);
    if (tooLarge != null) return problem(HttpStatus.CONTENT_TOO_LARGE, "Too large", tooLarge.getMessage(), null, request);
    JacksonException cause = cause(e, JacksonException.class);
    String detail = "The request body is not valid JSON for this call";
    List<Map<String, ?>> errors = null;
    if (cause != null) {
      JsonProblems problem = JsonProblems.of(cause);
      if (problem.field().isEmpty()) {
        detail = "The request body: " + problem.message();
      } else {
        detail = problem.field() + ": " + problem.message();
        errors = List.of(FieldProblem.field(problem.field(), problem.message()).json());
      }
    } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
      detail = "The request needs a body";
    }
    return problem(HttpStatus.BAD_REQUEST, "Invalid request body", detail, errors, request);
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    e.getBindingResult().getFieldErrors().forEach(f -> problems.add(FieldProblem.field(f.getField(), String.valueOf(f.getDefaultMessage()))));
    e.getBindingResult().getGlobalErrors().forEach(g -> problems.add(FieldProblem.field(g.getObjectName(), String.valueOf(g.getDefaultMessage()))));
    ApiException invalid = ApiException.invalid("Invalid request", problems);
    return problem(invalid.status(), invalid.title(), invalid.getMessage(), invalid.errors(), request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "Missing parameter", "query parameter '" + e.getParameterName() + "' is required", null, request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    String expected = e.getRequiredType() == null ? "" : e.getRequiredType().isEnum()
        ? "; expected one of " + java.util.Arrays.toString(e.getRequiredType().getEnumConstants())
        : "; expected " + e.getRequiredType().getSimpleName();
    return problem(HttpStatus.BAD_REQUEST, "Invalid parameter", "'" + e.getName() + "' cannot be '" + e.getValue() + "'" + expected, null, request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    ResponseEntity<ProblemDetail> answer = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
        "Content-Type " + e.getContentType() + " is not accepted here; use " + e.getSupportedMediaTypes(), null, request);
    // RFC 9110: a 415 says which media types would have been taken.
    return ResponseEntity.status(answer.getStatusCode()).headers(e.getHeaders()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(answer.getBody());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    ResponseEntity<ProblemDetail> answer = problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", e.getMessage(), null, request);
    // RFC 9110: a 405 carries Allow.
    return ResponseEntity.status(answer.getStatusCode()).headers(e.getHeaders()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(answer.getBody());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
    String limit = e.getMaxUploadSize() > 0 ? ": at most " + RequestBodyLimit.words(org.springframework.util.unit.DataSize.ofBytes(e.getMaxUploadSize()))
        + " (abm.web.max-body-size)" : "";
    return problem(HttpStatus.CONTENT_TOO_LARGE, "Too large", "The upload is larger than allowed" + limit, null, request);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, "Not found", "No such path: " + request.getRequestURI(), null, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    // A body sent without a length stops at the limit wherever it is read (say, a CSV launch).
    RequestBodyLimit.TooLarge tooLarge = cause(e, RequestBodyLimit.TooLarge.class);
    if (tooLarge != null) return problem(HttpStatus.CONTENT_TOO_LARGE, "Too large", tooLarge.getMessage(), null, request);
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "Something went wrong on our side; the error is logged. Nothing was half-done: retry or contact ops.", null, request);
  }

  /** The first cause of that type in the chain, or null. */
  static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) return type.cast(t);
    }
    return null;
  }

  static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String title, String detail, List<? extends Map<String, ?>> errors, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    if (errors != null && !errors.isEmpty()) problem.setProperty("errors", errors);
    return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  static Map<String, Object> error(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
    return map;
  }
}
