package io.abmsequencer.activities.sequence;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.sequence.SequenceSnapshot;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.account.Account;
import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.sequence.ExitReason;
import io.abmsequencer.workflows.sequence.SequenceStatusCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model of sequences (tables {@code sequences} and {@code sequence_contacts}): the console's
 * lists and filters, and "which sequences target this account / this person".
 */
@Repository
public class SequenceRepository {
  private static final String COLUMNS =
      "workflow_id, account_id, account_name, domain, industry, motion, tier, playbook_id, playbook_version,"
          + " owner, status, current_step, next_touch, next_touch_at, score, touches, exit_reason, launch_id,"
          + " started_at, updated_at, exited_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public SequenceRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Writes the snapshot unless the stored row is newer ({@code updated_at} later than the
   * snapshot's): snapshots can arrive out of order when an activity is retried. Replaces the
   * sequence's contacts when the snapshot carries them. {@code exited_at} is the time of the first
   * EXITED snapshot.
   *
   * @return false when an older snapshot was ignored
   */
  public boolean upsert(SequenceSnapshot s) {
    Boolean applied = transaction.execute(status -> {
      Account account = s.account();
      boolean exited = s.status() == SequenceStatusCode.EXITED;
      int rows =
          jdbc.sql(
                  "insert into sequences (" + COLUMNS + ") values (:workflowId, :accountId, :accountName,"
                      + " :domain, :industry, :motion, :tier, :playbookId, :playbookVersion, :owner, :status,"
                      + " :currentStep, :nextTouch, :nextTouchAt, :score, :touches, :exitReason, :launchId,"
                      + " :startedAt, :updatedAt, :exitedAt)"
                      + " on conflict (workflow_id) do update set account_id = excluded.account_id,"
                      + " account_name = excluded.account_name, domain = excluded.domain,"
                      + " industry = excluded.industry, motion = excluded.motion, tier = excluded.tier,"
                      + " playbook_id = excluded.playbook_id, playbook_version = excluded.playbook_version,"
                      + " owner = excluded.owner, status = excluded.status, current_step = excluded.current_step,"
                      + " next_touch = excluded.next_touch, next_touch_at = excluded.next_touch_at,"
                      + " score = excluded.score, touches = excluded.touches, exit_reason = excluded.exit_reason,"
                      + " launch_id = excluded.launch_id, started_at = excluded.started_at,"
                      + " updated_at = excluded.updated_at,"
                      + " exited_at = case when excluded.exited_at is null then null"
                      + " else coalesce(sequences.exited_at, excluded.exited_at) end"
                      + " where sequences.updated_at <= excluded.updated_at")
              .param("workflowId", s.workflowId())
              .param("accountId", account.id())
              .param("accountName", account.name())
              .param("domain", account.domain())
              .param("industry", account.industry())
              .param("motion", s.motion().name())
              .param("tier", s.tier().name())
              .param("playbookId", s.playbookId())
              .param("playbookVersion", s.playbookVersion())
              .param("owner", s.owner())
              .param("status", s.status().name())
              .param("currentStep", s.currentStep())
              .param("nextTouch", s.nextTouch())
              .param("nextTouchAt", Sql.ts(s.nextTouchAt()))
              .param("score", s.score())
              .param("touches", s.touches())
              .param("exitReason", Sql.nameOrNull(s.exitReason()))
              .param("launchId", s.launchId())
              .param("startedAt", Sql.ts(s.startedAt()))
              .param("updatedAt", Sql.ts(s.updatedAt()))
              .param("exitedAt", exited ? Sql.ts(s.updatedAt()) : null)
              .update();
      if (rows == 0) return false;
      if (s.contacts() != null) replaceContacts(s.workflowId(), s.contacts());
      return true;
    });
    return Boolean.TRUE.equals(applied);
  }

