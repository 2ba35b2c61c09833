package io.abmsequencer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class StartupFailureAnalyzerTest {
  final StartupFailureAnalyzer analyzer =
      new StartupFailureAnalyzer(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/abm"));

  @Test
  void anUnreachableDatabaseNamesTheProperty() {
    Exception failure = new BeanCreationException("jdbcClient", "could not create",
        new RuntimeException("Unable to obtain connection", new SQLException("Connection to db:5432 refused.", "08001")));
    FailureAnalysis analysis = analyzer.analyze(failure);
    assertThat(analysis.getDescription()).startsWith("PostgreSQL is not reachable at spring.datasource.url=jdbc:postgresql://db:5432/abm");
    assertThat(analysis.getAction()).contains("spring.datasource.url");
  }

  @Test
  void anUnreachableTemporalNamesTheProperty() {
    FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("runner failed",
        new TemporalUnreachableException("temporal:7233", new RuntimeException("UNAVAILABLE: io exception"))));
    assertThat(analysis.getDescription()).contains("spring.temporal.connection.target=temporal:7233");
    assertThat(analysis.getAction()).contains("Start Temporal at temporal:7233");
  }

  @Test
  void otherFailuresAreLeftToSpringBoot() {
    assertThat(analyzer.analyze(new IllegalStateException("something else", new SQLException("syntax error", "42601")))).isNull();
  }
}
