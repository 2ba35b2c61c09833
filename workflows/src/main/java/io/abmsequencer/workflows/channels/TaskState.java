package io.abmsequencer.workflows.channels;

/** Life of an SDR task or review in the inbox. */
public enum TaskState {
  OPEN,
  DONE,
  EXPIRED,
  CANCELLED
}
