package io.abmsequencer.starter.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-contact rules the JSON single-account launch shares with the CSV upload. */
class ContactRulesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          +1 (415) 555-0100    | +14155550100
          +14155550100         | +14155550100
          '  +1.415.555.0100 '  | +14155550100
          +44 (0)20 7946 0958  | +442079460958
          +49 30 901820        | +4930901820
          +81 3-1234-5678      | +81312345678
          +39 06 1234 5678     | +390612345678
          """)
  void phonesInInternationalFormatBecomeE164(String raw, String e164) {
    assertThat(ContactRules.normalisePhone(raw)).isEqualTo(e164);
  }

  @Test
  void anEmptyPhoneIsNoPhone() {
    assertThat(ContactRules.normalisePhone(null)).isNull();
    assertThat(ContactRules.normalisePhone("  ")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"(415) 555-0100", "4155550100", "0044 20 7946 0958", "020 7946 0958"})
  void aPhoneWithoutItsCountryCodeAsksForTheInternationalFormat(String raw) {
    assertThatThrownBy(() -> ContactRules.normalisePhone(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'"
                + raw
                + "' needs the international format: write it with + and the country code first,"
                + " like +1 415 555 0100");
  }

  @Test
  void aPhoneThatLibphonenumberDoesNotKnowIsInvalid() {
    assertThatThrownBy(() -> ContactRules.normalisePhone("+1 555 0100"))
        .hasMessage(
            "'+1 555 0100' is not a valid phone number: check the digits and write it with + and"
                + " the country code first, like +1 415 555 0100");
    assertThatThrownBy(() -> ContactRules.normalisePhone("+999 1234 5678"))
        .hasMessageStartingWith("'+999 1234 5678' is not a ");
  }

  @Test
  void aPhoneWithAnExtensionIsRefusedRatherThanCut() {
    assertThatThrownBy(() -> ContactRules.normalisePhone("+1 415 555 0100 ext. 12"))
        .hasMessageStartingWith("'+1 415 555 0100 ext. 12' has an extension");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ECONOMIC_BUYER      | ECONOMIC_BUYER
          economic buyer      | ECONOMIC_BUYER
          Technical-Evaluator | TECHNICAL_EVALUATOR
          end  user           | END_USER
          ' champion '        | CHAMPION
          executive_sponsor   | EXECUTIVE_SPONSOR
          Influencer          | INFLUENCER
          BLOCKER             | BLOCKER
          """)
  void rolesAreReadInAnyCaseWithSpacesOrHyphens(String raw, Role role) {
    assertThat(ContactRules.parseRole(raw)).isEqualTo(role);
  }

  @ParameterizedTest
  @ValueSource(strings = {"economicbuyer", "buyer", "_", "economic buyer 2"})
  void anythingElseIsNotARole(String raw) {
    assertThatThrownBy(() -> ContactRules.parseRole(raw))
        .hasMessageStartingWith("'" + raw + "' is not a role: expected one of economic buyer");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1:1          | ONE_TO_ONE
          1:FEW        | ONE_TO_FEW
          1:Many       | ONE_TO_MANY
          ONE_TO_ONE   | ONE_TO_ONE
          one-to-few   | ONE_TO_FEW
          One To Many  | ONE_TO_MANY
          """)
  void tiersAreReadAsLabelsOrNames(String raw, Tier tier) {
    assertThat(ContactRules.parseTier(raw)).isEqualTo(tier);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1:2", "strategic", "P1", "1 : 1"})
  void anythingElseIsNotATier(String raw) {
    assertThatThrownBy(() -> ContactRules.parseTier(raw))
        .hasMessageStartingWith("'" + raw + "' is not a tier: expected 1:1, 1:few or 1:many");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Europe/Paris        | Europe/Paris
          UTC                 | UTC
          utc                 | UTC
          america/new_york    | America/New_York
          Asia/Tokyo          | Asia/Tokyo
          America/Argentina/Buenos_Aires | America/Argentina/Buenos_Aires
          """)
  void timeZonesAreIanaNamesInAnyCase(String raw, String zone) {
    assertThat(ContactRules.normaliseTimeZone(raw)).isEqualTo(zone);
    assertThat(ZoneId.of(zone)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Paris", "CEST", "PST", "+02:00", "Z", "GMT+2", "UTC+1", "Europe/Pariss"})
  void offsetsAbbreviationsAndCitiesAloneAreNotTimeZones(String raw) {
    assertThatThrownBy(() -> ContactRules.normaliseTimeZone(raw))
        .hasMessage(
            "'"
                + raw
                + "' is not a time zone name: expected one like Europe/Paris, America/New_York or"
                + " UTC (or leave it empty to use the playbook's default)");
  }

  @Test
  void anEmptyTimeZoneLeavesThePlaybooksDefault() {
    assertThat(ContactRules.normaliseTimeZone("")).isNull();
    assertThat(ContactRules.normaliseTimeZone(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada@acme.example",
        "Ada.Lovelace+tal@ACME.example",
        "o'brien@northwind.example",
        "ada@mail.acme.co.example",
        "zoë@exämple.example"
      })
  void saneAddressesAreAccepted(String email) {
    assertThat(ContactRules.normaliseEmail(" " + email + " ")).isEqualTo(email);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ada.acme.example           | it has no @
          ada@@acme.example          | it has more than one @
          ada@acme                   | the part after the @ needs a dot
          ada@                       | nothing after the @
          @acme.example              | nothing before the @
          ada lovelace@acme.example  | it has a space in it
          Ada <ada@acme.example>     | it has a space in it
          <ada@acme.example>         | it has a < in it
          ada@acme.example,bob@acme.example | it has more than one @
          ada@acme..example          | the part after the @ is not a domain
          ada@.acme.example          | the part after the @ is not a domain
          .ada@acme.example          | the part before the @ has a misplaced dot
          ada@acme_corp.example      | the part after the @ has a _ in it
          """)
  void otherAddressesAreRefusedWithTheReason(String email, String reason) {
    assertThatThrownBy(() -> ContactRules.normaliseEmail(email))
        .hasMessageStartingWith("'" + email + "' is not a valid e-mail address (" + reason);
  }

  @Test
  void namesAreKeptExactlyAsWritten() {
    for (String name : new String[] {"Zoë", "O'Brien", "山田 太郎", "Ñandú", "Jean-Luc", "D'Arcy"}) {
      assertThat(ContactRules.normaliseFirstName(name)).isEqualTo(name);
    }
    assertThat(ContactRules.normaliseFirstName("  Zoë \t")).isEqualTo("Zoë");
  }

  @Test
  void smsConsentIsAYesOrNoThatDefaultsToNo() {
    for (String yes : new String[] {"true", "TRUE", "yes", "Yes", "1", "YES"}) {
      assertThat(ContactRules.parseSmsConsent(yes)).as(yes).isTrue();
    }
    for (String no : new String[] {"false", "No", "0", "", " ", null}) {
      assertThat(ContactRules.parseSmsConsent(no)).as(String.valueOf(no)).isFalse();
    }
    assertThatThrownBy(() -> ContactRules.parseSmsConsent("maybe"))
        .hasMessage(
            "'maybe' is not a yes/no value: expected yes, no, true, false, 1, 0, or empty for no");
  }

  @Test
  void longValuesAreEchoedShortened() {
    String email = "a".repeat(300) + "@acme.example";

    assertThatThrownBy(() -> ContactRules.normaliseEmail(email))
        .hasMessage(
            "'"
                + "a".repeat(59)
                + "…' is not a valid e-mail address (it is longer than 254"
                + " characters)");
  }
}
