package io.abmsequencer.starter.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Where and to whom the Temporal UI's remote codec ({@code /codec/decode}, {@code /codec/encode}) is
 * served, {@code abm.codec.endpoint.*}. It decrypts every payload, so it is never open on the public
 * app port: it runs on a port of its own bound to loopback (or an internal address) for a UI without
 * sign-in, and on the app port only to callers with a valid OIDC access token of the UI's provider
 * that carries the ops role.
 *
 * @param port the codec's own port (0: a free one; -1: none, then {@code oidc} must be set)
 * @param address the address that port is bound to: loopback by default, an internal address in a
 *     container network; never a public one
 * @param maxBodySize the largest request accepted (the UI sends a page of payloads at a time)
 * @param oidc the UI's OpenID Connect provider, whose access tokens the UI forwards with "pass access
 *     token" on
 */
@ConfigurationProperties("abm.codec.endpoint")
public record CodecEndpointSettings(
    @DefaultValue("8089") int port,
    @DefaultValue("127.0.0.1") String address,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue Oidc oidc) {

  public static final String PORT = "abm.codec.endpoint.port";

  /**
   * @param issuer the {@code iss} tokens must carry
   * @param jwkSetUri where the provider publishes its signing keys (JWKS)
   * @param audience an {@code aud} tokens must carry (the UI's client id, or an API audience)
   * @param roleClaim the claim holding the user's roles or groups (a list or a space-separated string)
   * @param role the value that claim must hold for a user to read payloads
   */
  public record Oidc(String issuer, String jwkSetUri, String audience, @DefaultValue("groups") String roleClaim,
      @DefaultValue("abm-ops") String role) {

    public boolean configured() {
      return StringUtils.hasText(issuer) || StringUtils.hasText(jwkSetUri);
    }

    /** What a configured provider lacks, by property name; empty when complete. */
    List<String> missing() {
      return java.util.stream.Stream.of(
              StringUtils.hasText(issuer) ? null : "abm.codec.endpoint.oidc.issuer",
              StringUtils.hasText(jwkSetUri) ? null : "abm.codec.endpoint.oidc.jwk-set-uri",
              StringUtils.hasText(audience) ? null : "abm.codec.endpoint.oidc.audience")
          .filter(java.util.Objects::nonNull).toList();
    }
  }

  public boolean ownPort() {
    return port >= 0;
  }
}
