package io.abmsequencer.workflows.playbook;

import io.abmsequencer.workflows.calendar.BusinessCalendar;
import java.util.List;

/**
 * A versioned, tiered sequence of touches for one motion. A running sequence holds a snapshot of
 * the version it started with; uploading the same id again makes a new version and never changes
 * a running sequence.
 *
 * @param version assigned on upload; 0 before that
 * @param exitOn outside events that end the sequence
 * @param closedWonHandover id of the expansion playbook a closed-won account moves into, or null
 * @param tracking what the e-mails track (clicks by default, not opens)
 */
public record Playbook(
    String id,
    int version,
    String name,
    String description,
    Motion motion,
    Tier tier,
    BusinessCalendar calendar,
    Scoring scoring,
    List<ExitTrigger> exitOn,
    String closedWonHandover,
    List<Step> steps,
    Tracking tracking) {

  public Playbook {
    exitOn = exitOn == null ? List.of(ExitTrigger.values()) : List.copyOf(exitOn);
    steps = List.copyOf(steps);
    if (scoring == null) scoring = Scoring.defaults();
    if (tracking == null) tracking = Tracking.DEFAULT;
  }

  public Playbook(
      String id, int version, String name, String description, Motion motion, Tier tier, BusinessCalendar calendar,
      Scoring scoring, List<ExitTrigger> exitOn, String closedWonHandover, List<Step> steps) {
    this(id, version, name, description, motion, tier, calendar, scoring, exitOn, closedWonHandover, steps, null);
  }

  public Playbook withVersion(int newVersion) {
    return new Playbook(id, newVersion, name, description, motion, tier, calendar, scoring, exitOn, closedWonHandover, steps, tracking);
  }

  /** {@code id@version}, as shown to ops. */
  public String ref() {
    return id + "@" + version;
  }

  public boolean exitsOn(ExitTrigger trigger) {
    return exitOn.contains(trigger);
  }

  public Step step(String stepId) {
    for (Step step : steps) if (step.id().equals(stepId)) return step;
    return null;
  }
}
