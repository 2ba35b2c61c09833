package io.abmsequencer.workflows.playbook;

/** Work the SDR does by hand. HOT_ACCOUNT is the alert raised when the score crosses a threshold. */
public enum TaskType {
  CALL("Call"),
  LINKEDIN("LinkedIn touch"),
  MANUAL_EMAIL("Personal email"),
  DIRECT_MAIL("Direct mail"),
  HOT_ACCOUNT("Hot-account alert"),
  REPLY_RECEIVED("Reply received");

  private final String label;

  TaskType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
