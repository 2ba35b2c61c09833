package io.abmsequencer.workflows.channels;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Sends e-mail to buying-committee members. */
@ActivityInterface
public interface EmailChannel {

  /**
   * Sends one e-mail, at most once per {@link TouchKey}: the ledger row is written before the
   * message goes out, and a key already sent returns the recorded result without sending again.
   * Consent is checked right before sending: a suppressed contact gets nothing ({@code
   * SUPPRESSED}). A permanent recipient failure returns {@code BOUNCED} and suppresses the
   * contact. A sending cap reached (the sender's daily cap, the contact's cap across sequences)
   * returns {@code DEFERRED} with {@code notBefore} and writes nothing final: the sequence calls again
   * with the same key then. Transient failures throw and are retried by Temporal.
   */
  @ActivityMethod(name = "SendEmail")
  TouchResult send(EmailTouch touch);
}