  private void replaceContacts(String workflowId, List<Contact> contacts) {
    jdbc.sql("delete from sequence_contacts where workflow_id = :workflowId").param("workflowId", workflowId).update();
    for (Contact c : contacts) {
      jdbc.sql(
              "insert into sequence_contacts (workflow_id, contact_id, email, first_name, last_name, title, role,"
                  + " phone, time_zone, sms_consent, linkedin_url) values (:workflowId, :contactId, :email, :firstName,"
                  + " :lastName, :title, :role, :phone, :timeZone, :smsConsent, :linkedin)"
                  + " on conflict (workflow_id, contact_id) do nothing")
          .param("workflowId", workflowId)
          .param("contactId", c.id())
          .param("email", c.email())
          .param("firstName", c.firstName())
          .param("lastName", c.lastName())
          .param("title", c.title())
          .param("role", c.role().name())
          .param("phone", c.phone())
          .param("timeZone", c.timeZone())
          .param("smsConsent", c.smsConsent())
          .param("linkedin", c.linkedinUrl())
          .update();
    }
  }

  public Optional<SequenceRow> find(String workflowId) {
    return jdbc.sql("select " + COLUMNS + " from sequences where workflow_id = :workflowId")
        .param("workflowId", workflowId)
        .query(SequenceRepository::row)
        .optional();
  }

