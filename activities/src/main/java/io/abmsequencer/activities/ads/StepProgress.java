package io.abmsequencer.activities.ads;

import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.AdPlatform;
import io.abmsequencer.workflows.playbook.AudienceAction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where an ads step stands, in the words its ledger row shows: from the membership rows that carry
 * its changes. Pure: no database, no clock.
 */
final class StepProgress {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final List<AudienceMember> rows;

  StepProgress(List<AudienceMember> rows) {
    this.rows = List.copyOf(rows);
  }

  boolean pending() {
    return rows.stream().anyMatch(r -> r.state().pending());
  }

  /** The ledger outcome once nothing is pending: SENT, FAILED when the platform refused any, SKIPPED when nothing is left. */
  TouchStatus outcome() {
    if (rows.isEmpty()) return TouchStatus.SKIPPED;
    return rows.stream().anyMatch(r -> r.state() == MembershipState.FAILED) ? TouchStatus.FAILED : TouchStatus.SENT;
  }

  /**
   * {@code 3 contacts added to LinkedIn, Google audience 'fintech-execs'} when all went through;
   * else that headline and, per platform, what was done, what waits (until when, why) and what
   * failed (the platform's words).
   */
  String describe() {
    if (rows.isEmpty()) return "nothing left to send: every change of this step was withdrawn or taken over before it went out";
    AudienceAction action = rows.get(0).action();
    String headline = contacts(rows) + (pending() ? " queued for " : action == AudienceAction.ADD ? " added to " : " removed from ")
        + platforms(rows) + " " + audiences(rows);
    boolean clean = rows.stream().allMatch(r -> r.state() != MembershipState.FAILED && r.lastError() == null);
    if (clean && !pending()) return headline;
    List<String> clauses = new ArrayList<>();
    for (AdPlatform platform : AdPlatform.values()) {
      List<AudienceMember> own = rows.stream().filter(r -> r.platform() == platform).toList();
      if (!own.isEmpty()) clauses.add(clause(platform, own, action));
    }
    String prefix = outcome() == TouchStatus.FAILED && !pending() ? "not all done: " : "";
    return prefix + headline + "; " + String.join("; ", clauses);
  }

  private static String clause(AdPlatform platform, List<AudienceMember> own, AudienceAction action) {
    List<String> parts = new ArrayList<>();
    long done = own.stream().filter(r -> r.state() == MembershipState.ACTIVE || r.state() == MembershipState.REMOVED).count();
    if (done > 0) parts.add(done + (action == AudienceAction.ADD ? " added" : " removed"));
    List<AudienceMember> waiting = own.stream().filter(r -> r.state().pending()).toList();
    if (!waiting.isEmpty()) {
      Instant next = waiting.stream().map(AudienceMember::nextAttemptAt).filter(t -> t != null).max(Instant::compareTo).orElse(null);
      String error = waiting.stream().map(AudienceMember::lastError).filter(e -> e != null).findFirst().orElse(null);
      parts.add(waiting.size() + (next == null ? " waiting" : " waiting until " + TIME.format(next)) + (error == null ? "" : " (" + error + ")"));
    }
    List<AudienceMember> failed = own.stream().filter(r -> r.state() == MembershipState.FAILED).toList();
    if (!failed.isEmpty()) {
      Map<String, Long> byError = failed.stream()
          .collect(Collectors.groupingBy(r -> r.lastError() == null ? "refused" : r.lastError(), TreeMap::new, Collectors.counting()));
      byError.forEach((error, n) -> parts.add(n + " failed: " + error));
    }
    return name(platform) + " " + String.join(", ", parts);
  }

  static String name(AdPlatform platform) {
    return platform == AdPlatform.LINKEDIN ? "LinkedIn" : "Google";
  }

  /** {@code LinkedIn, Google} in the platforms' order. */
  static String platforms(Collection<AudienceMember> rows) {
    TreeSet<AdPlatform> platforms = rows.stream().map(AudienceMember::platform).collect(Collectors.toCollection(TreeSet::new));
    return platforms.stream().map(StepProgress::name).collect(Collectors.joining(", "));
  }

  private static String audiences(List<AudienceMember> rows) {
    TreeSet<String> names = rows.stream().map(AudienceMember::audience).collect(Collectors.toCollection(TreeSet::new));
    String quoted = names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    return (names.size() == 1 ? "audience " : "audiences ") + quoted;
  }

  static String contacts(long n) {
    return n + (n == 1 ? " contact" : " contacts");
  }

  private static String contacts(List<AudienceMember> rows) {
    return contacts(rows.stream().map(AudienceMember::contactId).distinct().count());
  }
}
