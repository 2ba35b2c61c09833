package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who is in which ad audience (table {@code audience_members}), and which changes still have to go
 * to the platforms. One row per audience, platform and contact; a change is written as {@code
 * PENDING_ADD} / {@code PENDING_REMOVE} and {@link AudienceFlusher} sends it. Removal keeps the row,
 * so it takes out exactly the contacts that were added.
 *
 * <p>Only SHA-256 hashes of e-mail and phone are stored here: what the platforms match on.
 */
@Repository
public class AudienceMembers {
  private static final String COLUMNS =
      "audience, platform, contact_id, workflow_id, account_id, state, action, step_key, added_at, removed_at, attempts,"
          + " next_attempt_at, last_error";

  /**
   * The removal of a row, whatever it holds: an add never sent (or refused) just ends, anything on
   * the platform (or possibly on it) waits for the flusher. Reused by every kind of removal.
   */
  private static final String REMOVE_SET =
      " state = case when state = 'PENDING_ADD' or (state = 'FAILED' and action = 'ADD') then 'REMOVED'"
          + " else 'PENDING_REMOVE' end,"
          + " removed_at = case when state = 'PENDING_ADD' or (state = 'FAILED' and action = 'ADD') then :now"
          + " else removed_at end,"
          + " requested_at = case when state = 'PENDING_REMOVE' then requested_at else :now end,"
          + " attempts = case when state = 'PENDING_REMOVE' then attempts else 0 end,"
          + " next_attempt_at = case when state = 'PENDING_REMOVE' then next_attempt_at end,"
          + " last_error = case when state = 'PENDING_REMOVE' then last_error end,"
          + " action = 'REMOVE', updated_at = :now";

  private final JdbcClient jdbc;
  private final Clock clock;

