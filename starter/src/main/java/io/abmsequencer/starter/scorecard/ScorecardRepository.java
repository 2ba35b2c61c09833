package io.abmsequencer.starter.scorecard;

import io.abmsequencer.starter.scorecard.Scorecard.Metrics;
import io.abmsequencer.starter.scorecard.Scorecard.Trend;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Motion;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.ExitReason;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The scorecard's SQL. Five statements, each over the filter's sequences (the "scope"): account
 * metrics and committee coverage are grouped per playbook and in total in one pass each (GROUPING
 * SETS), the correlated lookups use the indexes on engagement events, stages and touches, and the
 * trend is bucketed by week in the database and accumulated here. On 5,000 sequences with their
 * committees, touches and events it answers in well under a second.
 *
 * <p>Times written by workflows (start, exit) are only bounded from below: they follow Temporal's
 * clock, which may run ahead of the database's (the embedded test server skips time).
 */
@Repository
class ScorecardRepository {
  static final Duration ENGAGED_WINDOW = Duration.ofDays(30);

  private final JdbcClient jdbc;

  ScorecardRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Scorecard scorecard(ScorecardFilter filter, Instant now) {
    Instant from = now.minus(Duration.ofDays(filter.days()));
    Map<String, Object> params = new HashMap<>();
    params.put("from", ts(from));
    params.put("to", ts(now));
    params.put("engagedSince", ts(now.minus(ENGAGED_WINDOW)));
    String scope = scope(filter, params);

    Map<GroupKey, Metrics> groups = new LinkedHashMap<>();
    Map<String, String> names = playbookNames();
    accounts(scope, params).forEach(r -> groups.put(r.key(), r.withName(names.get(r.playbookId()))));
    coverage(scope, params).forEach((key, c) -> groups.computeIfPresent(key, (k, m) -> c.apply(m)));
    exits(scope, params).forEach((key, reasons) -> groups.computeIfPresent(key, (k, m) -> withExits(m, reasons)));

    Metrics total = groups.remove(GroupKey.TOTAL);
    List<Metrics> byPlaybook = new ArrayList<>(groups.values());
    byPlaybook.sort(Comparator.comparing((Metrics m) -> m.motion().ordinal()).thenComparing(m -> m.tier().ordinal())
        .thenComparing(Metrics::playbookId));
    return new Scorecard(filter, from, now, total, byPlaybook, trend(scope, params, filter.weeks(), now));
  }

  /** The filter's sequences: live at some point in the period. */
  private static String scope(ScorecardFilter filter, Map<String, Object> params) {
    StringBuilder where = new StringBuilder("(s.exited_at is null or s.exited_at >= :from)");
    if (filter.motion() != null) {
      where.append(" and s.motion = :motion");
      params.put("motion", filter.motion().name());
    }
    if (filter.tier() != null) {
      where.append(" and s.tier = :tier");
      params.put("tier", filter.tier().name());
    }
    if (filter.playbookId() != null) {
      where.append(" and s.playbook_id = :playbookId");
      params.put("playbookId", filter.playbookId());
    }
    return "scope as (select s.workflow_id, s.account_id, s.motion, s.tier, s.playbook_id, s.score, s.exit_reason, s.exited_at,"
        + " s.started_at from sequences s where " + where + ")";
  }

  /** A playbook group, or the total ({@code grouping(...) = 7}: every column rolled up). */
  record GroupKey(String motion, String tier, String playbookId) {
    static final GroupKey TOTAL = new GroupKey(null, null, null);
  }

  private record AccountRow(GroupKey key, String playbookId, Metrics metrics) {
    Metrics withName(String name) {
      Metrics m = metrics;
      return new Metrics(m.motion(), m.tier(), m.playbookId(), name, m.accounts(), m.engagedAccounts(), 0, 0, 0, 0, m.averageScore(),
          m.meetings(), m.opportunities(), Map.of());
    }
  }

