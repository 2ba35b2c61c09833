package io.abmsequencer.starter.digest;

import io.abmsequencer.starter.security.AppUsers;
import io.abmsequencer.starter.security.SecuritySettings;
import io.abmsequencer.starter.sequence.SequenceClient;
import io.abmsequencer.workflows.digest.DigestSchedule;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At startup, the Monday digest of every person with an owner identity and a time zone.
 *
 * <p>Where the Temporal server has Schedules (the real dev server of embedded mode, any production
 * Temporal): one schedule per owner, {@code abm-digest-<owner>}, Mondays 08:00 in the owner's zone,
 * each run a {@code WeeklyDigest} workflow on {@code abm.task-queue}; ops see them on the Temporal
 * UI's Schedules page. An existing schedule is kept, a changed address or zone updates it, the
 * schedule of an owner no longer configured is deleted, and a sleeping digest workflow left from
 * before is terminated.
 *
 * <p>Where it has none (the in-memory fallback of embedded mode): one {@code OwnerDigest} workflow
 * per owner that sleeps until Monday, as before. That server forgets everything on a restart, and
 * this starts them again; a digest a restart skipped is not sent late.
 *
 * <p>Temporal being unreachable does not stop the app: the next start tries again. {@code
 * abm.digest.enabled=false} turns the digests off and deletes their schedules.
 */
@Component
class DigestWorkflows {
  private static final Logger log = LoggerFactory.getLogger(DigestWorkflows.class);

  /** What {@link #ensure} did for one owner. */
  enum Outcome {
    /** A schedule was created. */
    CREATED,
    /** The schedule says what the profile says. */
    KEPT,
    /** The schedule now has the new address or zone. */
    UPDATED,
    /** No Schedules: the sleeping workflow was started. */
    STARTED,
    /** No Schedules: the sleeping workflow runs with what it was last told. */
    RUNNING,
    /** No Schedules: the sleeping workflow runs, and was told a new address or zone. */
    RESCHEDULED
  }

  private final AppUsers users;
  private final SequenceClient sequences;
  private final DigestSchedules told;
  private final boolean enabled;
  private volatile Boolean schedulesAvailable;

  DigestWorkflows(AppUsers users, SequenceClient sequences, DigestSchedules told, DigestSettings settings) {
    this.users = users;
    this.sequences = sequences;
    this.told = told;
    this.enabled = settings.enabled();
  }

  @EventListener(ApplicationReadyEvent.class)
  void ensureAll() {
    try {
      if (!enabled) {
        log.info("Monday digests are off (abm.digest.enabled=false){}", usesSchedules() ? ": " + deleteSchedulesExcept(Set.of()) : "");
        return;
      }
      Map<String, DigestSchedule> schedules = schedules();
      if (!usesSchedules()) {
        log.info("This Temporal server has no Schedules (the in-memory fallback): each owner's Monday digest is a workflow that sleeps"
            + " until Monday ({}<owner>)", SequenceClient.digestWorkflowId(""));
      }
      Map<Outcome, Integer> outcomes = new LinkedHashMap<>();
      for (DigestSchedule schedule : schedules.values()) {
        try {
          outcomes.merge(ensure(schedule), 1, Integer::sum);
        } catch (RuntimeException e) {
          log.warn("Could not set up the Monday digest of {}: {}", schedule.owner(), e.getMessage());
        }
      }
      log.info("Monday digests for {} owner(s): {}{}", schedules.size(), outcomes,
          usesSchedules() ? "; " + deleteSchedulesExcept(schedules.keySet()) + " (Temporal UI: Schedules)" : "");
    } catch (RuntimeException e) {
      log.warn("Could not set up the Monday digests ({}): the next start tries again", e.getMessage());
    }
  }

  /** Whether this server has Schedules; asked once. */
  boolean usesSchedules() {
    if (schedulesAvailable == null) schedulesAvailable = sequences.schedulesAvailable();
    return schedulesAvailable;
  }

  /** The owner's schedule, or where there are none, the owner's sleeping workflow, as the profile says. */
  Outcome ensure(DigestSchedule schedule) {
    Outcome outcome = usesSchedules() ? ensureSchedule(schedule) : ensureWorkflow(schedule);
    if (outcome != Outcome.RUNNING) told.save(schedule);
    return outcome;
  }

  private Outcome ensureSchedule(DigestSchedule schedule) {
    Outcome outcome = switch (sequences.ensureDigestSchedule(schedule)) {
      case CREATED -> Outcome.CREATED;
      case KEPT -> Outcome.KEPT;
      case UPDATED -> Outcome.UPDATED;
    };
    // Every start, not only on creation: a start that died between the two still ends it next time.
    if (sequences.endDigestWorkflow(schedule.owner())) {
      log.info("Terminated {}, the sleeping Monday digest workflow of {}: its schedule sends the digest from now on",
          SequenceClient.digestWorkflowId(schedule.owner()), schedule.owner());
    }
    return outcome;
  }

  /**
   * Starts the owner's workflow, or tells the running one the schedule when it differs from what it
   * was last told (the workflow's memo keeps its first start's values, so the table is the record).
   */
  private Outcome ensureWorkflow(DigestSchedule schedule) {
    if (sequences.startDigest(schedule)) return Outcome.STARTED;
    if (schedule.equals(told.find(schedule.owner()).orElse(null))) return Outcome.RUNNING;
    sequences.rescheduleDigest(schedule);
    return Outcome.RESCHEDULED;
  }

  /** Deletes the digest schedules of owners not in {@code owners}; says how many. */
  private String deleteSchedulesExcept(Set<String> owners) {
    int deleted = 0;
    for (String owner : sequences.digestScheduleOwners()) {
      if (owners.contains(owner)) continue;
      sequences.deleteDigestSchedule(owner);
      log.info("Deleted the digest schedule of {}: {}", owner, enabled ? "no longer a configured owner" : "digests are off");
      deleted++;
    }
    return deleted + " schedule(s) deleted";
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