  /**
   * One page of the sequences matching the filter, most recently updated first. Only the filters
   * that are set become conditions, so each can use its index.
   *
   * @param page 0-based
   */
  public Page<SequenceRow> search(SequenceFilter filter, int page, int size) {
    if (page < 0 || size <= 0) throw new IllegalArgumentException("page must be >= 0 and size > 0");
    Map<String, Object> params = new LinkedHashMap<>();
    StringBuilder where = new StringBuilder(" where true");
    condition(where, params, "status", filter.status() == null ? null : filter.status().name(), "status = :status");
    condition(where, params, "motion", filter.motion() == null ? null : filter.motion().name(), "motion = :motion");
    condition(where, params, "tier", filter.tier() == null ? null : filter.tier().name(), "tier = :tier");
    condition(where, params, "playbookId", filter.playbookId(), "playbook_id = :playbookId");
    condition(where, params, "owner", filter.owner(), "owner = :owner");
    condition(where, params, "accountId", filter.accountId(), "account_id = :accountId");
    condition(where, params, "minScore", filter.minScore(), "score >= :minScore");
    condition(where, params, "maxScore", filter.maxScore(), "score <= :maxScore");
    condition(where, params, "launchId", filter.launchId(), "launch_id = :launchId");

    long total = jdbc.sql("select count(*) from sequences" + where).params(params).query(Long.class).single();
    List<SequenceRow> items =
        total == 0
            ? List.of()
            : jdbc.sql(
                    "select " + COLUMNS + " from sequences" + where
                        + " order by updated_at desc, workflow_id limit :limit offset :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(SequenceRepository::row)
                .list();
    return new Page<>(items, total, page, size);
  }

  private static void condition(StringBuilder where, Map<String, Object> params, String name, Object value, String sql) {
    if (value == null) return;
    where.append(" and ").append(sql);
    params.put(name, value);
  }

  /** Sequences of the account that have not exited, oldest first. */
  public List<SequenceRow> runningForAccount(String accountId) {
    return jdbc.sql(
            "select " + COLUMNS + " from sequences where account_id = :accountId and status <> 'EXITED'"
                + " order by started_at, workflow_id")
        .param("accountId", accountId)
        .query(SequenceRepository::row)
        .list();
  }

  /** Sequences that have not exited and whose committee includes this address (case-insensitive). */
  public List<SequenceRow> runningForContactEmail(String email) {
    return jdbc.sql(
            "select " + COLUMNS + " from sequences where status <> 'EXITED' and workflow_id in"
                + " (select workflow_id from sequence_contacts where lower(email) = :email)"
                + " order by started_at, workflow_id")
        .param("email", email.trim().toLowerCase(Locale.ROOT))
        .query(SequenceRepository::row)
        .list();
  }

  /** A committee member of a running sequence found by phone number (E.164). */
  public record ContactInSequence(String workflowId, String contactId, String email) {}

  /** Every running sequence whose committee has someone with this number, and who. */
  public List<ContactInSequence> runningForContactPhone(String e164) {
    return jdbc.sql("""
            select c.workflow_id, c.contact_id, c.email from sequence_contacts c join sequences s on s.workflow_id = c.workflow_id
             where c.phone = :phone and s.status <> 'EXITED'
            """)
        .param("phone", e164)
        .query((rs, n) -> new ContactInSequence(rs.getString("workflow_id"), rs.getString("contact_id"), rs.getString("email")))
        .list();
  }

  /** The addresses of everyone recorded with this number, running or not. */
  public List<String> emailsOfPhone(String e164) {
    return jdbc.sql("select distinct lower(email) from sequence_contacts where phone = :phone").param("phone", e164).query(String.class).list();
  }

  /** The e-mail address behind a contact id (ids are derived from addresses), from any committee recorded. */
  public Optional<String> emailOfContact(String contactId) {
    return jdbc.sql("select email from sequence_contacts where contact_id = :contactId limit 1")
        .param("contactId", contactId)
        .query(String.class)
        .optional();
  }

  /** The sequence's buying committee as last recorded. */
  public List<Contact> contacts(String workflowId) {
    return jdbc.sql(
            "select contact_id, email, first_name, last_name, title, role, phone, time_zone, sms_consent, linkedin_url"
                + " from sequence_contacts where workflow_id = :workflowId order by contact_id")
        .param("workflowId", workflowId)
        .query((rs, n) -> new Contact(
            rs.getString("contact_id"),
            rs.getString("email"),
            rs.getString("first_name"),
            rs.getString("last_name"),
            rs.getString("title"),
            Role.valueOf(rs.getString("role")),
            rs.getString("phone"),
            rs.getString("time_zone"),
            rs.getBoolean("sms_consent"),
            rs.getString("linkedin_url")))
        .list();
  }

  /** Sequences per status; statuses without any are absent. */
  public Map<SequenceStatusCode, Long> countByStatus() {
    return countByStatus(null);
  }

  /** One owner's sequences per status (everyone's for null); statuses without any are absent. */
  public Map<SequenceStatusCode, Long> countByStatus(String owner) {
    Map<SequenceStatusCode, Long> counts = new EnumMap<>(SequenceStatusCode.class);
    JdbcClient.StatementSpec statement = owner == null
        ? jdbc.sql("select status, count(*) as n from sequences group by status")
        : jdbc.sql("select status, count(*) as n from sequences where owner = :owner group by status").param("owner", owner);
    statement
        .query((rs, n) -> Map.entry(SequenceStatusCode.valueOf(rs.getString("status")), rs.getLong("n")))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  private static SequenceRow row(ResultSet rs, int rowNum) throws SQLException {
    return new SequenceRow(
        rs.getString("workflow_id"),
        rs.getString("account_id"),
        rs.getString("account_name"),
        rs.getString("domain"),
        rs.getString("industry"),
        Motion.valueOf(rs.getString("motion")),
        Tier.valueOf(rs.getString("tier")),
        rs.getString("playbook_id"),
        rs.getInt("playbook_version"),
        rs.getString("owner"),
        SequenceStatusCode.valueOf(rs.getString("status")),
        rs.getString("current_step"),
        rs.getString("next_touch"),
        Sql.instant(rs, "next_touch_at"),
        rs.getInt("score"),
        rs.getInt("touches"),
        Sql.enumOrNull(ExitReason.class, rs.getString("exit_reason")),
        rs.getString("launch_id"),
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "updated_at"),
        Sql.instant(rs, "exited_at"));
  }
}
