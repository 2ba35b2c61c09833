package io.abmsequencer.workflows.channels;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The SDR task inbox. */
@ActivityInterface
public interface SdrTasks {

  /** Puts the task in the owner's inbox; idempotent by task id. */
  @ActivityMethod(name = "OpenSdrTask")
  void open(TaskOpen task);

  /** Closes the task with its outcome; closing a closed task changes nothing. */
  @ActivityMethod(name = "CloseSdrTask")
  void close(TaskClose close);
}
