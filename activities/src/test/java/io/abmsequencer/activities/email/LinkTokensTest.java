package io.abmsequencer.activities.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.activities.DatabaseTest;
import io.abmsequencer.activities.email.LinkTokens.Click;
import io.abmsequencer.workflows.channels.TouchKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Signed links on the generated key this installation stores, and on configured keys. */
@TestPropertySource(properties = "abm.public-url=https://go.acme-sales.example/")
class LinkTokensTest extends DatabaseTest {
  private static final String TOKEN = "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}";

  @Autowired LinkTokens tokens;
  @Autowired JdbcClient jdbc;

  private final TouchKey key = new TouchKey("abm-new-logo-acme", "fintech-new-logo-1tofew@3/opener", "c-0123456789abcdef");
  private final String target = "https://acme-sales.example/benchmark?utm_source=abm&lang=de#größe";

  @Test
  void eachKindRoundTripsInUrlSafeTokensWithoutTheAddress() {
    String unsubscribe = tokens.unsubscribeToken("c-0123456789abcdef");
    String click = tokens.clickToken(key, target);
    String open = tokens.openToken(key);

    assertThat(List.of(unsubscribe, click, open)).allSatisfy(token -> assertThat(token).matches(TOKEN));
    assertThat(tokens.verifyUnsubscribe(unsubscribe)).contains("c-0123456789abcdef");
    Click verified = tokens.verifyClick(click).orElseThrow();
    assertThat(verified.url()).isEqualTo(target);
    assertThat(verified.touchKey()).isEqualTo(key.value());
    assertThat(verified.workflowId()).isEqualTo("abm-new-logo-acme");
    assertThat(verified.contactId()).isEqualTo("c-0123456789abcdef");
    assertThat(verified.key()).isEqualTo(key);
    assertThat(tokens.verifyOpen(open)).contains(key);
    assertThat(tokens.clickToken(key, target)).as("deterministic").isEqualTo(click);
  }