  private List<AccountRow> accounts(String scope, Map<String, Object> params) {
    String sql = "with " + scope + ","
        + " flags as (select sc.*,"
        + "   exists (select 1 from engagement_events e where e.account_id = sc.account_id"
        + "           and e.occurred_at >= :engagedSince and e.occurred_at <= :to) as engaged,"
        + "   (sc.exit_reason = 'MEETING_BOOKED' or exists (select 1 from engagement_events e where e.account_id = sc.account_id"
        + "           and e.type = 'MEETING_BOOKED' and e.occurred_at >= :from and e.occurred_at <= :to)) as meeting,"
        + "   (sc.exit_reason = 'OPPORTUNITY_CREATED' or exists (select 1 from account_stages a where a.account_id = sc.account_id"
        + "           and a.stage = 'OPPORTUNITY' and a.changed_at >= :from and a.changed_at <= :to)) as opportunity"
        + "  from scope sc)"
        + " select motion, tier, playbook_id, grouping(motion, tier, playbook_id) as rollup,"
        + "   count(distinct account_id) as accounts,"
        + "   count(distinct account_id) filter (where engaged) as engaged_accounts,"
        + "   avg(score) as average_score,"
        + "   count(distinct account_id) filter (where meeting) as meetings,"
        + "   count(distinct account_id) filter (where opportunity) as opportunities"
        + " from flags group by grouping sets ((motion, tier, playbook_id), ())";
    return jdbc.sql(sql).params(params).query((rs, n) -> {
      boolean total = rs.getInt("rollup") != 0;
      GroupKey key = total ? GroupKey.TOTAL : new GroupKey(rs.getString("motion"), rs.getString("tier"), rs.getString("playbook_id"));
      Double average = rs.getObject("average_score") == null ? null : rs.getDouble("average_score");
      Metrics m = new Metrics(total ? null : Motion.valueOf(key.motion()), total ? null : Tier.valueOf(key.tier()), key.playbookId(), null,
          rs.getLong("accounts"), rs.getLong("engaged_accounts"), 0, 0, 0, 0, average, rs.getLong("meetings"), rs.getLong("opportunities"),
          Map.of());
      return new AccountRow(key, key.playbookId(), m);
    }).list();
  }

  private interface Coverage {
    Metrics apply(Metrics m);
  }

  private Map<GroupKey, Coverage> coverage(String scope, Map<String, Object> params) {
    String person = "(account_id || '/' || contact_id)";
    String sql = "with " + scope + ","
        + " committee as (select sc.motion, sc.tier, sc.playbook_id, sc.account_id, c.contact_id,"
        + "   exists (select 1 from touches t where t.workflow_id = sc.workflow_id and t.contact_id = c.contact_id"
        + "           and t.channel in ('EMAIL', 'SMS') and t.status in ('SENT', 'DRY_RUN')) as contacted,"
        + "   exists (select 1 from engagement_events e where e.account_id = sc.account_id and lower(e.contact_email) = lower(c.email)"
        + "           and e.occurred_at >= :from and e.occurred_at <= :to) as engaged"
        + "  from scope sc join sequence_contacts c on c.workflow_id = sc.workflow_id)"
        + " select motion, tier, playbook_id, grouping(motion, tier, playbook_id) as rollup,"
        + "   count(distinct " + person + ") as contacts,"
        + "   count(distinct " + person + ") filter (where contacted) as contacted,"
        + "   count(distinct " + person + ") filter (where engaged) as engaged,"
        + "   count(distinct account_id) filter (where engaged) as accounts_engaged"
        + " from committee group by grouping sets ((motion, tier, playbook_id), ())";
    Map<GroupKey, Coverage> out = new HashMap<>();
    jdbc.sql(sql).params(params).query((rs, n) -> {
      GroupKey key = rs.getInt("rollup") != 0 ? GroupKey.TOTAL
          : new GroupKey(rs.getString("motion"), rs.getString("tier"), rs.getString("playbook_id"));
      long contacts = rs.getLong("contacts");
      long contacted = rs.getLong("contacted");
      long engaged = rs.getLong("engaged");
      long accounts = rs.getLong("accounts_engaged");
      out.put(key, m -> new Metrics(m.motion(), m.tier(), m.playbookId(), m.playbookName(), m.accounts(), m.engagedAccounts(), contacts,
          contacted, engaged, accounts, m.averageScore(), m.meetings(), m.opportunities(), m.exitsByReason()));
      return key;
    }).list();
    return out;
  }

