package io.abmsequencer.bench.footprint;

import io.abmsequencer.workflows.channels.AdAudiences;
import io.abmsequencer.workflows.channels.AudienceCleanup;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Channels that keep nothing: every call is counted and answered at once. The footprint measures
 * what the worker holds for its workflows, not what test fakes remember.
 */
public class LeanChannels implements EmailChannel, SmsChannel, AdAudiences, SdrTasks, Reviews, SequenceRecords, PlaybookCatalog {
  public final AtomicLong calls = new AtomicLong();
  public final AtomicLong emails = new AtomicLong();

  @Override
  public TouchResult send(EmailTouch touch) {
    calls.incrementAndGet();
    emails.incrementAndGet();
    return new TouchResult(TouchStatus.SENT, "<" + touch.key().value().hashCode() + "@bench>", null);
  }

  @Override
  public TouchResult send(SmsTouch touch) {
    calls.incrementAndGet();
    return new TouchResult(TouchStatus.DRY_RUN, null, "dry run");
  }

  @Override
  public AudienceResult sync(AudienceSync sync) {
    calls.incrementAndGet();
    return new AudienceResult(sync.contacts().size(), TouchStatus.DRY_RUN, "dry run");
  }

  @Override
  public AudienceResult leaveAll(AudienceCleanup cleanup) {
    calls.incrementAndGet();
    return new AudienceResult(0, TouchStatus.DRY_RUN, "left");
  }

  @Override
  public void open(TaskOpen task) {
    calls.incrementAndGet();
  }

  @Override
  public void close(TaskClose close) {
    calls.incrementAndGet();
  }

  @Override
  public void open(ReviewOpen review) {
    calls.incrementAndGet();
  }

  @Override
  public void close(ReviewClose close) {
    calls.incrementAndGet();
  }

  @Override
  public void record(SequenceSnapshot snapshot) {
    calls.incrementAndGet();
  }

  @Override
  public Playbook find(PlaybookLookup lookup) {
    calls.incrementAndGet();
    return null;
  }
}
