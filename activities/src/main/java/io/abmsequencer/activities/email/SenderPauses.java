package io.abmsequencer.activities.email;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.activities.ledger.Channel;
import io.abmsequencer.activities.ledger.TouchMetrics;
import io.abmsequencer.workflows.channels.TouchKey;
import io.abmsequencer.workflows.channels.TouchResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Senders paused by a burst of policy refusals (tables {@code policy_blocks}, {@code sender_pauses}).
 * A server that answers {@code 554 5.7.1 Relay access denied}, or refuses our mail under a DMARC or
 * spam policy, refuses every e-mail from that sender until someone fixes the cause (relay
 * credentials, SPF/DKIM, the From domain): {@code abm.mail.policy-blocks.burst} such refusals within
 * {@code .window} pause the sender, so the rest of its e-mails wait (deferred, asking again every
 * {@code .recheck}) instead of each failing in turn. The pause holds until a person resumes it; the
 * console shows it on every page and {@code GET /api/system} lists it. Shared by every worker and the
 * starter through the database.
 */
@Repository
public class SenderPauses {
  private static final Logger log = LoggerFactory.getLogger(SenderPauses.class);

  /** A sender whose e-mails wait. @param blocks the refusals that paused it; @param lastReply the last, in the server's words */
  public record Pause(String sender, Instant pausedAt, int blocks, String lastReply) {}

  private final JdbcClient jdbc;
  private final TouchMetrics metrics;
  private final MailSettings.PolicyBlocks settings;
  private final Clock clock;

  public SenderPauses(JdbcClient jdbc, TouchMetrics metrics, MailSettings settings, ObjectProvider<Clock> clock) {
    this.jdbc = jdbc;
    this.metrics = metrics;
    this.settings = settings.policyBlocks();
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** The pause of this sender mailbox, if it is paused. */
  public Optional<Pause> find(String sender) {
    return jdbc.sql("select sender, paused_at, blocks, last_reply from sender_pauses where sender = :sender and resumed_at is null")
        .param("sender", normalize(sender))
        .query(SenderPauses::row)
        .optional();
  }

  /** Every paused sender, the latest pause first. */
  public List<Pause> paused() {
    return jdbc.sql("select sender, paused_at, blocks, last_reply from sender_pauses where resumed_at is null order by paused_at desc, sender")
        .query(SenderPauses::row)
        .list();
  }

  /** A touch from a paused sender waits: {@code DEFERRED} for {@code recheck}, saying why and what ends it. */
  public Optional<TouchResult> deferral(String sender) {
    return find(sender).map(p -> TouchResult.deferred(clock.instant().plus(settings.recheck()),
        "sender " + p.sender() + " is paused after " + p.blocks() + " policy refusals (last: " + p.lastReply() + ");"
            + " e-mails from it wait until someone fixes the cause and resumes it"));
  }

  /**
   * Records that the server refused {@code key}'s message by policy, and pauses the sender when this
   * refusal completes a burst (refusals since its last resume only). Counted in {@code
   * abm.policy.blocks}; a new pause in {@code abm.sender.pauses} and the log.
   *
   * @return the pause when this refusal started it
   */
  public Optional<Pause> policyBlock(String sender, TouchKey key, String reply) {
    String from = normalize(sender);
    metrics.policyBlock(Channel.EMAIL, from);
    jdbc.sql("insert into policy_blocks (sender, touch_key, reply) values (:sender, :key, :reply)")
        .param("sender", from).param("key", key.value()).param("reply", reply)
        .update();
    int recent = jdbc.sql("""
            select count(*) from policy_blocks
             where sender = :sender and blocked_at > now() - :millis * interval '1 millisecond'
               and blocked_at > coalesce((select resumed_at from sender_pauses where sender = :sender), '-infinity')
            """)
        .param("sender", from).param("millis", settings.window().toMillis())
        .query(Integer.class)
        .single();
    if (recent < settings.burst()) return Optional.empty();
    Optional<Pause> started = jdbc.sql("""
            insert into sender_pauses (sender, paused_at, blocks, last_reply) values (:sender, now(), :blocks, :reply)
            on conflict (sender) do update set paused_at = excluded.paused_at, blocks = excluded.blocks,
              last_reply = excluded.last_reply, resumed_at = null, resumed_by = null
             where sender_pauses.resumed_at is not null
            returning sender, paused_at, blocks, last_reply
            """)
        .param("sender", from).param("blocks", recent).param("reply", reply)
        .query(SenderPauses::row)
        .optional();
    started.ifPresent(p -> {
      metrics.senderPaused(Channel.EMAIL, from);
      log.error("E-mail from {} paused: {} policy refusals within {} (last: {}). Fix the cause, then resume it in the console.",
          from, recent, settings.window(), reply);
    });
    return started;
  }

  /** Lets the sender's e-mails go out again. @return false when it was not paused */
  public boolean resume(String sender, String by) {
    boolean resumed = jdbc.sql("update sender_pauses set resumed_at = now(), resumed_by = :by where sender = :sender and resumed_at is null")
            .param("sender", normalize(sender)).param("by", by)
            .update()
        == 1;
    if (resumed) log.info("E-mail from {} resumed by {}", normalize(sender), by);
    return resumed;
  }

  private static String normalize(String sender) {
    return sender == null ? "" : sender.trim().toLowerCase(Locale.ROOT);
  }

  private static Pause row(ResultSet rs, int n) throws SQLException {
    return new Pause(rs.getString("sender"), Sql.instant(rs, "paused_at"), rs.getInt("blocks"), rs.getString("last_reply"));
  }
}
