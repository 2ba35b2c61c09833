package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.account.Contact;
import io.abmsequencer.workflows.playbook.EngagementType;
import io.abmsequencer.workflows.playbook.Playbook;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything a sequence knows, in one object that continue-as-new carries over whole. Sizes are
 * bounded: recent touches and applied batch ids keep only the newest entries (the ledger keeps the
 * rest), so an 18-month sequence carries no more than a one-week one.
 */
public class SequenceState {
  static final int RECENT_TOUCHES = 20;
  static final int REMEMBERED_BATCHES = 256;

  /** The playbook followed now: null while it is the launched one (it changes on a tier change). */
  public Playbook switchedPlaybook;
  /** Bumped on every playbook switch, so step keys of a new playbook never collide with old ones. */
  public int epoch;
  public Tier tier;
  public int cursor;
  public StepProgress progress;

  public int score;
  public Map<EngagementType, Integer> engagement = new EnumMap<>(EngagementType.class);
  public Instant lastEngagementAt;
  public String lastEngagementType;
  /** Thresholds the score is at or above (an alert fires when one is entered). */
  public TreeSet<Integer> thresholdsReached = new TreeSet<>();
  /** Thresholds entered whose alert task is not raised yet. */
  public List<Integer> pendingAlerts = new ArrayList<>();
  /** Batch ids applied, newest last, to drop redeliveries. */
  public List<String> appliedBatches = new ArrayList<>();

  /** Contact id → why no e-mail may go to them (UNSUBSCRIBED, HARD_BOUNCE, ...). */
  public Map<String, String> emailOut = new LinkedHashMap<>();
  /** Contact id → why no text may go to them. */
  public Map<String, String> smsOut = new LinkedHashMap<>();
  /** People a list refresh added to the committee after launch. */
  public List<Contact> addedContacts = new ArrayList<>();
  /** Contact ids a list refresh took off the committee. */
  public java.util.Set<String> removedContacts = new java.util.TreeSet<>();
  /** The committee changed: the next read-model write carries it. */
  public boolean committeeDue;

  /** Contact id → until when they are away (out of office); their touches wait, the others go on. */
  public Map<String, Instant> away = new LinkedHashMap<>();

  public Map<String, OpenItem> openTasks = new LinkedHashMap<>();
  public Map<String, OpenItem> openReviews = new LinkedHashMap<>();

  public boolean paused;
  public Instant pausedAt;
  public ExitReason exit;
  public String exitDetail;
  public String stage;

  public int touches;
  public List<TouchSummary> recentTouches = new ArrayList<>();

  /**
   * What the read model was last told, as state (version "kept-promises"): a status change makes a
   * record due only when it changes this. Null before the first record of such a run.
   */
  public Recorded recorded;

  /** What the search attributes were last set to, so an unchanged state upserts nothing. */
  public String indexed;

  /** True once an ads step added people to an audience: the sequence takes them out when it ends. */
  public boolean joinedAudiences;

  public SequenceStatusCode status = SequenceStatusCode.RUNNING_STEP;
  public String details = "Starting";
  public Instant startedAt;
  public int runs;
  /** The read model is behind on something people act on (pause, opt-out, stage, a closed task). */
  public boolean recordDue;
  /** The read model is behind on the score only: written at most every few minutes. */
  public boolean scoreDirty;
  public Instant lastRecordAt;
  /** When the read model last took a score change (version "score-at-once"). */
  public Instant lastScoreRecordAt;

  /**
   * The part of a record that status changes alter: never words, which a copy edit or a worker's
   * locale may change while the state stays the same.
   *
   * @param nextStep the step of the next touch, or null when none is planned
   * @param nextAt when the next touch goes out, or null
   */
  public record Recorded(SequenceStatusCode status, int epoch, int cursor, Integer nextStep, Instant nextAt) {}

  /** Progress inside the current step, so a step survives continue-as-new half done. */
  public static class StepProgress {
    public String stepId;
    public Instant startedAt;
    /** End of a wait (moved later by a pause), or due date of the open task or review. */
    public Instant deadline;
    /** Contacts this step has already sent to. */
    public List<String> done = new ArrayList<>();
    /** Contact id → not before when: a sending cap deferred their touch. */
    public Map<String, Instant> deferred = new LinkedHashMap<>();
    /** The task or review this step opened. */
    public String itemId;
    /** How the task or review was closed: an outcome or decision name, or EXPIRED. */
    public String resolution;
    public Tier newTier;

    public StepProgress() {}

    StepProgress(String stepId, Instant startedAt) {
      this.stepId = stepId;
      this.startedAt = startedAt;
    }
  }

  boolean alreadyApplied(String batchId) {
    return appliedBatches.contains(batchId);
  }

  void rememberBatch(String batchId) {
    appliedBatches.add(batchId);
    while (appliedBatches.size() > REMEMBERED_BATCHES) appliedBatches.remove(0);
  }

  void addTouch(TouchSummary touch) {
    touches++;
    recentTouches.add(touch);
    while (recentTouches.size() > RECENT_TOUCHES) recentTouches.remove(0);
  }

  boolean exiting() {
    return exit != null;
  }
}
