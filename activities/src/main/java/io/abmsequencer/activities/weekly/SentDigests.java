package io.abmsequencer.activities.weekly;

import io.abmsequencer.activities.WorkerSide;
import io.abmsequencer.activities.db.Sql;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code digests}: one row per owner and week, the idempotency record of the Monday digest. */
@WorkerSide
@Repository
public class SentDigests {

  public enum Status {
    /** Written right before the SMTP transaction; still so after a failed or interrupted attempt. */
    SENDING,
    SENT,
    /** Nothing to report: no e-mail that week. */
    EMPTY,
    /** Refused for good (bad address): not retried. */
    FAILED
  }

  /** One row: the content is fixed on the first attempt so a retry sends the very same message. */
  public record Row(String owner, LocalDate week, String recipient, Status status, String summary, String subject, String textBody,
      String htmlBody, String messageId, String detail, Instant sentAt) {}

  private final JdbcClient jdbc;

  public SentDigests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Row> find(String owner, LocalDate week) {
    return jdbc.sql("select * from digests where owner = :owner and week = :week")
        .param("owner", owner).param("week", week)
        .query((rs, n) -> new Row(rs.getString("owner"), rs.getObject("week", LocalDate.class), rs.getString("recipient"),
            Status.valueOf(rs.getString("status")), rs.getString("summary"), rs.getString("subject"), rs.getString("text_body"),
            rs.getString("html_body"), rs.getString("message_id"), rs.getString("detail"), Sql.instant(rs, "sent_at")))
        .optional();
  }

  /**
   * Records the week's message before it is sent (or EMPTY when there is none).
   *
   * @return false when the week already has a row (another attempt got there first): read it again
   */
  public boolean insert(Row row) {
    return jdbc.sql("""
            insert into digests (owner, week, recipient, status, summary, subject, text_body, html_body, message_id)
            values (:owner, :week, :recipient, :status, :summary, :subject, :text, :html, :messageId)
            on conflict (owner, week) do nothing
            """)
        .param("owner", row.owner()).param("week", row.week()).param("recipient", row.recipient())
        .param("status", row.status().name()).param("summary", row.summary()).param("subject", row.subject())
        .param("text", row.textBody()).param("html", row.htmlBody()).param("messageId", row.messageId())
        .update() == 1;
  }

  /** The outcome of a SENDING row, for good. */
  public void complete(String owner, LocalDate week, Status status, String detail, Instant at) {
    jdbc.sql("update digests set status = :status, detail = :detail, sent_at = :at where owner = :owner and week = :week and status = 'SENDING'")
        .param("status", status.name()).param("detail", detail).param("at", Sql.ts(at))
        .param("owner", owner).param("week", week)
        .update();
  }

  /** A failed attempt's reason, kept while the row waits for the retry. */
  public void note(String owner, LocalDate week, String detail) {
    jdbc.sql("update digests set detail = :detail where owner = :owner and week = :week and status = 'SENDING'")
        .param("detail", detail).param("owner", owner).param("week", week).update();
  }
}
