package io.abmsequencer.starter.embedded;

/**
 * The embedded mode could not start a piece of infrastructure. The message is one line that names
 * the property to change, because the person reading it just ran one command and wants to know what
 * to do next, not where in the code it broke.
 */
public class EmbeddedStartupException extends RuntimeException {

  private final String problem;
  private final String action;

  public EmbeddedStartupException(String problem, String action) {
    this(problem, action, null);
  }

  public EmbeddedStartupException(String problem, String action, Throwable cause) {
    super(problem + "; " + action, cause);
    this.problem = problem;
    this.action = action;
  }

  /** What went wrong, e.g. "abm.embedded.temporal.port 7233 is in use". */
  public String problem() {
    return problem;
  }

  /** What the user can do about it. */
  public String action() {
    return action;
  }
}
