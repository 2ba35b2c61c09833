package io.abmsequencer.starter.codec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.abmsequencer.activities.testsupport.TestDatabase;
import io.abmsequencer.starter.security.SecurityConfiguration;
import io.abmsequencer.worker.codec.CodecSettings;
import io.abmsequencer.worker.codec.EncryptingCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The codec on the app port, as the real Temporal UI calls it when it signs its users in with OIDC
 * and passes their access token: only a token of that provider (signed by its published keys, its
 * issuer, this audience, not expired) whose role claim holds the ops role gets payloads decrypted.
 * The provider's JWKS is served over HTTP by WireMock; tokens are signed as the provider would.
 */
class CodecOidcTest {
  static final String KEY = "q6P1b7rJ3Zc0yq2Zr0ZQyv0m8H0Q2m7v8k3a1b2c3d4=";
  static final String ISSUER = "https://login.yourco.example/realms/ops";
  static final String AUDIENCE = "temporal-ui";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableConfigurationProperties(CodecSettings.class)
  @Import({SecurityConfiguration.class, CodecEndpointConfiguration.class, CodecController.class, RemoteCodec.class, CodecCors.class})
  static class CodecApp {}

  static WireMockServer provider;
  static RSAKey signingKey;
  static ConfigurableApplicationContext app;

  @BeforeAll
  static void start() throws Exception {
    signingKey = new RSAKeyGenerator(2048).keyID("ops-1").generate();
    provider = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    provider.start();
    provider.stubFor(get(urlEqualTo("/realms/ops/certs")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody(new JWKSet(signingKey.toPublicJWK()).toString())));
    app = start(
        "--abm.codec.endpoint.port=-1",
        "--abm.codec.endpoint.oidc.issuer=" + ISSUER,
        "--abm.codec.endpoint.oidc.jwk-set-uri=http://127.0.0.1:" + provider.port() + "/realms/ops/certs",
        "--abm.codec.endpoint.oidc.audience=" + AUDIENCE);
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
    if (provider != null) provider.stop();
  }

  @Test
  void onlyAValidTokenOfTheProviderWithTheOpsRoleDecrypts() throws Exception {
    assertThat(decode(null).statusCode()).isEqualTo(401);
    assertThat(decode("Bearer not-a-jwt").statusCode()).isEqualTo(401);

    HttpResponse<String> ok = decode("Bearer " + token(signingKey, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), List.of("abm-ops")));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    Payloads.Builder out = Payloads.newBuilder();
    JsonFormat.parser().merge(ok.body(), out);
    assertThat(out.getPayloads(0).getData().toStringUtf8()).isEqualTo("\"zoe@globex.example\"");

    RSAKey otherKey = new RSAKeyGenerator(2048).keyID("ops-1").generate();
    for (String forged : List.of(
        token(signingKey, ISSUER, AUDIENCE, Instant.now().minusSeconds(600), List.of("abm-ops")),          // expired
        token(signingKey, "https://evil.example/", AUDIENCE, Instant.now().plusSeconds(300), List.of("abm-ops")), // other issuer
        token(signingKey, ISSUER, "another-app", Instant.now().plusSeconds(300), List.of("abm-ops")),         // other audience
        token(otherKey, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), List.of("abm-ops")))) {            // not the provider's key
      HttpResponse<String> refused = decode("Bearer " + forged);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
      assertThat(refused.body()).doesNotContain("zoe@globex.example");
    }
    HttpResponse<String> noRole = decode("Bearer " + token(signingKey, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), List.of("sales")));
    assertThat(noRole.statusCode()).isEqualTo(403);
    assertThat(noRole.body()).contains("needs the abm-ops role");
  }

  @Test
  void aKeyWithNeitherItsOwnPortNorOidcIsRefusedAtStart() {
    assertThatThrownBy(() -> start("--abm.codec.endpoint.port=-1"))
        .rootCause().hasMessageContaining("The codec endpoint decrypts every payload: give it its own port (abm.codec.endpoint.port");
    assertThatThrownBy(() -> start("--abm.codec.endpoint.port=-1", "--abm.codec.endpoint.oidc.issuer=" + ISSUER))
        .rootCause().hasMessageContaining("abm.codec.endpoint.oidc is incomplete: set abm.codec.endpoint.oidc.jwk-set-uri, "
            + "abm.codec.endpoint.oidc.audience");
  }

  private static ConfigurableApplicationContext start(String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--spring.config.name=abm-codec-oidc-test",
        "--abm.embedded.enabled=false",
        "--server.port=0",
        "--abm.codec.key=" + KEY,
        "--abm.security.users[0].username=admin", "--abm.security.users[0].password=codec-test-admin",
        "--abm.security.users[0].roles=ADMIN",
        "--spring.datasource.url=" + TestDatabase.newDatabaseUrl(),
        "--spring.datasource.username=" + TestDatabase.USER,
        "--spring.datasource.password=",
        "--spring.datasource.hikari.maximum-pool-size=2"));
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(CodecApp.class).run(args.toArray(String[]::new));
  }

  private static HttpResponse<String> decode(String authorization) throws Exception {
    Payload secret = new EncryptingCodec(KEY, List.of()).encode(List.of(Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8("\"zoe@globex.example\"")).build())).get(0);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/codec/decode"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JsonFormat.printer().print(Payloads.newBuilder().addPayloads(secret).build())));
    if (authorization != null) request.header("Authorization", authorization);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String token(RSAKey key, String issuer, String audience, Instant expires, List<String> groups) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
        new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("kim").expirationTime(Date.from(expires))
            .issueTime(Date.from(Instant.now().minusSeconds(60))).claim("groups", groups).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