  @Test
  void urlsUseThePublicUrlAndThePathsTheStarterServes() {
    String unsubscribe = tokens.unsubscribeUrl("c-0123456789abcdef");
    String click = tokens.clickUrl(key, target);
    String pixel = tokens.openPixelUrl(key);

    assertThat(unsubscribe).matches("https://go\\.acme-sales\\.example/u/" + TOKEN);
    assertThat(click).matches("https://go\\.acme-sales\\.example/t/" + TOKEN);
    assertThat(pixel).matches("https://go\\.acme-sales\\.example/o/" + TOKEN + "\\.gif");
    assertThat(tokens.verifyUnsubscribe(unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1))).isPresent();
    assertThat(tokens.verifyOpen(pixel.substring(pixel.lastIndexOf('/') + 1))).as("with .gif").contains(key);
    assertThat(tokens.isOwnLink(unsubscribe)).isTrue();
    assertThat(tokens.isOwnLink(target)).isFalse();
  }

  @Test
  void aFlippedCharacterAnywhereIsRefused() {
    for (String token : List.of(tokens.unsubscribeToken("c-0123456789abcdef"), tokens.clickToken(key, target), tokens.openToken(key))) {
      for (int i = 0; i < token.length(); i++) {
        if (token.charAt(i) == '.') continue;
        String flipped = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
        assertThat(tokens.verifyUnsubscribe(flipped)).as("unsubscribe %s", flipped).isEmpty();
        assertThat(tokens.verifyClick(flipped)).as("click %s", flipped).isEmpty();
        assertThat(tokens.verifyOpen(flipped)).as("open %s", flipped).isEmpty();
      }
    }
  }

  @Test
  void aTokenHasOneSpellingOnly() {
    // The last character of unpadded base64 carries unused bits, which decoders ignore: a second
    // spelling of the same bytes must not verify (tokens are compared and deduplicated as text).
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String token = tokens.unsubscribeToken("c-0123456789abcdef");
    char last = token.charAt(token.length() - 1);
    String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
    Base64.Decoder decoder = Base64.getUrlDecoder();
    assertThat(decoder.decode(respelled.substring(respelled.indexOf('.') + 1)))
        .isEqualTo(decoder.decode(token.substring(token.indexOf('.') + 1)));

    assertThat(tokens.verifyUnsubscribe(respelled)).isEmpty();
  }

  @Test
  void aChangedTargetNeverRedirects() throws Exception {
    String token = tokens.clickToken(key, target);
    String tag = token.substring(token.indexOf('.') + 1);
    String forged = base64(payload(key.workflowId(), key.stepKey(), key.contactId(), "https://evil.example/login"));

    assertThat(tokens.verifyClick(forged + "." + tag)).isEmpty();
    assertThat(tokens.verifyClick(token.substring(0, token.indexOf('.')) + "x." + tag)).isEmpty();
  }

  @Test
  void oneKindNeverPassesAsAnother() {
    String unsubscribe = tokens.unsubscribeToken("c-0123456789abcdef");
    String click = tokens.clickToken(key, target);
    String open = tokens.openToken(key);

    assertThat(tokens.verifyClick(unsubscribe)).isEmpty();
    assertThat(tokens.verifyOpen(unsubscribe)).isEmpty();
    assertThat(tokens.verifyUnsubscribe(click)).isEmpty();
    assertThat(tokens.verifyOpen(click)).isEmpty();
    assertThat(tokens.verifyUnsubscribe(open)).isEmpty();
    assertThat(tokens.verifyClick(open)).isEmpty();
  }

  @Test
  void aTokenWithTheRightShapeButAnotherKindsMacIsRefused() throws Exception {
    // An open token's payload signed for "open", presented as a click token with a URL field added:
    // the payload parses as a click, the MAC was made for another kind and another payload.
    String open = tokens.openToken(key);
    String tag = open.substring(open.indexOf('.') + 1);
    String asClick = base64(payload(key.workflowId(), key.stepKey(), key.contactId(), target)) + "." + tag;

    assertThat(tokens.verifyClick(asClick)).isEmpty();
  }

  @Test
  void garbageIsRefusedQuietly() {
    for (String junk : new String[] {null, "", ".", "abc", "a.b.c", "!!!.???", "AQ.AQ", "x".repeat(10_000)}) {
      assertThat(tokens.verifyUnsubscribe(junk)).isEmpty();
      assertThat(tokens.verifyClick(junk)).isEmpty();
      assertThat(tokens.verifyOpen(junk)).isEmpty();
    }
    assertThatThrownBy(() -> tokens.clickToken(key, "javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherKeyIsRefusedAndPreviousSecretsStillVerify() {
    String oldSecret = secret();
    String newSecret = secret();
    LinkTokens before = configured(oldSecret);
    LinkTokens after = configured(newSecret, oldSecret);
    LinkTokens unrelated = configured(secret());

    String oldUnsubscribe = before.unsubscribeToken("c-0123456789abcdef");
    String oldClick = before.clickToken(key, target);

    assertThat(after.verifyUnsubscribe(oldUnsubscribe)).contains("c-0123456789abcdef");
    assertThat(after.verifyClick(oldClick).map(Click::url)).contains(target);
    assertThat(after.unsubscribeToken("c-0123456789abcdef")).as("signs with the new key").isNotEqualTo(oldUnsubscribe);
    assertThat(before.verifyUnsubscribe(after.unsubscribeToken("c-0123456789abcdef"))).isEmpty();
    assertThat(unrelated.verifyUnsubscribe(oldUnsubscribe)).isEmpty();
    assertThat(unrelated.verifyClick(oldClick)).isEmpty();
  }

  /**
   * A Message-ID proves a bounce or a reply refers to our e-mail, so it must not be computable from
   * what an outsider can guess: the workflow id, the step and a contact id derived from the address.
   */
  @Test
  void messageIdsAreStablePerTouchFreeOfTheKeyAndNotComputableWithoutTheSecret() throws Exception {
    String id = tokens.messageId(key, "acme-sales.example");

    assertThat(id).matches("<[0-9a-f]{32}@acme-sales\\.example>").doesNotContain("new-logo").doesNotContain("c-0123");
    assertThat(tokens.messageId(new TouchKey(key.workflowId(), key.stepKey(), key.contactId()), "acme-sales.example")).isEqualTo(id);
    assertThat(tokens.messageId(new TouchKey(key.workflowId(), key.stepKey(), "c-0123456789abcdee"), "acme-sales.example"))
        .isNotEqualTo(id);
    assertThat(configured(secret()).messageId(key, "acme-sales.example")).as("another key, another id").isNotEqualTo(id);
    // The unkeyed digest of the touch key, which anyone can compute, is not it.
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8));
    assertThat(id).doesNotContain(HexFormat.of().formatHex(digest, 0, 16));
  }

  @Test
  void theGeneratedKeyIsStoredOnceAndSharedByEveryProcess() {
    String token = tokens.unsubscribeToken("c-0123456789abcdef");
    // Another process of the installation (or this one after a restart) builds its own keys.
    LinkTokens otherProcess = new LinkTokens(settings(null), new LinkKeys(settings(null), jdbc));

    assertThat(otherProcess.unsubscribeToken("c-0123456789abcdef")).isEqualTo(token);
    assertThat(otherProcess.verifyUnsubscribe(token)).contains("c-0123456789abcdef");
    assertThat(jdbc.sql("select count(*) from link_secrets").query(Integer.class).single()).isEqualTo(1);
    // Setting abm.links.secret later keeps the links already sent working.
    assertThat(configured(secret()).verifyUnsubscribe(token)).contains("c-0123456789abcdef");
  }

  private LinkTokens configured(String secret, String... previous) {
    LinkSettings settings = settings(new LinkSettings.Links(secret, List.of(previous)));
    return new LinkTokens(settings, new LinkKeys(settings, jdbc));
  }

  private static LinkSettings settings(LinkSettings.Links links) {
    return new LinkSettings("https://go.acme-sales.example", links);
  }

  private static String secret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static byte[] payload(String... fields) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      for (String field : fields) out.writeUTF(field);
    }
    return bytes.toByteArray();
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
