package io.abmsequencer.workflows.testing;

import io.abmsequencer.workflows.channels.AdAudiences;
import io.abmsequencer.workflows.channels.AudienceResult;
import io.abmsequencer.workflows.channels.AudienceSync;
import io.abmsequencer.workflows.channels.EmailChannel;
import io.abmsequencer.workflows.channels.EmailTouch;
import io.abmsequencer.workflows.channels.PlaybookCatalog;
import io.abmsequencer.workflows.channels.PlaybookLookup;
import io.abmsequencer.workflows.channels.ReviewClose;
import io.abmsequencer.workflows.channels.ReviewOpen;
import io.abmsequencer.workflows.channels.Reviews;
import io.abmsequencer.workflows.channels.SdrTasks;
import io.abmsequencer.workflows.sequence.SequenceRecords;
import io.abmsequencer.workflows.sequence.SequenceSnapshot;
import io.abmsequencer.workflows.channels.SmsChannel;
import io.abmsequencer.workflows.channels.SmsTouch;
import io.abmsequencer.workflows.channels.TaskClose;
import io.abmsequencer.workflows.channels.TaskOpen;
import io.abmsequencer.workflows.channels.TouchResult;
import io.abmsequencer.workflows.channels.TouchStatus;
import io.abmsequencer.workflows.playbook.Playbook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory channels for workflow tests: they record every call with the (skipped) test clock, so
 * tests can check what went out, to whom and when. The real adapters live in activities/ and are
 * tested against real peers there.
 */
public class FakeChannels
    implements EmailChannel, SmsChannel, AdAudiences, SdrTasks, Reviews, SequenceRecords, PlaybookCatalog {

  public record Sent(String key, String contactId, String role, String timeZone, Instant at, String text) {}

  private final LongSupplier clock;
  public final List<Sent> emails = Collections.synchronizedList(new ArrayList<>());
  public final List<Sent> texts = Collections.synchronizedList(new ArrayList<>());
  public final List<AudienceSync> audiences = Collections.synchronizedList(new ArrayList<>());
  public final Map<String, TaskOpen> tasks = Collections.synchronizedMap(new LinkedHashMap<>());
  public final List<TaskClose> taskCloses = Collections.synchronizedList(new ArrayList<>());
  public final Map<String, ReviewOpen> reviews = Collections.synchronizedMap(new LinkedHashMap<>());
  public final List<ReviewClose> reviewCloses = Collections.synchronizedList(new ArrayList<>());
  public final List<SequenceSnapshot> snapshots = Collections.synchronizedList(new ArrayList<>());
  /** Keys sent more than once: must stay empty. */
  public final List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
  /** Contact ids whose e-mail bounces. */
  public final Set<String> bouncing = ConcurrentHashMap.newKeySet();
  /** Contact id → how long a sending cap defers their next e-mail (once). */
  public final Map<String, java.time.Duration> deferOnce = new ConcurrentHashMap<>();
  /** E-mails answered DEFERRED, by key. */
  public final List<String> deferrals = Collections.synchronizedList(new ArrayList<>());
  private volatile Instant lastDeferredUntil;
  public final Map<String, Playbook> catalog = new ConcurrentHashMap<>();
  /** The read model's next writes that fail, as while its database is down. */
  public final java.util.concurrent.atomic.AtomicInteger failingRecords = new java.util.concurrent.atomic.AtomicInteger();
  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  public FakeChannels(LongSupplier clock) {
    this.clock = clock;
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.getAsLong());
  }

  @Override
  public TouchResult send(EmailTouch t) {
    java.time.Duration defer = deferOnce.remove(t.contact().id());
    if (defer != null) {
      deferrals.add(t.key().value());
      lastDeferredUntil = now().plus(defer);
      return TouchResult.deferred(lastDeferredUntil, "per-contact cap: 2 e-mails in the last 7 days");
    }
    if (!keys.add(t.key().value())) duplicates.add(t.key().value());
    if (bouncing.contains(t.contact().id())) return new TouchResult(TouchStatus.BOUNCED, null, "550 5.1.1 no such user");
    emails.add(new Sent(t.key().value(), t.contact().id(), t.contact().role().name(), t.contact().timeZone(), now(), t.subject() + " | " + t.body()));
    return new TouchResult(TouchStatus.SENT, "<" + t.key().value().hashCode() + "@test>", null);
  }

  @Override
  public TouchResult send(SmsTouch t) {
    if (!keys.add(t.key().value())) duplicates.add(t.key().value());
    texts.add(new Sent(t.key().value(), t.contact().id(), t.contact().role().name(), t.contact().timeZone(), now(), t.body()));
    return new TouchResult(TouchStatus.DRY_RUN, null, "dry run");
  }

  @Override
  public AudienceResult sync(AudienceSync sync) {
    if (!keys.add(sync.key().value())) duplicates.add(sync.key().value());
    audiences.add(sync);
    return new AudienceResult(sync.contacts().size(), TouchStatus.DRY_RUN, "dry run");
  }

  /** Sequences that took their committee out of every audience when they ended. */
  public final List<String> audiencesLeft = Collections.synchronizedList(new ArrayList<>());

  @Override
  public AudienceResult leaveAll(io.abmsequencer.workflows.channels.AudienceCleanup cleanup) {
    audiencesLeft.add(cleanup.workflowId());
    return new AudienceResult(0, TouchStatus.DRY_RUN, "left");
  }

  @Override
  public void open(TaskOpen task) {
    tasks.putIfAbsent(task.taskId(), task);
  }

  @Override
  public void close(TaskClose close) {
    taskCloses.add(close);
  }

  @Override
  public void open(ReviewOpen review) {
    reviews.putIfAbsent(review.reviewId(), review);
  }

  @Override
  public void close(ReviewClose close) {
    reviewCloses.add(close);
  }

  @Override
  public void record(SequenceSnapshot snapshot) {
    if (failingRecords.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new IllegalStateException("the read model's database is down");
    snapshots.add(snapshot);
  }

  @Override
  public Playbook find(PlaybookLookup lookup) {
    if (lookup.playbookId() != null) return catalog.get(lookup.playbookId());
    return catalog.values().stream()
        .filter(p -> p.motion() == lookup.motion() && p.tier() == lookup.tier())
        .findFirst()
        .orElse(null);
  }

  /** Tasks opened and not closed yet, oldest first. */
  public List<TaskOpen> openTasks() {
    Set<String> closed = ConcurrentHashMap.newKeySet();
    synchronized (taskCloses) {
      taskCloses.forEach(c -> closed.add(c.taskId()));
    }
    synchronized (tasks) {
      return tasks.values().stream().filter(t -> !closed.contains(t.taskId())).toList();
    }
  }

  public List<ReviewOpen> openReviews() {
    Set<String> closed = ConcurrentHashMap.newKeySet();
    synchronized (reviewCloses) {
      reviewCloses.forEach(c -> closed.add(c.reviewId()));
    }
    synchronized (reviews) {
      return reviews.values().stream().filter(r -> !closed.contains(r.reviewId())).toList();
    }
  }

  /** The "not before" of the last deferral: when the deferred touch may go out. */
  public Instant lastDeferredUntil() {
    return lastDeferredUntil;
  }

  public SequenceSnapshot lastSnapshot() {
    synchronized (snapshots) {
      return snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
    }
  }
}
