package io.abmsequencer.workflows.channels;

/**
 * The idempotency key of one touch: the ledger holds at most one row per key, so a retried or
 * replayed activity never sends twice. Free of PII.
 *
 * @param stepKey {@code playbookId@version/stepId}, with {@code #n} appended after the n-th playbook switch
 */
public record TouchKey(String workflowId, String stepKey, String contactId) {

  public String value() {
    return workflowId + "/" + stepKey + "/" + contactId;
  }

  @Override
  public String toString() {
    return value();
  }
}
