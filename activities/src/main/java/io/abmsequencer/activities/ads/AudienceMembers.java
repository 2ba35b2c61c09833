package io.abmsequencer.activities.ads;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.playbook.AdPlatform;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who is in which ad audience (table {@code audience_members}), so a removal takes out exactly the
 * contacts that were added. One row per audience, platform and contact; removal keeps the row.
 */
@Repository
public class AudienceMembers {
  private static final String COLUMNS =
      "audience, platform, contact_id, workflow_id, account_id, added_at, removed_at";

  private final JdbcClient jdbc;

  public AudienceMembers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds (or re-adds) the contact; a contact already in keeps its original {@code added_at}. */
  public void add(String audience, AdPlatform platform, String contactId, String workflowId, String accountId) {
    jdbc.sql(
            "insert into audience_members (audience, platform, contact_id, workflow_id, account_id)"
                + " values (:audience, :platform, :contactId, :workflowId, :accountId)"
                + " on conflict (audience, platform, contact_id) do update set"
                + " workflow_id = excluded.workflow_id, account_id = excluded.account_id,"
                + " added_at = case when audience_members.removed_at is null"
                + " then audience_members.added_at else now() end,"
                + " removed_at = null")
        .param("audience", audience)
        .param("platform", platform.name())
        .param("contactId", contactId)
        .param("workflowId", workflowId)
        .param("accountId", accountId)
        .update();
  }

  /** Marks the contacts removed on the platforms. @return rows changed */
  public int remove(String audience, Collection<AdPlatform> platforms, Collection<String> contactIds) {
    if (platforms.isEmpty() || contactIds.isEmpty()) return 0;
    return jdbc.sql(
            "update audience_members set removed_at = now() where audience = :audience"
                + " and platform in (:platforms) and contact_id in (:contactIds) and removed_at is null")
        .param("audience", audience)
        .param("platforms", platforms.stream().map(Enum::name).toList())
        .param("contactIds", List.copyOf(contactIds))
        .update();
  }

  /** The contacts among {@code contactIds} now in the audience on any of the platforms. */
  public List<String> activeAmong(String audience, Collection<AdPlatform> platforms, Collection<String> contactIds) {
    if (platforms.isEmpty() || contactIds.isEmpty()) return List.of();
    return jdbc.sql(
            "select distinct contact_id from audience_members where audience = :audience"
                + " and platform in (:platforms) and contact_id in (:contactIds) and removed_at is null"
                + " order by contact_id")
        .param("audience", audience)
        .param("platforms", platforms.stream().map(Enum::name).toList())
        .param("contactIds", List.copyOf(contactIds))
        .query(String.class)
        .list();
  }

  /** Current members of one audience on one platform. */
  public List<AudienceMember> active(String audience, AdPlatform platform) {
    return jdbc.sql(
            "select " + COLUMNS + " from audience_members where audience = :audience and platform = :platform"
                + " and removed_at is null order by contact_id")
        .param("audience", audience)
        .param("platform", platform.name())
        .query(AudienceMembers::row)
        .list();
  }

  /** Every membership row a sequence wrote, removed ones included. */
  public List<AudienceMember> forWorkflow(String workflowId) {
    return jdbc.sql(
            "select " + COLUMNS + " from audience_members where workflow_id = :workflowId"
                + " order by audience, platform, contact_id")
        .param("workflowId", workflowId)
        .query(AudienceMembers::row)
        .list();
  }

  private static AudienceMember row(ResultSet rs, int rowNum) throws SQLException {
    return new AudienceMember(
        rs.getString("audience"),
        AdPlatform.valueOf(rs.getString("platform")),
        rs.getString("contact_id"),
        rs.getString("workflow_id"),
        rs.getString("account_id"),
        Sql.instant(rs, "added_at"),
        Sql.instant(rs, "removed_at"));
  }
}
