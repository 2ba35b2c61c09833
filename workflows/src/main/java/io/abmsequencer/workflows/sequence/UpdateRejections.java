package io.abmsequencer.workflows.sequence;

import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an Update was rejected, as a stable type callers can map to an HTTP status.
 *
 * <p>Validators throw {@code ApplicationFailure} with a type. SDK 1.38.0 loses that type on the
 * way to the caller (it reports {@code WorkflowExecutionException} instead; fixed upstream by
 * sdk-java#3001, after 1.38.0), so the message also starts with {@code [Type]}; {@link
 * #type} reads whichever survived and {@link #message} strips the prefix.
 */
public final class UpdateRejections {
  private static final Pattern PREFIX = Pattern.compile("^\\[([A-Za-z]+)] (.*)$", Pattern.DOTALL);

  private UpdateRejections() {}

  static ApplicationFailure reject(String message, String type) {
    return ApplicationFailure.newFailure("[" + type + "] " + message, type);
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
