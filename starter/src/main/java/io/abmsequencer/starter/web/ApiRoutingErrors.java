package io.abmsequencer.starter.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The errors Spring raises before it has chosen a controller — a Content-Type no call of that path
 * takes, a method it does not answer, a path that does not exist — as {@link ApiErrors} words them,
 * for {@code /api/**}. ({@link ApiErrors} applies to {@code @RestController}s, and here there is no
 * controller yet.) Anywhere else the exception goes on to the console's error page.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiRoutingErrors {
  private final ApiErrors errors;

  ApiRoutingErrors(ApiErrors errors) {
    this.errors = errors;
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) throws Exception {
    requireApi(e, request);
    return errors.mediaType(e, request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) throws Exception {
    requireApi(e, request);
    return errors.method(e, request);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) throws Exception {
    requireApi(e, request);
    return errors.noResource(e, request);
  }

  /** Rethrowing the exception itself hands it back to Spring's default handling, unlogged. */
  private static void requireApi(Exception e, HttpServletRequest request) throws Exception {
    if (!request.getRequestURI().startsWith("/api/")) throw e;
  }
}
