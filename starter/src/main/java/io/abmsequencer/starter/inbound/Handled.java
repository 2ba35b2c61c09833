package io.abmsequencer.starter.inbound;

import java.util.Locale;

/**
 * What was done with one message, recorded in {@code inbound_messages} and counted in {@code
 * abm.inbound} by kind and result.
 *
 * @param outcome in words: what was done, or why nothing was
 * @param touch the e-mail it answered or reported on, or null
 */
record Handled(InboundKind kind, Result result, String outcome, MatchedTouch touch) {

  /** What came of it: the {@code outcome} tag of {@code abm.inbound}. */
  enum Result {
    /** The product acted on it (suppressed, unsubscribed, ended or held a contact). */
    ACTED,
    /** Nothing to do: not about our e-mail, not a person, a copy of our own. */
    IGNORED,
    /**
     * It claimed something the product does not believe — a bounce of an e-mail we did not send or
     * for another address, an unsubscribe without its token or an authenticated sender — so nothing
     * was done.
     */
    REFUSED,
    /** Maybe a reply, without proof: a task asks a person to confirm it; nothing else changed. */
    TO_CONFIRM;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static Handled acted(InboundKind kind, String outcome, MatchedTouch touch) {
    return new Handled(kind, Result.ACTED, outcome, touch);
  }

  static Handled ignored(InboundKind kind, String outcome) {
    return ignored(kind, outcome, null);
  }

  static Handled ignored(InboundKind kind, String outcome, MatchedTouch touch) {
    return new Handled(kind, Result.IGNORED, outcome, touch);
  }

  static Handled refused(InboundKind kind, String outcome, MatchedTouch touch) {
    return new Handled(kind, Result.REFUSED, "refused: " + outcome, touch);
  }
}
