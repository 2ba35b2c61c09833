package io.abmsequencer.starter.codec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Who may use the codec: anyone who reaches its own port (loopback or an internal address: the
 * machine or network is the boundary), and, on the app port, only a caller with an access token of
 * the UI's OIDC provider — signature by the provider's JWKS, issuer, audience, expiry — whose role
 * claim holds the ops role.
 */
final class CodecAccess {

  /** Why a caller was refused: the words for the 401/403/404. */
  record Refusal(int status, String message) {}

  private final CodecEndpointSettings settings;
  private final JwtDecoder tokens;

  CodecAccess(CodecEndpointSettings settings) {
    this.settings = settings;
    this.tokens = settings.oidc().configured() ? decoder(settings.oidc()) : null;
  }

  private static JwtDecoder decoder(CodecEndpointSettings.Oidc oidc) {
    // The provider's keys are fetched once and cached; a slow provider gets 10 s, not Nimbus's half second.
    SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
    http.setConnectTimeout(Duration.ofSeconds(10));
    http.setReadTimeout(Duration.ofSeconds(10));
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).restOperations(new RestTemplate(http)).build();
    List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
    rules.add(JwtValidators.createDefaultWithIssuer(oidc.issuer())); // signature is checked by the decoder; exp/nbf here
    rules.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(oidc.audience())));
    rules.add(jwt -> holds(jwt.getClaim(oidc.roleClaim()), oidc.role())
        ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(new OAuth2Error("insufficient_scope", "the token's " + oidc.roleClaim()
            + " claim does not hold " + oidc.role(), null)));
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(rules));
    return decoder;
  }

  private static boolean holds(Object claim, String role) {
    if (claim instanceof Collection<?> values) return values.stream().anyMatch(v -> role.equals(String.valueOf(v)));
    if (claim instanceof String text) return List.of(text.split("[\\s,]+")).contains(role);
    return false;
  }

  /** Null when the caller may go on. */
  Refusal check(boolean onOwnPort, String authorization) {
    if (onOwnPort) return null;
    if (tokens == null) {
      return new Refusal(404, "The codec is not served on this port: use its own port (" + CodecEndpointSettings.PORT
          + ") or sign the Temporal UI in with OIDC (abm.codec.endpoint.oidc.*)");
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Refusal(401, "An access token of the Temporal UI's sign-in is required (turn on \"pass access token\")");
    }
    try {
      tokens.decode(authorization.substring(7).trim());
      return null;
    } catch (JwtException e) {
      boolean role = e.getMessage() != null && e.getMessage().contains("does not hold");
      return new Refusal(role ? 403 : 401, role ? "Reading payloads needs the " + settings.oidc().role() + " role"
          : "The access token is not valid: " + e.getMessage());
    }
  }
}
