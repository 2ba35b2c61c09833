package io.abmsequencer.activities.weekly;

import io.abmsequencer.activities.db.Sql;
import io.abmsequencer.activities.weekly.WeeklyReview.Account;
import io.abmsequencer.activities.weekly.WeeklyReview.Advanced;
import io.abmsequencer.activities.weekly.WeeklyReview.Decision;
import io.abmsequencer.activities.weekly.WeeklyReview.HotAccount;
import io.abmsequencer.activities.weekly.WeeklyReview.Stalled;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.AccountStage;
import io.abmsequencer.workflows.sequence.ExitReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The weekly account review from the read model: sequences, engagement events, CRM stages, SDR
 * tasks and reviews. Four queries, each bounded by the owner's sequences and using the tables'
 * indexes; the console and the Monday digest call the same method.
 *
 * <p>"Score up in the last 7 days" is computed from the week's engagement events with the default
 * weights: the read model keeps only each sequence's current score, not its history.
 */
@Repository
public class WeeklyReviewRepository {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  /** Exits that are the best kind of progress: the account moved to sales. */
  static final List<ExitReason> ADVANCING_EXITS = List.of(ExitReason.MEETING_BOOKED, ExitReason.OPPORTUNITY_CREATED, ExitReason.CLOSED_WON);
  /** Stage moves that are progress; closed-lost and disqualified end sequences instead. */
  static final List<AccountStage> ADVANCING_STAGES = List.of(AccountStage.OPPORTUNITY, AccountStage.CLOSED_WON);

  private final JdbcClient jdbc;

  /** 1:1 first, then 1:few, then 1:many (the column holds the enum name, which sorts otherwise). */
  static String tierOrder(String column) {
    return "case " + column + " when 'ONE_TO_ONE' then 1 when 'ONE_TO_FEW' then 2 else 3 end";
  }

  public WeeklyReviewRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The review as of {@code asOf}.
   *
   * @param owner only this owner's accounts; null for everyone
   * @param tier only this tier; null for every tier
   */
  public WeeklyReview review(String owner, Tier tier, Instant asOf) {
    Instant weekAgo = asOf.minus(WeeklyReview.WEEK);
    Instant quietSince = asOf.minus(WeeklyReview.QUIET);
    return new WeeklyReview(owner, tier, asOf, advanced(owner, tier, asOf, weekAgo), stalled(owner, tier, asOf, quietSince),
        decisions(owner, tier), hot(owner, tier, weekAgo));
  }

  /** Everyone who owns a sequence, for the owner filter. */
  public List<String> owners() {
    return jdbc.sql("select distinct owner from sequences order by owner").query(String.class).list();
  }

  /** The default weights as a VALUES list (enum names and integers only: nothing from a user). */
  static String defaultWeights() {
    return Arrays.stream(EngagementType.values())
        .map(t -> "('" + t.name() + "', " + t.defaultWeight() + ")")
        .collect(Collectors.joining(", ", "weights (type, points) as (values ", ")"));
  }

  private static String filters(String alias, String owner, Tier tier) {
    return (owner == null ? "" : " and " + alias + ".owner = :owner") + (tier == null ? "" : " and " + alias + ".tier = :tier");
  }

