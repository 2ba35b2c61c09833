package io.abmsequencer.starter.digest;

import io.abmsequencer.workflows.digest.DigestSchedule;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code digest_schedules}: the address and zone each owner's digest was last given. Where
 * there are no Schedules it is the only record of what a running sleeping workflow was told (its memo
 * keeps its first start's); where there are, the schedule itself is compared, and this follows it.
 */
@Repository
class DigestSchedules {
  private final JdbcClient jdbc;

  DigestSchedules(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<DigestSchedule> find(String owner) {
    return jdbc.sql("select owner, email, time_zone from digest_schedules where owner = :owner").param("owner", owner)
        .query((rs, n) -> new DigestSchedule(rs.getString("owner"), rs.getString("email"), rs.getString("time_zone"))).optional();
  }

  void save(DigestSchedule schedule) {
    jdbc.sql("""
            insert into digest_schedules (owner, email, time_zone) values (:owner, :email, :zone)
            on conflict (owner) do update set email = excluded.email, time_zone = excluded.time_zone, told_at = now()
            """)
        .param("owner", schedule.owner()).param("email", schedule.email()).param("zone", schedule.timeZone()).update();
  }
}
