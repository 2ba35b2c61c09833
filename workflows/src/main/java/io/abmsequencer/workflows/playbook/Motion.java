package io.abmsequencer.workflows.playbook;

/** What a sequence is for: winning a new logo, or growing inside a customer. */
public enum Motion {
  NEW_LOGO("new-logo"),
  EXPANSION("expansion");

  private final String slug;

  Motion(String slug) {
    this.slug = slug;
  }

  /** The form used in workflow ids, e.g. {@code abm-new-logo-acme}. */
  public String slug() {
    return slug;
  }

  public String label() {
    return this == NEW_LOGO ? "New-logo" : "Expansion";
  }
}