  public AudienceMembers(JdbcClient jdbc, ObjectProvider<Clock> clock) {
    this.jdbc = jdbc;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** A contact to add, as the platforms will see it. */
  record Target(String contactId, String emailSha256, String phoneSha256) {}

  /**
   * Asks for the contacts to be in the audience on the platforms, on behalf of step {@code key}. A
   * contact already in stays in (nothing to send); a removal not sent yet is withdrawn.
   */
  void queueAdds(String audience, Collection<AdPlatform> platforms, List<Target> targets, TouchKey key, String accountId) {
    if (platforms.isEmpty() || targets.isEmpty()) return;
    jdbc.sql(
            "insert into audience_members as m (audience, platform, contact_id, workflow_id, account_id, email_sha256,"
                + " phone_sha256, state, action, step_key, requested_at, attempts, updated_at)"
                + " select :audience, p.platform, t.contact_id, :workflowId, :accountId, t.email, t.phone,"
                + " 'PENDING_ADD', 'ADD', :stepKey, :now, 0, :now"
                + " from unnest(cast(:ids as text[]), cast(:emails as text[]), cast(:phones as text[]))"
                + " as t(contact_id, email, phone)"
                + " cross join unnest(cast(:platforms as text[])) as p(platform)"
                + " on conflict (audience, platform, contact_id) do update set"
                + " workflow_id = excluded.workflow_id, account_id = excluded.account_id,"
                + " email_sha256 = excluded.email_sha256, phone_sha256 = coalesce(excluded.phone_sha256, m.phone_sha256),"
                + " step_key = excluded.step_key, action = 'ADD',"
                // Still on the platform (in, or its removal not done): nothing to send.
                + " state = case when m.state in ('ACTIVE', 'PENDING_REMOVE') or (m.state = 'FAILED' and m.action = 'REMOVE')"
                + " then 'ACTIVE' else 'PENDING_ADD' end,"
                + " requested_at = case when m.state = 'PENDING_ADD' then m.requested_at else excluded.requested_at end,"
                + " attempts = case when m.state = 'PENDING_ADD' then m.attempts else 0 end,"
                + " next_attempt_at = case when m.state = 'PENDING_ADD' then m.next_attempt_at end,"
                + " last_error = case when m.state = 'PENDING_ADD' then m.last_error end,"
                + " updated_at = excluded.updated_at")
        .param("audience", audience)
        .param("workflowId", key.workflowId())
        .param("accountId", accountId)
        .param("stepKey", key.stepKey())
        .param("now", Sql.ts(clock.instant()))
        .param("ids", targets.stream().map(Target::contactId).toArray(String[]::new))
        .param("emails", targets.stream().map(Target::emailSha256).toArray(String[]::new))
        .param("phones", targets.stream().map(Target::phoneSha256).toArray(String[]::new))
        .param("platforms", platforms.stream().map(Enum::name).distinct().toArray(String[]::new))
        .update();
  }

  /**
   * Asks for the contacts to leave the audience on the platforms, on behalf of step {@code key}.
   *
   * @return the contacts that were in (or on their way in), each once
   */
  List<String> queueRemovals(String audience, Collection<AdPlatform> platforms, Collection<String> contactIds, TouchKey key) {
    if (platforms.isEmpty() || contactIds.isEmpty()) return List.of();
    return jdbc.sql(
            "with changed as (update audience_members set workflow_id = :workflowId, step_key = :stepKey," + REMOVE_SET
                + " where audience = :audience and platform = any(cast(:platforms as text[]))"
                + " and contact_id = any(cast(:ids as text[])) and state <> 'REMOVED' returning contact_id)"
                + " select distinct contact_id from changed order by contact_id")
        .param("workflowId", key.workflowId())
        .param("stepKey", key.stepKey())
        .param("now", Sql.ts(clock.instant()))
        .param("audience", audience)
        .param("platforms", platforms.stream().map(Enum::name).distinct().toArray(String[]::new))
        .param("ids", contactIds.toArray(String[]::new))
        .query(String.class)
        .list();
  }

  /**
   * Takes the person out of every audience of every sequence (an opt-out): memberships on a platform
   * become {@code PENDING_REMOVE}, adds never sent just end ({@code REMOVED}).
   *
   * @return memberships changed
   */
  public int removeContactEverywhere(String email) {
    String hash = AudienceHashing.emailSha256(email);
    if (hash == null) return 0;
    return jdbc.sql(
            "update audience_members set step_key = null," + REMOVE_SET
                + " where email_sha256 = :hash and state <> 'REMOVED'")
        .param("now", Sql.ts(clock.instant()))
        .param("hash", hash)
        .update();
  }

  /**
   * Takes everyone a sequence put into audiences out of them again (the sequence ended), like
   * {@link #removeContactEverywhere}.
   *
   * @return memberships changed
   */
  public int removeForWorkflow(String workflowId) {
    return removeForWorkflow(workflowId, null);
  }

  /** {@link #removeForWorkflow(String)} on behalf of a step ({@code stepKey} null: none). */
  int removeForWorkflow(String workflowId, String stepKey) {
    return jdbc.sql(
            "update audience_members set step_key = :stepKey," + REMOVE_SET
                + " where workflow_id = :workflowId and state <> 'REMOVED'")
        .param("stepKey", stepKey)
        .param("now", Sql.ts(clock.instant()))
        .param("workflowId", workflowId)
        .update();
  }

  /** The contacts a sequence has (or is about to have) in audiences, each once. */
  List<String> memberContacts(String workflowId) {
    return jdbc.sql(
            "select distinct contact_id from audience_members where workflow_id = :workflowId"
                + " and state in ('PENDING_ADD', 'ACTIVE', 'PENDING_REMOVE') order by contact_id")
        .param("workflowId", workflowId)
        .query(String.class)
        .list();
  }

  /** The account of a sequence's memberships, or empty when it has none. */
  Optional<String> accountOf(String workflowId) {
    return jdbc.sql("select account_id from audience_members where workflow_id = :workflowId limit 1")
        .param("workflowId", workflowId)
        .query(String.class)
        .optional();
  }

  /** Current members (on the platform) of one audience on one platform. */
  public List<AudienceMember> active(String audience, AdPlatform platform) {
    return inState(audience, platform, MembershipState.ACTIVE);
  }

  public List<AudienceMember> inState(String audience, AdPlatform platform, MembershipState state) {
    return jdbc.sql(
            "select " + COLUMNS + " from audience_members where audience = :audience and platform = :platform"
                + " and state = :state order by contact_id")
        .param("audience", audience)
        .param("platform", platform.name())
        .param("state", state.name())
        .query(AudienceMembers::row)
        .list();
  }

  public Optional<AudienceMember> find(String audience, AdPlatform platform, String contactId) {
    return jdbc.sql(
            "select " + COLUMNS + " from audience_members where audience = :audience and platform = :platform"
                + " and contact_id = :contactId")
        .param("audience", audience)
        .param("platform", platform.name())
        .param("contactId", contactId)
        .query(AudienceMembers::row)
        .optional();
  }

  /** Every membership row a sequence wrote last, removed ones included. */
  public List<AudienceMember> forWorkflow(String workflowId) {
    return jdbc.sql(
            "select " + COLUMNS + " from audience_members where workflow_id = :workflowId"
                + " order by audience, platform, contact_id")
        .param("workflowId", workflowId)
        .query(AudienceMembers::row)
        .list();
  }

  static AudienceMember row(ResultSet rs, int rowNum) throws SQLException {
    return new AudienceMember(
        rs.getString("audience"),
        AdPlatform.valueOf(rs.getString("platform")),
        rs.getString("contact_id"),
        rs.getString("workflow_id"),
        rs.getString("account_id"),
        MembershipState.valueOf(rs.getString("state")),
        AudienceAction.valueOf(rs.getString("action")),
        rs.getString("step_key"),
        Sql.instant(rs, "added_at"),
        Sql.instant(rs, "removed_at"),
        rs.getInt("attempts"),
        Sql.instant(rs, "next_attempt_at"),
        rs.getString("last_error"));
  }
}
