package io.abmsequencer.workflows.playbook;

/**
 * A task for the account's SDR; the sequence waits until it is completed or due.
 *
 * @param to the committee role the task is about; null for an account-level task
 */
public record TaskStep(
    String id, Guard when, TaskType type, Role to, String title, String instructions, Delay due, OnTimeout onTimeout)
    implements Step {

  @Override
  public String kind() {
    return "task";
  }

  @Override
  public String describe() {
    return type.label() + " task" + (to == null ? "" : " (" + to + ")") + ": " + title;
  }
}
