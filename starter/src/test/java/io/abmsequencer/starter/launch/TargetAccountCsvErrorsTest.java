package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of problem, with the exact row and column it is reported on. The file is always
 * validated whole: a file with any error yields no accounts.
 */
class TargetAccountCsvErrorsTest {

  /** Reads a file whose single data row (line 2) has the given cells, expecting one error. */
  private static RowError onlyError(String... cells) {
    TargetAccountCsv.Result result = Tal.read(Tal.csv(Tal.row(cells)));
    assertThat(result.accounts()).isEmpty();
    assertThat(result.ok()).isFalse();
    assertThat(result.errors()).hasSize(1);
    return result.errors().get(0);
  }

  @ParameterizedTest(name = "{0} = [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
account_id   | ""                    | the account id is missing
account_id   | acme corp             | 'acme corp' is not a valid account id
account_id   | -acme                 | '-acme' is not a valid account id
account_id   | acme/eu               | 'acme/eu' is not a valid account id
account_name | ""                    | the account name is missing
domain       | https://acme.example/ | 'https://acme.example/' is not a domain
domain       | acme                  | 'acme' is not a domain
tier         | ""                    | the tier is missing: expected 1:1, 1:few or 1:many
tier         | gold                  | 'gold' is not a tier: expected 1:1, 1:few or 1:many
owner        | ""                    | the owner is missing
owner        | Jane Doe              | 'Jane Doe' is not an owner
email        | ""                    | the e-mail address is missing
email        | ada.acme.example      | 'ada.acme.example' is not a valid e-mail address (it has no @
email        | ada@acme              | 'ada@acme' is not a valid e-mail address (the part after the @ needs a dot
email        | ada lovelace@acme.example | is not a valid e-mail address (it has a space in it
email        | ada@acme.example;bob@acme.example | (it has more than one @
first_name   | ""                    | the first name is missing
role         | ""                    | the role is missing: expected one of economic buyer, champion
role         | decision maker        | 'decision maker' is not a role: expected one of economic buyer, champion, technical evaluator, end user, influencer, blocker, executive sponsor
phone        | (415) 555-0100        | '(415) 555-0100' needs the international format
phone        | 4155550100            | '4155550100' needs the international format: write it with + and the country code first, like +1 415 555 0100
phone        | +1 555 0100           | '+1 555 0100' is not a valid phone number
phone        | +1 call me            | '+1 call me' is not a phone number
phone        | +1 415 555 0100 ext 7 | has an extension
timezone     | Paris                 | 'Paris' is not a time zone name: expected one like Europe/Paris
timezone     | +02:00                | '+02:00' is not a time zone name
sms_consent  | maybe                 | 'maybe' is not a yes/no value
""")
  void aBadValueIsReportedOnItsRowAndColumn(String column, String value, String message) {
    RowError error = onlyError(column + "=" + value);

    assertThat(error.row()).isEqualTo(2);
    assertThat(error.column()).isEqualTo(column);
    assertThat(error.message()).contains(message);
  }

  @Test
  void aValueOverTwoThousandCharactersIsAnError() {
    RowError error = onlyError("title=" + "x".repeat(2_001));

    assertThat(error)
        .isEqualTo(
            new RowError(
                2, "title", "the value is 2,001 characters long; the most allowed is 2,000"));
    assertThat(Tal.read(Tal.csv(Tal.row("title=" + "x".repeat(2_000)))).ok()).isTrue();
  }

  @Test
  void invisibleControlCharactersAndLineBreaksInNamesAreErrors() {
    TargetAccountCsv.Result result =
        Tal.read(
            Tal.csv(
                Tal.row("first_name=Ada\u0000"),
                Tal.row("email=bob@acme.example", "last_name=Love\nlace")));

    assertThat(result.errors())
        .extracting(RowError::row, RowError::column, RowError::message)
        .containsExactly(
            tuple(
                2,
                "first_name",
                "'Ada?' contains an invisible control character (U+0000); remove it"),
            tuple(
                3,
                "last_name",
                "'Love lace' is split over several lines; put the value on one line"));
  }

  @Test
  void accountValuesMustBeTheSameOnEveryRowOfTheAccount() {
    TargetAccountCsv.Result result =
        Tal.read(
            Tal.csv(
                Tal.row(),
                Tal.row("email=bob@acme.example", "account_name=Acme Corporation", "tier=1:1"),
                Tal.row(
                    "email=cy@acme.example",
                    "domain=",
                    "industry=Fintech",
                    "owner=sam.lee@yourco.example"),
                Tal.row("email=di@acme.example", "tier=ONE_TO_FEW", "domain=ACME.example")));

    assertThat(result.errors())
        .extracting(RowError::row, RowError::column, RowError::message)
        .containsExactly(
            tuple(
                3,
                "account_name",
                "'Acme Corporation' here but 'Acme Corp' on row 2 (this account's first row):"
                    + " every row of account 'acme' must have the same account_name"),
            tuple(
                3,
                "tier",
                "1:1 here but 1:few on row 2 (this account's first row): every row of account"
                    + " 'acme' must have the same tier"),
            tuple(
                4,
                "domain",
                "empty here but 'acme.example' on row 2 (this account's first row): every row of"
                    + " account 'acme' must have the same domain"),
            tuple(
                4,
                "industry",
                "'Fintech' here but 'SaaS' on row 2 (this account's first row): every row of"
                    + " account 'acme' must have the same industry"),
            tuple(
                4,
                "owner",
                "'sam.lee@yourco.example' here but 'jane.doe@yourco.example' on row 2 (this"
                    + " account's first row): every row of account 'acme' must have the same"
                    + " owner"));
  }

  @Test
  void anAccountsRowsMustBeTogether() {
    TargetAccountCsv.Result result =
        Tal.read(
            Tal.csv(
                Tal.row("account_id=globex", "account_name=Globex", "email=g1@globex.example"),
                Tal.row("account_id=acme"),
                Tal.row("account_id=acme", "email=bob@acme.example"),
                Tal.row("account_id=globex", "account_name=Globex", "email=g2@globex.example"),
                Tal.row("account_id=globex", "account_name=Globex", "email=g3@globex.example"),
                Tal.row("account_id=acme", "email=cy@acme.example")));

    assertThat(result.errors())
        .containsExactly(
            new RowError(
                5,
                "account_id",
                "rows of account 'globex' must be together: it first appears on row 2"),
            new RowError(
                7,
                "account_id",
                "rows of account 'acme' must be together: it first appears on row 3"));
  }

  @Test
  void theSameEmailTwiceInOneAccountIsAnErrorOnTheSecondRow() {
    TargetAccountCsv.Result result =
        Tal.read(
            Tal.csv(
                Tal.row(),
                Tal.row("email=bob@acme.example"),
                Tal.row("email= ADA@Acme.Example", "first_name=Ada again")));

    assertThat(result.errors())
        .containsExactly(
            new RowError(
                4,
                "email",
                "'ADA@Acme.Example' is already on row 2 for account 'acme': list each person once"
                    + " per account"));
  }

  @Test
  void aRowWithMoreOrFewerValuesThanTheHeaderIsAnError() {
    String tooMany = Tal.row() + ",extra";
    String tooFew = Tal.row("email=bob@acme.example").replace(",no", "");

    TargetAccountCsv.Result result =
        Tal.read(Tal.csv(tooMany, tooFew, Tal.row("email=cy@acme.example")));

    assertThat(result.errors())
        .containsExactly(
            new RowError(
                2,
                null,
                "this row has 15 values but the header has 14 columns: a value that contains a"
                    + " comma must be in double quotes"),
            new RowError(
                3,
                null,
                "this row has 13 values but the header has 14 columns: a comma is missing, or the"
                    + " row was cut short"));
  }

  @Test
  void severalErrorsInOneFileAreAllReportedInRowOrder() {
    String content =
        Tal.csv(
            Tal.row("tier=gold", "email=nope"),
            Tal.row("email=bob@acme.example"),
            Tal.row("email=cy@acme.example", "role=boss", "phone=555-0100", "timezone=Mars/Base"),
            Tal.row("account_id=acme corp", "first_name="));

    TargetAccountCsv.Result result = Tal.read(content);

    assertThat(result.accounts()).isEmpty();
    assertThat(result.rows()).isEqualTo(4);
    assertThat(result.errors())
        .extracting(RowError::row, RowError::column)
        .containsExactly(
            tuple(2, "tier"),
            tuple(2, "email"),
            tuple(4, "role"),
            tuple(4, "phone"),
            tuple(4, "timezone"),
            tuple(5, "account_id"),
            tuple(5, "first_name"));
  }

  @Test
  void errorsFollowTheColumnOrderOfTheFile() {
    String content =
        "role,email,account_id,account_name,tier,owner,first_name\n"
            + "boss,nope,acme,Acme,1:1,jane,\n";

    assertThat(Tal.read(content).errors())
        .extracting(RowError::row, RowError::column)
        .containsExactly(tuple(2, "role"), tuple(2, "email"), tuple(2, "first_name"));
  }

  @Test
  void missingRequiredColumnsAreOneErrorNamingThemAll() {
    String content =
        "account_id,account_name,email,first_name,domain\n"
            + "acme,Acme,ada@acme.example,Ada,acme.example\n";

    TargetAccountCsv.Result result = Tal.read(content);

    assertThat(result.errors())
        .containsExactly(
            new RowError(1, null, "the header is missing the required columns tier, owner, role"));
  }

  @Test
  void anUnknownColumnIsNamedWithTheAcceptedOnes() {
    String content = Tal.HEADER + ",Phone Number\n" + Tal.row() + ",+14155550100\n";

    assertThat(Tal.read(content).errors())
        .containsExactly(
            new RowError(
                1,
                "Phone Number",
                "unknown column 'Phone Number': the accepted columns are account_id,"
                    + " account_name, domain, industry, tier, owner, email, first_name, last_name,"
                    + " title, role, phone, timezone, sms_consent, linkedin_url"));
  }

  @Test
  void aColumnTwiceIsAnError() {
    String content = Tal.HEADER + ",Email\n" + Tal.row() + ",ada@acme.example\n";

    assertThat(Tal.read(content).errors())
        .containsExactly(
            new RowError(
                1,
                "Email",
                "column 'email' appears twice in the header (columns 7 and 15): keep one"));
  }

  @Test
  void unnamedColumnsAreToleratedWhileEmpty() {
    String content =
        Tal.HEADER + ",,\n" + Tal.row() + ",,\n" + Tal.row("email=bob@acme.example") + ",,note\n";

    assertThat(Tal.read(content).errors())
        .containsExactly(
            new RowError(
                3,
                null,
                "'note' is in column 16, which has no name in the header: name the column or move"
                    + " the value"));
  }

  @Test
  void aFileWithoutAHeaderSaysSo() {
    String content = Tal.row() + "\n" + Tal.row("email=bob@acme.example") + "\n";

    assertThat(Tal.read(content).errors())
        .containsExactly(
            new RowError(
                1,
                null,
                "the first row must be the header, naming the columns (account_id, account_name,"
                    + " domain, industry, tier, owner, email, first_name, last_name, title, role,"
                    + " phone, timezone, sms_consent, linkedin_url); found 'acme', 'Acme Corp', 'acme.example',"
                    + " 'SaaS', '1:few' instead"));
  }

  @Test
  void aFileSavedWithSemicolonsOrTabsSaysSo() {
    String semicolons = Tal.csv(Tal.row()).replace(',', ';');
    String tabs = Tal.csv(Tal.row()).replace(',', '\t');

    assertThat(Tal.read(semicolons).errors())
        .containsExactly(
            new RowError(
                1,
                null,
                "the values are separated by semicolons, not commas: save the file as \"CSV UTF-8"
                    + " (comma delimited)\""));
    assertThat(Tal.read(tabs).errors())
        .singleElement()
        .extracting(RowError::message)
        .asString()
        .startsWith("the values are separated by tabs, not commas");
  }

  @Test
  void anEmptyFileOrAHeaderAloneHasNoRows() {
    for (String content : List.of("", "\n\n", "\uFEFF", Tal.HEADER, Tal.HEADER + "\n\n,,,\n")) {
      TargetAccountCsv.Result result = Tal.read(content);

      assertThat(result.rows()).isZero();
      assertThat(result.errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.row()).isNull();
                assertThat(e.column()).isNull();
                assertThat(e.message()).startsWith("no rows: ");
              });
    }
  }

  @Test
  void aQuoteNeverClosedIsReportedOnTheRowWhereItOpens() {
    String content =
        Tal.csv(Tal.row(), Tal.row("email=bob@acme.example"))
            + Tal.row("email=cy@acme.example").replace("CTO", "\"CTO, still open")
            + "\n"
            + Tal.row("email=di@acme.example")
            + "\n";

    TargetAccountCsv.Result result = Tal.read(content);

    assertThat(result.errors())
        .containsExactly(
            new RowError(
                4,
                null,
                "a value in double quotes starts in this row and is never closed: the file ends"
                    + " inside the quotes; add the missing \""));
  }

  @Test
  void textAfterAClosingQuoteIsReportedAndReadingStops() {
    String content =
        Tal.csv(Tal.row("email=nope"))
            + Tal.row("email=bob@acme.example").replace("CTO", "\"Chief\" Technology Officer")
            + "\n"
            + Tal.row("email=also-bad")
            + "\n";

    TargetAccountCsv.Result result = Tal.read(content);

    assertThat(result.errors())
        .extracting(RowError::row, RowError::column)
        .containsExactly(tuple(3, null), tuple(2, "email"));
    assertThat(result.errors().get(0).message())
        .startsWith("a value in double quotes is followed by more text before the next comma")
        .endsWith("the rest of the file was not read");
  }
}
