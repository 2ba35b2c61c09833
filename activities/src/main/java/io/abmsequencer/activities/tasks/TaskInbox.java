package io.abmsequencer.activities.tasks;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TaskState;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.TaskOutcome;
import io.abmsequencer.workflows.playbook.TaskType;
import io.abmsequencer.workflows.account.Contact;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SDR inbox (table {@code sdr_tasks}): written by the workflow's activities, read by the API. */
@Repository
public class TaskInbox {
  private static final String COLUMNS =
      "task_id, workflow_id, account_id, account_name, owner, type, title, instructions, contact_id,"
          + " contact_name, contact_role, contact_title, contact_email, contact_phone, step_id, reason,"
          + " score, outcomes, state, outcome, note, closed_by, due_at, created_at, closed_at, contact_linkedin";
  private static final String INSERT_COLUMNS = COLUMNS + ", detached";

  /** Open before closed, hot-account alerts first, then the earliest due. */
  private static final String INBOX_ORDER =
      " order by (state <> 'OPEN'), (type <> 'HOT_ACCOUNT'), due_at, task_id";

  private final JdbcClient jdbc;

  public TaskInbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the task as OPEN. @return false when a task with this id exists (it is left as it is) */
  public boolean create(TaskOpen task) {
    return insert(task, false);
  }

  /**
   * Adds a task no sequence step waits for (a reply to handle, say); it is completed by closing the
   * row, not through the sequence. Idempotent by task id.
   */
  public boolean createDetached(TaskOpen task) {
    return insert(task, true);
  }

  /** True when the task was raised outside a sequence's steps (see {@link #createDetached}). */
  public boolean isDetached(String taskId) {
    return Boolean.TRUE.equals(jdbc.sql("select detached from sdr_tasks where task_id = :id").param("id", taskId)
        .query(Boolean.class).optional().orElse(false));
  }

  private boolean insert(TaskOpen task, boolean detached) {
    Contact contact = task.contact();
    return jdbc.sql(
                "insert into sdr_tasks (" + INSERT_COLUMNS + ") values (:taskId, :workflowId, :accountId, :accountName,"
                    + " :owner, :type, :title, :instructions, :contactId, :contactName, :contactRole,"
                    + " :contactTitle, :contactEmail, :contactPhone, :stepId, :reason, :score, :outcomes,"
                    + " 'OPEN', null, null, null, :dueAt, :createdAt, null, :contactLinkedin, :detached)"
                    + " on conflict (task_id) do nothing")
            .param("taskId", task.taskId())
            .param("workflowId", task.workflowId())
            .param("accountId", task.accountId())
            .param("accountName", task.accountName())
            .param("owner", task.owner())
            .param("type", task.type().name())
            .param("title", task.title())
            .param("instructions", task.instructions())
            .param("contactId", contact == null ? null : contact.id())
            .param("contactName", contact == null ? null : contact.fullName())
            .param("contactRole", contact == null ? null : Sql.nameOrNull(contact.role()))
            .param("contactTitle", contact == null ? null : contact.title())
            .param("contactEmail", contact == null ? null : contact.email())
            .param("contactPhone", contact == null ? null : contact.phone())
            .param("contactLinkedin", contact == null ? null : contact.linkedinUrl())
            .param("detached", detached)
            .param("stepId", task.stepId())
            .param("reason", task.reason())
            .param("score", task.score())
            .param("outcomes", Sql.joinNames(task.outcomes()))
            .param("dueAt", Sql.ts(task.dueAt()))
            .param("createdAt", Sql.ts(task.createdAt()))
            .update()
        == 1;
  }

  /** Closes the task if it is still OPEN. @return false when it was closed already (or unknown) */
  public boolean close(TaskClose close) {
    if (close.state() == TaskState.OPEN) throw new IllegalArgumentException("closing a task needs a final state");
    return jdbc.sql(
                "update sdr_tasks set state = :state, outcome = :outcome, note = :note, closed_by = :closedBy,"
                    + " closed_at = coalesce(:closedAt, now()) where task_id = :taskId and state = 'OPEN'")
            .param("state", close.state().name())
            .param("outcome", Sql.nameOrNull(close.outcome()))
            .param("note", close.note())
            .param("closedBy", close.closedBy())
            .param("closedAt", Sql.ts(close.closedAt()))
            .param("taskId", close.taskId())
            .update()
        == 1;
  }

  public Optional<TaskRow> find(String taskId) {
    return jdbc.sql("select " + COLUMNS + " from sdr_tasks where task_id = :taskId")
        .param("taskId", taskId)
        .query(TaskInbox::row)
        .optional();
  }

  /**
   * One page of an inbox: open tasks before closed ones, hot-account alerts first, then by due date.
   *
   * @param owner the SDR, or null for everyone's
   * @param openOnly only tasks still OPEN
   */
  public List<TaskRow> inbox(String owner, boolean openOnly, int limit, int offset) {
    StringBuilder where = new StringBuilder(" where true");
    if (owner != null) where.append(" and owner = :owner");
    if (openOnly) where.append(" and state = 'OPEN'");
    JdbcClient.StatementSpec statement =
        jdbc.sql("select " + COLUMNS + " from sdr_tasks" + where + INBOX_ORDER + " limit :limit offset :offset")
            .param("limit", limit)
            .param("offset", offset);
    if (owner != null) statement = statement.param("owner", owner);
    return statement.query(TaskInbox::row).list();
  }

  /** Open tasks of one SDR (or everyone's, for null): the inbox badge. */
  public int countOpen(String owner) {
    String where = owner == null ? "" : " and owner = :owner";
    JdbcClient.StatementSpec statement =
        jdbc.sql("select count(*) from sdr_tasks where state = 'OPEN'" + where);
    if (owner != null) statement = statement.param("owner", owner);
    return statement.query(Integer.class).single();
  }

  /** A sequence's tasks, oldest first. */
  public List<TaskRow> forWorkflow(String workflowId) {
    return jdbc.sql("select " + COLUMNS + " from sdr_tasks where workflow_id = :workflowId order by created_at, task_id")
        .param("workflowId", workflowId)
        .query(TaskInbox::row)
        .list();
  }

  private static TaskRow row(ResultSet rs, int rowNum) throws SQLException {
    return new TaskRow(
        rs.getString("task_id"),
        rs.getString("workflow_id"),
        rs.getString("account_id"),
        rs.getString("account_name"),
        rs.getString("owner"),
        TaskType.valueOf(rs.getString("type")),
        rs.getString("title"),
        rs.getString("instructions"),
        rs.getString("contact_id"),
        rs.getString("contact_name"),
        Sql.enumOrNull(Role.class, rs.getString("contact_role")),
        rs.getString("contact_title"),
        rs.getString("contact_email"),
        rs.getString("contact_phone"),
        rs.getString("step_id"),
        rs.getString("reason"),
        rs.getInt("score"),
        Sql.splitNames(rs.getString("outcomes"), TaskOutcome::valueOf),
        TaskState.valueOf(rs.getString("state")),
        Sql.enumOrNull(TaskOutcome.class, rs.getString("outcome")),
        rs.getString("note"),
        rs.getString("closed_by"),
        Sql.instant(rs, "due_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "closed_at"),
        rs.getString("contact_linkedin"));
  }
}
