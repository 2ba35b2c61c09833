package io.abmsequencer.activities.ads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AudienceHashingTest {
  /** {@code printf %s test@example.com | sha256sum} */
  private static final String TEST_AT_EXAMPLE = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
  /** {@code printf %s +14155550100 | sha256sum} */
  private static final String PHONE = "40d3f4e02db27d66cf4cfdda506c2c945f115a7955cc8491dda98ce5beabcda0";

  @Test
  void emailIsTrimmedLowerCasedAndHashed() {
    assertThat(AudienceHashing.emailSha256("test@example.com")).isEqualTo(TEST_AT_EXAMPLE);
    assertThat(AudienceHashing.emailSha256("  Test@Example.COM\t")).isEqualTo(TEST_AT_EXAMPLE);
    assertThat(AudienceHashing.emailSha256("test @example.com")).as("Google: intermediate whitespace goes too").isEqualTo(TEST_AT_EXAMPLE);
    assertThat(AudienceHashing.emailSha256("  ")).isNull();
    assertThat(AudienceHashing.emailSha256(null)).isNull();
  }

  @Test
  void phoneIsHashedInE164() {
    assertThat(AudienceHashing.phoneSha256("+14155550100")).isEqualTo(PHONE);
    assertThat(AudienceHashing.phoneSha256("+1 (415) 555-0100")).isEqualTo(PHONE);
    assertThat(AudienceHashing.phoneSha256("4155550100")).as("not E.164: no country").isNull();
    assertThat(AudienceHashing.phoneSha256("+1 415 CALL NOW")).isNull();
    assertThat(AudienceHashing.phoneSha256(null)).isNull();
  }
}
