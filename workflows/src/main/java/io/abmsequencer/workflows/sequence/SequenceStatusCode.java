package io.abmsequencer.workflows.sequence;

/** Where a sequence is, in the words ops filter by (also the AbmStatus search attribute). */
public enum SequenceStatusCode {
  RUNNING_STEP,
  WAITING,
  PAUSED,
  AWAITING_TASK,
  AWAITING_REVIEW,
  EXITED
}
