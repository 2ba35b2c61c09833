package io.abmsequencer.worker;

/** Temporal did not answer at the configured target when the app started. */
public class TemporalUnreachableException extends IllegalStateException {
  private final String target;

  public TemporalUnreachableException(String target, Throwable cause) {
    super("Temporal is not reachable at spring.temporal.connection.target=" + target + " (" + cause.getMessage() + ")", cause);
    this.target = target;
  }

  public String target() {
    return target;
  }
}