  private Map<GroupKey, Map<ExitReason, Long>> exits(String scope, Map<String, Object> params) {
    String sql = "with " + scope
        + " select motion, tier, playbook_id, grouping(motion, tier, playbook_id) as rollup, exit_reason, count(*) as n"
        + " from scope where exit_reason is not null"
        + " group by grouping sets ((motion, tier, playbook_id, exit_reason), (exit_reason))";
    Map<GroupKey, Map<ExitReason, Long>> out = new HashMap<>();
    jdbc.sql(sql).params(params).query((rs, n) -> {
      GroupKey key = rs.getInt("rollup") != 0 ? GroupKey.TOTAL
          : new GroupKey(rs.getString("motion"), rs.getString("tier"), rs.getString("playbook_id"));
      out.computeIfAbsent(key, k -> new EnumMap<>(ExitReason.class)).put(ExitReason.valueOf(rs.getString("exit_reason")), rs.getLong("n"));
      return key;
    }).list();
    return out;
  }

  private static Metrics withExits(Metrics m, Map<ExitReason, Long> reasons) {
    Map<ExitReason, Long> sorted = new LinkedHashMap<>();
    reasons.entrySet().stream()
        .sorted(Map.Entry.<ExitReason, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return new Metrics(m.motion(), m.tier(), m.playbookId(), m.playbookName(), m.accounts(), m.engagedAccounts(), m.contacts(), m.contacted(),
        m.engagedContacts(), m.accountsWithEngagedBuyer(), m.averageScore(), m.meetings(), m.opportunities(), sorted);
  }

  /**
   * Week k (1..n) ends at {@code to - (n - k) weeks}. An account counts from the week its first
   * sequence started; its events count from the week they happened or, if earlier, the week the
   * account started. Both land in a bucket here and are summed up week by week below.
   */
  private List<Trend> trend(String scope, Map<String, Object> params, int weeks, Instant now) {
    Map<String, Object> p = new HashMap<>(params);
    p.put("weeks", weeks);
    String bucket = "greatest(1, :weeks - floor(extract(epoch from (:to - %s)) / 604800)::int)";
    String sql = "with " + scope + ","
        + " accounts as (select account_id, least(min(started_at), :to) as started from scope group by account_id),"
        + " " + weights()
        + " select 'A' as kind, " + bucket.formatted("started") + " as k, count(*)::bigint as n from accounts group by 2"
        + " union all"
        + " select 'P', " + bucket.formatted("greatest(e.occurred_at, a.started)") + ", sum(w.points)::bigint"
        + "   from accounts a join engagement_events e on e.account_id = a.account_id and e.occurred_at <= :to"
        + "   join weights w on w.type = e.type group by 2";
    long[] accounts = new long[weeks + 1];
    long[] points = new long[weeks + 1];
    jdbc.sql(sql).params(p).query((rs, n) -> {
      int k = Math.min(weeks, rs.getInt("k"));
      if ("A".equals(rs.getString("kind"))) accounts[k] += rs.getLong("n");
      else points[k] += rs.getLong("n");
      return k;
    }).list();
    List<Trend> trend = new ArrayList<>(weeks);
    long a = 0;
    long sum = 0;
    for (int k = 1; k <= weeks; k++) {
      a += accounts[k];
      sum += points[k];
      Instant end = now.minus(Duration.ofDays(7L * (weeks - k)));
      trend.add(new Trend(end.atZone(ZoneOffset.UTC).toLocalDate(), a, a == 0 ? null : (double) sum / a));
    }
    return trend;
  }

  /** The default weights as a VALUES list (enum names and integers only: nothing from a user). */
  static String weights() {
    return Arrays.stream(EngagementType.values())
        .map(t -> "('" + t.name() + "', " + t.defaultWeight() + ")")
        .collect(Collectors.joining(", ", "weights (type, points) as (values ", ")"));
  }

  /** Each playbook's name as of its latest version. */
  Map<String, String> playbookNames() {
    Map<String, String> names = new HashMap<>();
    jdbc.sql("select distinct on (id) id, name from playbooks order by id, version desc")
        .query((rs, n) -> names.put(rs.getString("id"), rs.getString("name"))).list();
    return names;
  }

  /** The playbooks that have sequences, for the filter. */
  List<String> playbookIds() {
    return jdbc.sql("select distinct playbook_id from sequences order by 1").query(String.class).list();
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
