package io.abmsequencer.starter.target;

/**
 * Thrown by the rules' normalisers: the message is written for the marketer and names what was
 * found and what was expected. No stack trace: a file with thousands of bad cells is ordinary
 * input, not a fault.
 */
final class InvalidValue extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InvalidValue(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
