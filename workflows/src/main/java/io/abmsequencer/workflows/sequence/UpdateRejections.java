package io.abmsequencer.workflows.sequence;

import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an Update was rejected, as a stable type callers can map to an HTTP status.
 *
 * <p>Validators throw {@link Rejection}, whose message starts with {@code [Type]}; {@link #type}
 * reads it back and {@link #message} strips the prefix. Not an {@code ApplicationFailure}, on
 * purpose: SDK 1.38.0 serializes an {@code ApplicationFailure} thrown by a validator twice
 * (sdk-java#2875, fixed by #3001 after 1.38.0), which loses its type and, with the payload codec on
 * ({@code abm.codec.key}), replaces its message with "Encoded failure" before it leaves the worker,
 * so the caller learnt nothing; it also logs every refusal as a workflow failure. Any other
 * exception from a validator is a rejection serialized once: the text reaches the caller whole.
 */
public final class UpdateRejections {
  private static final Pattern PREFIX = Pattern.compile("^\\[([A-Za-z]+)] (.*)$", Pattern.DOTALL);

  private UpdateRejections() {}

  /** A validator's refusal: nothing changed. */
  static final class Rejection extends IllegalArgumentException {
    Rejection(String type, String message) {
      super("[" + type + "] " + message);
    }
  }

  static RuntimeException reject(String message, String type) {
    return new Rejection(type, message);
  }

  /** The rejection type, e.g. {@code TaskNotOpen}; null when the failure is not a validator's rejection. */
  public static String type(WorkflowUpdateException e) {
    if (!(e.getCause() instanceof ApplicationFailure failure)) return null;
    Matcher m = PREFIX.matcher(failure.getOriginalMessage());
    if (m.matches()) return m.group(1);
    return failure.getType();
  }

  /** The rejection in plain words, without the type prefix. */
  public static String message(WorkflowUpdateException e) {
    if (!(e.getCause() instanceof ApplicationFailure failure)) return e.getMessage();
    Matcher m = PREFIX.matcher(failure.getOriginalMessage());
    return m.matches() ? m.group(2) : failure.getOriginalMessage();
  }
}