  private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, String owner, Tier tier) {
    if (owner != null) spec = spec.param("owner", owner);
    if (tier != null) spec = spec.param("tier", tier.name());
    return spec;
  }

  private List<Advanced> advanced(String owner, Tier tier, Instant asOf, Instant weekAgo) {
    String sql = "with scope as (select workflow_id, account_id, account_name, tier, owner, score, exit_reason, exited_at"
        + " from sequences s where (s.status <> 'EXITED' or s.exited_at >= :weekAgo)" + filters("s", owner, tier) + "), "
        + defaultWeights() + ","
        + " week_events as (select sc.workflow_id, e.type, count(*) as n, sum(coalesce(w.points, 0)) as points"
        + "   from scope sc join engagement_events e on e.account_id = sc.account_id"
        + "    and e.occurred_at >= :weekAgo and e.occurred_at <= :asOf"
        + "   left join weights w on w.type = e.type group by sc.workflow_id, e.type),"
        + " stages as (select distinct on (sc.workflow_id) sc.workflow_id, a.stage"
        + "   from scope sc join account_stages a on a.account_id = sc.account_id"
        + "  where a.changed_at >= :weekAgo and a.stage in (" + quoted(ADVANCING_STAGES) + ")"
        + "  order by sc.workflow_id, a.changed_at desc)"
        + " select sc.workflow_id, sc.account_id, sc.account_name, sc.tier, sc.owner, sc.score, sc.exit_reason,"
        + "        we.type, coalesce(we.n, 0) as n, coalesce(we.points, 0) as points, st.stage"
        + "   from scope sc left join week_events we on we.workflow_id = sc.workflow_id"
        + "   left join stages st on st.workflow_id = sc.workflow_id"
        + "  where we.points > 0 or st.stage is not null"
        + "     or (sc.exit_reason in (" + quoted(ADVANCING_EXITS) + ") and sc.exited_at >= :weekAgo)"
        + "  order by " + tierOrder("sc.tier") + ", sc.score desc, sc.account_name, sc.workflow_id, we.points desc, we.type";
    record Row(Account account, String exitReason, String type, int n, int points, String stage) {}
    List<Row> rows = bind(jdbc.sql(sql), owner, tier).param("weekAgo", Sql.ts(weekAgo)).param("asOf", Sql.ts(asOf))
        .query((rs, i) -> new Row(account(rs), rs.getString("exit_reason"), rs.getString("type"), rs.getInt("n"), rs.getInt("points"),
            rs.getString("stage")))
        .list();
    Map<String, List<Row>> bySequence = new LinkedHashMap<>();
    rows.forEach(r -> bySequence.computeIfAbsent(r.account().workflowId(), k -> new ArrayList<>()).add(r));
    List<Advanced> out = new ArrayList<>();
    for (List<Row> sequence : bySequence.values()) {
      Row first = sequence.get(0);
      int points = sequence.stream().mapToInt(Row::points).sum();
      List<String> why = new ArrayList<>();
      if (first.exitReason() != null && ADVANCING_EXITS.contains(ExitReason.valueOf(first.exitReason()))) {
        why.add(ExitReason.valueOf(first.exitReason()).words());
      }
      if (first.stage() != null) why.add("stage: " + words(first.stage()));
      String events = sequence.stream().filter(r -> r.points() > 0)
          .map(r -> (r.n() > 1 ? r.n() + " × " : "") + words(r.type())).collect(Collectors.joining(", "));
      if (points > 0) why.add("+" + points + " this week (" + events + ")");
      out.add(new Advanced(first.account(), points, String.join("; ", why)));
    }
    return out;
  }

  private List<Stalled> stalled(String owner, Tier tier, Instant asOf, Instant quietSince) {
    String sql = "select * from (select s.workflow_id, s.account_id, s.account_name, s.tier, s.owner, s.score, s.started_at,"
        + "   (select max(e.occurred_at) from engagement_events e where e.account_id = s.account_id and e.occurred_at <= :asOf)"
        + "     as last_engagement,"
        + "   t.overdue, t.oldest_due"
        + "  from sequences s"
        + "  left join lateral (select count(*) as overdue, min(due_at) as oldest_due from sdr_tasks t"
        + "    where t.workflow_id = s.workflow_id and t.state = 'OPEN' and t.due_at < :asOf) t on true"
        + " where s.status <> 'EXITED'" + filters("s", owner, tier) + ") x"
        + " where x.overdue > 0 or (x.started_at <= :quietSince and (x.last_engagement is null or x.last_engagement < :quietSince))"
        + " order by " + tierOrder("x.tier") + ", x.overdue desc, x.last_engagement nulls first, x.account_name, x.workflow_id";
    return bind(jdbc.sql(sql), owner, tier).param("asOf", Sql.ts(asOf)).param("quietSince", Sql.ts(quietSince))
        .query((rs, i) -> {
          Instant last = Sql.instant(rs, "last_engagement");
          int overdue = rs.getInt("overdue");
          Instant oldestDue = Sql.instant(rs, "oldest_due");
          Instant started = Sql.instant(rs, "started_at");
          List<String> why = new ArrayList<>();
          if (!started.isAfter(quietSince) && (last == null || last.isBefore(quietSince))) {
            why.add(last == null ? "no engagement since it started " + DAY.format(started)
                : "no engagement for " + java.time.Duration.between(last, asOf).toDays() + " days (last " + DAY.format(last) + ")");
          }
          if (overdue > 0) {
            why.add(overdue + (overdue == 1 ? " overdue SDR task" : " overdue SDR tasks") + " (due " + DAY.format(oldestDue) + ")");
          }
          return new Stalled(account(rs), last, overdue, oldestDue, String.join("; ", why));
        })
        .list();
  }

  private List<Decision> decisions(String owner, Tier tier) {
    String sql = "select r.review_id, r.workflow_id, r.account_id, coalesce(s.account_name, r.account_name) as account_name, coalesce(s.tier, r.tier) as tier, r.owner,"
        + " coalesce(s.score, r.score) as score, r.question, r.created_at, r.due_at"
        + " from reviews r left join sequences s on s.workflow_id = r.workflow_id"
        + " where r.state = 'OPEN'" + (owner == null ? "" : " and r.owner = :owner")
        + (tier == null ? "" : " and coalesce(s.tier, r.tier) = :tier")
        + " order by r.due_at, r.review_id";
    return bind(jdbc.sql(sql), owner, tier)
        .query((rs, i) -> new Decision(account(rs), rs.getString("review_id"), rs.getString("question"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "due_at")))
        .list();
  }

  private List<HotAccount> hot(String owner, Tier tier, Instant weekAgo) {
    String sql = "select t.task_id, t.workflow_id, t.account_id, s.account_name, s.tier, t.owner, s.score, t.reason, t.created_at, t.state"
        + " from sdr_tasks t join sequences s on s.workflow_id = t.workflow_id"
        + " where t.type = 'HOT_ACCOUNT' and t.created_at >= :weekAgo" + (owner == null ? "" : " and t.owner = :owner")
        + (tier == null ? "" : " and s.tier = :tier")
        + " order by t.created_at desc, t.task_id";
    return bind(jdbc.sql(sql), owner, tier).param("weekAgo", Sql.ts(weekAgo))
        .query((rs, i) -> new HotAccount(account(rs), rs.getString("task_id"), rs.getString("reason"), Sql.instant(rs, "created_at"),
            rs.getString("state")))
        .list();
  }

  private static Account account(ResultSet rs) throws SQLException {
    return new Account(rs.getString("workflow_id"), rs.getString("account_id"), rs.getString("account_name"),
        Tier.valueOf(rs.getString("tier")), rs.getString("owner"), rs.getInt("score"));
  }

  private static String quoted(List<? extends Enum<?>> values) {
    return values.stream().map(v -> "'" + v.name() + "'").collect(Collectors.joining(", "));
  }

  /** PRICING_PAGE_VISIT → "pricing page visit". */
  static String words(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
