package io.abmsequencer.starter.console.weekly;

import io.abmsequencer.starter.security.AppUsers;
import io.abmsequencer.starter.security.SecuritySettings;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.workflows.digest.DigestSchedule;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At startup, one Monday digest workflow per person with an owner identity and a time zone
 * ({@code abm-digest-<owner>}, on {@code abm.task-queue}). One already running is kept; a changed
 * address or zone is sent to it. Temporal being unreachable does not stop the app: the next start
 * tries again. {@code abm.digest.enabled=false} turns the digests off.
 */
@Component
class DigestWorkflows {
  private static final Logger log = LoggerFactory.getLogger(DigestWorkflows.class);

  /** What {@link #ensure} did for one owner. */
  enum Outcome {
    STARTED,
    RUNNING,
    /** Running, and told a new address or zone. */
    RESCHEDULED
  }

  private final AppUsers users;
  private final SequenceClient sequences;
  private final DigestSchedules told;
  private final boolean enabled;

  DigestWorkflows(AppUsers users, SequenceClient sequences, DigestSchedules told, @Value("${abm.digest.enabled:true}") boolean enabled) {
    this.users = users;
    this.sequences = sequences;
    this.told = told;
    this.enabled = enabled;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ensureAll() {
    if (!enabled) {
      log.info("Monday digests are off (abm.digest.enabled=false)");
      return;
    }
    Map<String, DigestSchedule> schedules = schedules();
    Map<Outcome, Integer> outcomes = new LinkedHashMap<>();
    for (DigestSchedule schedule : schedules.values()) {
      try {
        outcomes.merge(ensure(schedule), 1, Integer::sum);
      } catch (RuntimeException e) {
        log.warn("Could not start the Monday digest of {}: {}", schedule.owner(), e.getMessage());
      }
    }
    log.info("Monday digests for {} owner(s): {}", schedules.size(), outcomes);
  }

  /**
   * Starts the owner's workflow, or tells the running one the schedule when it differs from what it
   * was last told (the workflow's memo keeps its first start's values, so the table is the record).
   */
  Outcome ensure(DigestSchedule schedule) {
    Outcome outcome;
    if (sequences.startDigest(schedule)) {
      outcome = Outcome.STARTED;
    } else if (schedule.equals(told.find(schedule.owner()).orElse(null))) {
      return Outcome.RUNNING;
    } else {
      sequences.rescheduleDigest(schedule);
      outcome = Outcome.RESCHEDULED;
    }
    told.save(schedule);
    return outcome;
  }

  /** One schedule per owner (the first person listed with it wins), only with a zone and an address. */
  Map<String, DigestSchedule> schedules() {
    Map<String, DigestSchedule> out = new LinkedHashMap<>();
    for (SecuritySettings.User user : users.profiles()) {
      String owner = user.ownerOrUsername();
      String zone = user.timeZone();
      if (owner == null || owner.isBlank() || zone == null || zone.isBlank() || !validZone(zone)) continue;
      String email = user.email() != null && !user.email().isBlank() ? user.email().trim() : owner.contains("@") ? owner.trim() : null;
      if (email == null) {
        log.info("No Monday digest for {}: no e-mail address (set abm.security.users[n].email)", owner);
        continue;
      }
      out.putIfAbsent(owner, new DigestSchedule(owner, email, zone));
    }
    return out;
  }

  private static boolean validZone(String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      log.warn("No Monday digest: '{}' is not a time zone", zone);
      return false;
    }
  }
}
