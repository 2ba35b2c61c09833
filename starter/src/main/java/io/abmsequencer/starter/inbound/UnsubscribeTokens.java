package io.abmsequencer.starter.inbound;

import java.util.Optional;

/**
 * Checks the signed token in an unsubscribe mail's subject ({@code unsubscribe <token>}, from the
 * List-Unsubscribe mailto). A port, so the poller can be tested with tokens of its own; without a
 * bean of this type the e-mail channel's {@code LinkTokens#verifyUnsubscribe} is used.
 */
@FunctionalInterface
public interface UnsubscribeTokens {

  /** The contact the token was made for, or empty when it is forged, damaged or unknown. */
  Optional<String> contactId(String token);
}
