package io.abmsequencer.starter.inbound;

import java.util.Optional;

/**
 * Checks the signed token in an unsubscribe mail's subject ({@code unsubscribe <token>}, from the
 * List-Unsubscribe mailto). A port so this package does not depend on how tokens are signed;
 * the e-mail channel's {@code LinkTokens#verifyUnsubscribe} is the implementation to wire.
 */
@FunctionalInterface
public interface UnsubscribeTokens {

  /** The contact the token was made for, or empty when it is forged, damaged or unknown. */
  Optional<String> contactId(String token);
}
