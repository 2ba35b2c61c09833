package io.abmsequencer.workflows.playbook;

import java.util.List;

/** A playbook that cannot be used, with every problem found (not just the first). */
public class PlaybookValidationException extends RuntimeException {
  private final List<PlaybookProblem> problems;

  public PlaybookValidationException(List<PlaybookProblem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  public List<PlaybookProblem> problems() {
    return problems;
  }

  private static String summary(List<PlaybookProblem> problems) {
    StringBuilder text = new StringBuilder("The playbook has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":");
    for (PlaybookProblem p : problems) text.append("\n  ").append(p);
    return text.toString();
  }
}
