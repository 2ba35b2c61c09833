package io.abmsequencer.worker;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns the two misconfigurations operators meet first — Temporal or PostgreSQL not where the
 * properties say — into Spring Boot's short "APPLICATION FAILED TO START" report naming the
 * property, instead of a page of nested bean-creation errors.
 */
public class StartupFailureAnalyzer extends AbstractFailureAnalyzer<Throwable> {
  private final Environment environment;

  public StartupFailureAnalyzer(Environment environment) {
    this.environment = environment;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, Throwable cause) {
    for (Throwable t = rootFailure; t != null; t = t.getCause()) {
      if (t instanceof TemporalUnreachableException temporal) {
        return new FailureAnalysis(temporal.getMessage() + ".",
            "Start Temporal at " + temporal.target() + ", or set spring.temporal.connection.target to where it runs"
                + " (leave it unset for the embedded server).", temporal);
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        String url = environment.getProperty("spring.datasource.url", "(not set)");
        return new FailureAnalysis("PostgreSQL is not reachable at spring.datasource.url=" + url + ": " + sql.getMessage(),
            "Start PostgreSQL there, or fix spring.datasource.url / username / password (leave the URL unset for the"
                + " embedded database).", sql);
      }
    }
    return null;
  }
}
