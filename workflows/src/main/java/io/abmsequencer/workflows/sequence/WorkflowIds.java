package io.abmsequencer.workflows.sequence;

import io.abmsequencer.workflows.playbook.Motion;

/** One sequence per account and motion: a second launch of the same account is refused, not duplicated. */
public final class WorkflowIds {
  /** The only task queue sequences run on (configured once: {@code abm.task-queue}). */
  public static final String DEFAULT_TASK_QUEUE = "abm-sequences";

  private WorkflowIds() {}

  public static String of(Motion motion, String accountId) {
    return "abm-" + motion.slug() + "-" + accountId;
  }
}
