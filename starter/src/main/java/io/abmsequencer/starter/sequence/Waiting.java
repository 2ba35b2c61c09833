package io.abmsequencer.starter.sequence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Something a sequence is waiting on that its own status cannot see: a touch Temporal is retrying
 * (a pending activity: the provider is down, the database is away) or an ad-audience change still
 * queued for the platforms. Read from Temporal's description of the workflow and from the ledger.
 *
 * @param channel EMAIL, SMS, ADS, or the activity type for other work (a task, a review, the list)
 * @param activity the Temporal activity type ({@code SendEmail}), or null for a queued ad-audience
 *     change (the activity is done; the batch sender has it)
 * @param what what is being done, to whom: {@code E-mail to Ana Ruiz <ana@umbrella.example> (step
 *     hello)}
 * @param state {@code RETRYING} (an attempt failed; the next is scheduled), {@code RUNNING} (an
 *     attempt is under way), {@code QUEUED} (an ad-audience change waiting for its platform)
 * @param attempt the attempt under way or due next (1 for the first); 0 for a queued change
 * @param lastError why the last attempt failed, in the provider's words; null when none has failed
 * @param lastAttemptAt when the last attempt started (running) or ended (retrying); may be null
 * @param nextAttemptAt when the next attempt is due (retrying); null when not known
 * @param summary all of it in one line, times in UTC: {@code E-mail to ana@… — attempt 5, last
 *     error: …, next try 12:03:10 UTC}
 */
public record Waiting(
    String channel,
    String activity,
    String what,
    String state,
    int attempt,
    String lastError,
    Instant lastAttemptAt,
    Instant nextAttemptAt,
    String summary) {

  public static final String RETRYING = "RETRYING";
  public static final String RUNNING = "RUNNING";
  public static final String QUEUED = "QUEUED";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** A pending activity, with its one-line summary. */
  static Waiting activity(
      String channel, String activity, String what, boolean running, int attempt, String lastError, Instant lastAttemptAt,
      Instant nextAttemptAt) {
    StringBuilder line = new StringBuilder(what).append(" — attempt ").append(attempt);
    if (running) {
      line.append(lastAttemptAt == null ? " under way" : " under way since " + TIME.format(lastAttemptAt));
    }
    if (lastError != null) line.append(", last error: ").append(lastError);
    if (!running) {
      if (nextAttemptAt != null) line.append(", next try ").append(TIME.format(nextAttemptAt));
      else line.append(lastError == null ? " waiting for a worker" : ", next try soon");
    }
    return new Waiting(channel, activity, what, running ? RUNNING : RETRYING, attempt, lastError, lastAttemptAt, nextAttemptAt,
        line.toString());
  }

  /** An ad-audience change the activity queued and the platforms have not taken yet. */
  static Waiting queuedAudienceChange(String what, String detail, Instant queuedAt) {
    return new Waiting("ADS", null, what, QUEUED, 0, detail, queuedAt, null, what + " — " + detail);
  }

  public boolean retrying() {
    return RETRYING.equals(state);
  }
}
