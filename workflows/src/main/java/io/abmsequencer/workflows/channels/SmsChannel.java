package io.abmsequencer.workflows.channels;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Sends text messages to buying-committee members who consented to them. */
@ActivityInterface
public interface SmsChannel {

  /**
   * Sends one text message, at most once per {@link TouchKey}. Returns {@code SKIPPED} without a
   * phone or SMS consent, {@code SUPPRESSED} for a suppressed number, {@code DRY_RUN} while the
   * channel runs dry.
   */
  @ActivityMethod(name = "SendSms")
  TouchResult send(SmsTouch touch);
}
