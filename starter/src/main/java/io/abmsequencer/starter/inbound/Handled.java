package io.abmsequencer.starter.inbound;

/**
 * What was done with one message, recorded in {@code inbound_messages}.
 *
 * @param outcome in words: what was done, or why nothing was
 * @param touch the e-mail it answered or reported on, or null
 */
record Handled(InboundKind kind, String outcome, MatchedTouch touch) {

  static Handled of(InboundKind kind, String outcome) {
    return new Handled(kind, outcome, null);
  }
}
