package io.abmsequencer.workflows.playbook;

/**
 * One thing wrong with a playbook, located for the person fixing it.
 *
 * @param line 1-based line in the YAML, 0 when not known
 * @param column 1-based column, 0 when not known
 * @param path where in the document, e.g. {@code steps[3].email.to[1]}
 * @param message what was found and what was expected
 */
public record PlaybookProblem(int line, int column, String path, String message) {

  @Override
  public String toString() {
    // Line 0: the document as a whole (empty, too large), not a place in it.
    if (line == 0) return (path.isEmpty() ? "" : path + ": ") + message;
    return "line " + line + (path.isEmpty() ? "" : " (" + path + ")") + ": " + message;
  }
}
