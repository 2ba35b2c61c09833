package io.abmsequencer.starter.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link EmbeddedStartupException} into Spring Boot's "APPLICATION FAILED TO START" report
 * instead of a stack trace: a busy port or a left-over PostgreSQL is a situation, not a bug.
 */
public class EmbeddedStartupFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedStartupException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedStartupException cause) {
    return new FailureAnalysis(cause.problem() + ".", capitalize(cause.action()) + ".", cause);
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
