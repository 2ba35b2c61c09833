package io.abmsequencer.workflows.playbook;

/** Reads playbook YAML into a {@link Playbook}, reporting every problem with its line and path. */
public final class PlaybookParser {
  private PlaybookParser() {}

  /**
   * Parses and validates. The result has version 0; the store assigns versions.
   *
   * @throws PlaybookValidationException listing every problem found
   */
  public static Playbook parse(String yaml) {
    throw new UnsupportedOperationException("being written");
  }
}
