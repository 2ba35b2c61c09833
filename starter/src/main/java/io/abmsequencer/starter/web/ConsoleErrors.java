package io.abmsequencer.starter.web;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A console page that cannot be shown (an unknown sequence, someone else's task, a hand-edited
 * {@code ?page=x}) answers with the console's error page and its status, never the API's
 * problem+json and never a stack trace. The page is the same for every cause of one status (no
 * timestamp, no path): someone else's sequence reads exactly like one that does not exist. Every
 * console controller shares this one; the API's {@code @RestController}s have {@link ApiErrors},
 * which comes first (a {@code @RestController} is a {@code @Controller} too).
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ConsoleErrors {

  /** 403, 404, 409 or 400 as the service said; the error page words it. */
  @ExceptionHandler(ApiException.class)
  ModelAndView refused(ApiException e) {
    return page(e.status());
  }

  @ExceptionHandler(ResponseStatusException.class)
  ModelAndView failed(ResponseStatusException e) {
    return page(e.getStatusCode());
  }

  /** A hand-edited address ({@code ?page=x}). */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ModelAndView badParameter() {
    return page(HttpStatus.BAD_REQUEST);
  }

  private static ModelAndView page(HttpStatusCode code) {
    HttpStatus status = HttpStatus.valueOf(code.value());
    return new ModelAndView("error", Map.of("status", status.value(), "error", status.getReasonPhrase()), status);
  }
}
