package io.abmsequencer.workflows.playbook;

/** What happens when a task or review is still open at its due date. */
public enum OnTimeout {
  /** Close it as expired and go on with the next step. */
  CONTINUE,
  /** End the sequence (reason TASK_EXPIRED or REVIEW_EXPIRED). */
  STOP
}
