package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The flusher's side of {@code audience_members}: which changes are due, claiming a batch of them,
 * and writing what the platform made of it. Claims are {@code FOR UPDATE SKIP LOCKED}, so several
 * worker processes flush side by side without sending a row twice; a claim holds its rows until its
 * transaction ends, so a change asked for meanwhile (an opt-out) waits and then applies on top.
 */
@WorkerSide
@Repository
class PendingChanges {

  /** Pending rows of one platform and audience waiting for the same kind of request. */
  record Group(String audience, MembershipState state) {
    AudienceAction action() {
      return state == MembershipState.PENDING_ADD ? AudienceAction.ADD : AudienceAction.REMOVE;
    }
  }

  /** A claimed row: what the platform needs (hashes) and whose change it is (the step). */
  record Change(String contactId, String workflowId, String stepKey, String emailSha256, String phoneSha256, int attempts) {}

  private final JdbcClient jdbc;

  PendingChanges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Audiences with changes due on the platform, the longest waiting first. */
  List<Group> due(AdPlatform platform, Instant now) {
    return jdbc.sql(
            "select audience, state from audience_members where platform = :platform"
                + " and state in ('PENDING_ADD', 'PENDING_REMOVE')"
                + " and (next_attempt_at is null or next_attempt_at <= :now)"
                + " group by audience, state order by min(requested_at), audience, state")
        .param("platform", platform.name())
        .param("now", Sql.ts(now))
        .query((rs, n) -> new Group(rs.getString("audience"), MembershipState.valueOf(rs.getString("state"))))
        .list();
  }

  /** Locks up to {@code limit} due rows of the group for this transaction; rows others hold are skipped. */
  List<Change> claim(AdPlatform platform, Group group, Instant now, int limit) {
    return jdbc.sql(
            "select contact_id, workflow_id, step_key, email_sha256, phone_sha256, attempts from audience_members"
                + " where platform = :platform and audience = :audience and state = :state"
                + " and (next_attempt_at is null or next_attempt_at <= :now)"
                + " order by requested_at, contact_id limit :limit for update skip locked")
        .param("platform", platform.name())
        .param("audience", group.audience())
        .param("state", group.state().name())
        .param("now", Sql.ts(now))
        .param("limit", limit)
        .query((rs, n) -> new Change(
            rs.getString("contact_id"), rs.getString("workflow_id"), rs.getString("step_key"),
            rs.getString("email_sha256"), rs.getString("phone_sha256"), rs.getInt("attempts")))
        .list();
  }

  /** The platform took the change: in ({@code ACTIVE}) or out ({@code REMOVED}) since {@code now}. */
  void done(AdPlatform platform, Group group, Collection<String> contactIds, Instant now) {
    boolean add = group.action() == AudienceAction.ADD;
    updateClaimed(platform, group, contactIds,
        "state = :state," + (add ? " added_at = :now, removed_at = null," : " removed_at = :now,")
            + " attempts = attempts + 1, next_attempt_at = null, last_error = null, updated_at = :now",
        spec -> spec.param("state", add ? MembershipState.ACTIVE.name() : MembershipState.REMOVED.name()).param("now", Sql.ts(now)));
  }

  /** The platform refused the change for good; {@code error} is its message. */
  void failed(AdPlatform platform, Group group, Collection<String> contactIds, String error, Instant now) {
    updateClaimed(platform, group, contactIds,
        "state = 'FAILED', attempts = attempts + 1, next_attempt_at = null, last_error = :error, updated_at = :now",
        spec -> spec.param("error", error).param("now", Sql.ts(now)));
  }

  /** Not this time (429, 5xx, I/O): the rows stay pending and are not sent before {@code notBefore}. */
  void retryLater(AdPlatform platform, Group group, Collection<String> contactIds, Instant notBefore, String why, Instant now) {
    updateClaimed(platform, group, contactIds,
        "attempts = attempts + 1, next_attempt_at = :notBefore, last_error = :why, updated_at = :now",
        spec -> spec.param("notBefore", Sql.ts(notBefore)).param("why", why).param("now", Sql.ts(now)));
  }

  /** {@code set} on the group's rows of these contacts that are still in the state they were claimed in. */
  private void updateClaimed(
      AdPlatform platform, Group group, Collection<String> contactIds, String set, UnaryOperator<JdbcClient.StatementSpec> values) {
    if (contactIds.isEmpty()) return;
    JdbcClient.StatementSpec update = jdbc.sql(
            "update audience_members set " + set
                + " where platform = :platform and audience = :audience and state = :from"
                + " and contact_id = any(cast(:ids as text[]))")
        .param("platform", platform.name())
        .param("audience", group.audience())
        .param("from", group.state().name())
        .param("ids", contactIds.toArray(String[]::new));
    values.apply(update).update();
  }
}
