package io.abmsequencer.starter.sequence;

import io.abmsequencer.starter.embedded.EmbeddedMode;
import io.abmsequencer.workflows.sequence.ExitReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The in-memory Temporal server (embedded mode's fallback where no Temporal CLI can be had) starts
 * empty every time while PostgreSQL keeps its data: sequences
 * the read model still shows running were lost with the previous process. Say so, in the lists and
 * the inbox, instead of showing them as running forever.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EmbeddedRestart implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedRestart.class);

  private final EmbeddedMode mode;
  private final JdbcClient jdbc;

  EmbeddedRestart(EmbeddedMode mode, JdbcClient jdbc) {
    this.mode = mode;
    this.jdbc = jdbc;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (!mode.temporalInMemory()) return;
    String why = ExitReason.INTERRUPTED.words();
    int lost = jdbc.sql("""
            update sequences set status = 'EXITED', exit_reason = :reason, current_step = null, next_touch = null,
                   next_touch_at = null, updated_at = now(), exited_at = now()
             where status <> 'EXITED'
            """).param("reason", ExitReason.INTERRUPTED.name()).update();
    if (lost == 0) return;
    jdbc.sql("update sdr_tasks set state = 'CANCELLED', note = :why, closed_by = 'startup', closed_at = now() where state = 'OPEN'")
        .param("why", why).update();
    jdbc.sql("update reviews set state = 'CANCELLED', note = :why, decided_by = 'startup', closed_at = now() where state = 'OPEN'")
        .param("why", why).update();
    log.warn("{} sequence(s) were {}; they are marked INTERRUPTED. Relaunch them, or run against a real Temporal cluster"
        + " (spring.temporal.connection.target) to keep sequences across restarts.", lost, why);
  }
}
