package io.abmsequencer.workflows.playbook;

/** How much attention each account gets: 1:1 strategic, 1:few clusters, 1:many programmatic. */
public enum Tier {
  ONE_TO_ONE("1:1"),
  ONE_TO_FEW("1:few"),
  ONE_TO_MANY("1:many");

  private final String label;

  Tier(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
