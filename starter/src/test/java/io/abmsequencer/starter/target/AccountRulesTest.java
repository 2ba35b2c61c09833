package io.abmsequencer.starter.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The account's own fields: its id (part of a workflow id), domain and owner. */
class AccountRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"acme", "ACME-001", "acme.eu_2", "0", "a-"})
  void accountIdsOfLettersDigitsDotsDashesAndUnderscoresAreAccepted(String id) {
    assertThat(AccountRules.normaliseAccountId(" " + id + " ")).isEqualTo(id);
    assertThat(AccountRules.ACCOUNT_ID_PATTERN.matcher(id).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme corp", "-acme", ".acme", "_acme", "acme/eu", "acmé", "acme:1"})
  void otherAccountIdsAreRefused(String id) {
    assertThatThrownBy(() -> AccountRules.normaliseAccountId(id))
        .hasMessage(
            "'"
                + id
                + "' is not a valid account id: use up to 64 letters, digits, dots, dashes or"
                + " underscores, no spaces, starting with a letter or digit, like acme-corp");
    assertThat(AccountRules.ACCOUNT_ID_PATTERN.matcher(id).matches()).isFalse();
  }

  @Test
  void anAccountIdHasAtMostSixtyFourCharacters() {
    assertThat(AccountRules.normaliseAccountId("a".repeat(64))).hasSize(64);
    assertThatThrownBy(() -> AccountRules.normaliseAccountId("a".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AccountRules.ACCOUNT_ID_PATTERN.matcher("a".repeat(65)).matches()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "acme.example",
        "ACME.Example",
        "eu.acme.co.example",
        "x-1.example",
        "bücher.example"
      })
  void domainsAreBareHostNamesKeptInLowerCase(String domain) {
    assertThat(AccountRules.normaliseDomain(domain)).isEqualTo(domain.toLowerCase());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://acme.example",
        "acme.example/about",
        "acme",
        "acme..example",
        "-acme.example",
        "acme.example.",
        "10.0.0.1",
        "acme corp.example",
        "a_b.example",
        "acme.x"
      })
  void otherDomainsAreRefused(String domain) {
    assertThatThrownBy(() -> AccountRules.normaliseDomain(domain))
        .hasMessageStartingWith(
            "'"
                + domain
                + "' is not a domain: expected the company's bare"
                + " domain, like acme.com");
  }

  @Test
  void anEmptyDomainIsNoDomain() {
    assertThat(AccountRules.normaliseDomain("")).isNull();
    assertThat(AccountRules.normaliseDomain(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane.doe@yourco.example", "sam.lee", "jdoe", "ops+abm@yourco.example"})
  void ownersAreAnEmailOrAUsername(String owner) {
    assertThat(AccountRules.normaliseOwner(owner)).isEqualTo(owner);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Jane Doe", "jane;sam", "jané"})
  void otherOwnersAreRefused(String owner) {
    assertThatThrownBy(() -> AccountRules.normaliseOwner(owner))
        .hasMessageStartingWith("'" + owner + "' is not an owner");
  }
}
