package io.abmsequencer.starter.launch;

import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Contact;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model as a list refresh needs it, in a few set-wise queries whatever the list's size
 * (ids go in as one space-separated parameter: account and workflow ids hold no spaces).
 */
@Repository
class RefreshRepository {
  private final JdbcClient jdbc;

  RefreshRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Running(String workflowId, String accountId, String accountName, Motion motion, Tier tier, String owner, String playbookId,
      int playbookVersion, int score) {
    String playbook() {
      return playbookId + "@" + playbookVersion;
    }
  }

  record Ended(String accountId, Motion motion, String exitReason, Instant exitedAt) {}

  private static final String RUNNING = "select workflow_id, account_id, account_name, motion, tier, owner, playbook_id, playbook_version,"
      + " score from sequences where status <> 'EXITED'";

  /** Sequences not ended that run one of these playbooks (any version). */
  List<Running> runningOn(Collection<String> playbookIds) {
    if (playbookIds.isEmpty()) return List.of();
    return jdbc.sql(RUNNING + " and playbook_id = any(string_to_array(:ids, ' ')) order by account_name, workflow_id")
        .param("ids", String.join(" ", playbookIds)).query(RefreshRepository::running).list();
  }

  /** Sequences not ended of these accounts, in these motions. */
  List<Running> runningFor(Collection<String> accountIds, Collection<Motion> motions) {
    if (accountIds.isEmpty() || motions.isEmpty()) return List.of();
    return jdbc.sql(RUNNING + " and account_id = any(string_to_array(:ids, ' ')) and motion = any(string_to_array(:motions, ' '))")
        .param("ids", String.join(" ", accountIds)).param("motions", String.join(" ", motions.stream().map(Enum::name).toList()))
        .query(RefreshRepository::running).list();
  }

  /** The latest ended sequence of each of these accounts per motion. */
  List<Ended> lastEnded(Collection<String> accountIds, Collection<Motion> motions) {
    if (accountIds.isEmpty() || motions.isEmpty()) return List.of();
    return jdbc.sql("""
            select distinct on (account_id, motion) account_id, motion, exit_reason, exited_at from sequences
             where status = 'EXITED' and account_id = any(string_to_array(:ids, ' ')) and motion = any(string_to_array(:motions, ' '))
             order by account_id, motion, exited_at desc nulls last
            """)
        .param("ids", String.join(" ", accountIds)).param("motions", String.join(" ", motions.stream().map(Enum::name).toList()))
        .query((rs, n) -> {
          OffsetDateTime at = rs.getObject("exited_at", OffsetDateTime.class);
          return new Ended(rs.getString("account_id"), Motion.valueOf(rs.getString("motion")), rs.getString("exit_reason"),
              at == null ? null : at.toInstant());
        }).list();
  }

  /** The committees of these sequences as last recorded, by workflow id. */
  Map<String, List<Contact>> committees(Collection<String> workflowIds) {
    Map<String, List<Contact>> out = new HashMap<>();
    if (workflowIds.isEmpty()) return out;
    jdbc.sql("""
            select workflow_id, contact_id, email, first_name, last_name, title, role, phone, time_zone, sms_consent, linkedin_url
              from sequence_contacts where workflow_id = any(string_to_array(:ids, ' ')) order by workflow_id, contact_id
            """)
        .param("ids", String.join(" ", workflowIds))
        .query((rs, n) -> out.computeIfAbsent(rs.getString("workflow_id"), k -> new ArrayList<>()).add(new Contact(rs.getString("contact_id"),
            rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"), rs.getString("title"),
            Role.valueOf(rs.getString("role")), rs.getString("phone"), rs.getString("time_zone"), rs.getBoolean("sms_consent"),
            rs.getString("linkedin_url"))))
        .list();
    return out;
  }

  private static Running running(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Running(rs.getString("workflow_id"), rs.getString("account_id"), rs.getString("account_name"),
        Motion.valueOf(rs.getString("motion")), Tier.valueOf(rs.getString("tier")), rs.getString("owner"), rs.getString("playbook_id"),
        rs.getInt("playbook_version"), rs.getInt("score"));
  }
}
