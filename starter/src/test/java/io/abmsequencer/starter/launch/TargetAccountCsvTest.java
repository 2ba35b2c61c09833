package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.abmsequencer.starter.target.CsvSafety;
import io.abmsequencer.workflows.playbook.Role;
import io.abmsequencer.workflows.playbook.Tier;
import io.abmsequencer.workflows.sequence.ContactIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Valid files: what comes out, and the format's freedoms (BOM, column order, quoting, empty rows).
 */
class TargetAccountCsvTest {

  @Test
  void readsTheExampleFileWithItsThreeAccountsAndCommittees() {
    TargetAccountCsv.Result result = Tal.readResource("happy-bom.csv");

    assertThat(result.errors()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(result.rows()).isEqualTo(10);
    assertThat(result.accounts())
        .extracting(
            TargetAccount::accountId,
            TargetAccount::name,
            TargetAccount::domain,
            TargetAccount::industry,
            TargetAccount::tier,
            TargetAccount::owner,
            TargetAccount::firstRow,
            a -> a.contacts().size())
        .containsExactly(
            tuple(
                "northwind-pay",
                "Northwind Pay",
                "northwindpay.example",
                "Fintech",
                Tier.ONE_TO_ONE,
                "jane.doe@yourco.example",
                2,
                5),
            tuple(
                "sakura-freight",
                "Sakura Freight",
                "sakura-freight.example",
                "Logistics",
                Tier.ONE_TO_FEW,
                "sam.lee",
                7,
                2),
            tuple(
                "globex",
                "Globex, Inc.",
                "globex.example",
                "SaaS",
                Tier.ONE_TO_MANY,
                "sam.lee@yourco.example",
                9,
                3));
  }

  @Test
  void contactsComeOutNormalisedWithNamesUnchanged() {
    List<TargetAccount> accounts = Tal.readResource("happy-bom.csv").accounts();

    assertThat(accounts.get(0).contacts().get(0))
        .isEqualTo(
            new TargetContact(
                2,
                ContactIds.of("zoe.obrien@northwindpay.example"),
                "zoe.obrien@northwindpay.example",
                "Zoë",
                "O'Brien",
                "Chief Financial Officer",
                Role.ECONOMIC_BUYER,
                "+14155550100",
                "America/Los_Angeles",
                true,
                null));
    assertThat(accounts.get(0).contacts())
        .extracting(
            TargetContact::firstName,
            TargetContact::lastName,
            TargetContact::title,
            TargetContact::role,
            TargetContact::phone,
            TargetContact::timeZone,
            TargetContact::smsConsent)
        .containsExactly(
            tuple(
                "Zoë",
                "O'Brien",
                "Chief Financial Officer",
                Role.ECONOMIC_BUYER,
                "+14155550100",
                "America/Los_Angeles",
                true),
            tuple(
                "José",
                "Ñandú",
                "VP, Engineering",
                Role.TECHNICAL_EVALUATOR,
                null,
                "America/Los_Angeles",
                false),
            tuple(
                "Priya",
                "Raman",
                "Head of Payments Operations",
                Role.CHAMPION,
                "+442079460958",
                "Europe/London",
                false),
            tuple(
                "Máire",
                "O'Connor",
                "Chief Information Security Officer",
                Role.BLOCKER,
                null,
                "Europe/London",
                false),
            tuple(
                "Wei",
                "Chen",
                "Chief Executive Officer",
                Role.EXECUTIVE_SPONSOR,
                null,
                null,
                false));
    assertThat(accounts.get(1).contacts())
        .extracting(
            TargetContact::row,
            TargetContact::firstName,
            TargetContact::lastName,
            TargetContact::title,
            TargetContact::role,
            TargetContact::phone,
            TargetContact::timeZone,
            TargetContact::smsConsent)
        .containsExactly(
            tuple(7, "太郎", "山田", "物流部長", Role.ECONOMIC_BUYER, "+81312345678", "Asia/Tokyo", true),
            tuple(8, "花子", "佐藤", "Operations Manager", Role.END_USER, null, "Asia/Tokyo", false));
    assertThat(accounts.get(2).contacts())
        .extracting(
            TargetContact::email,
            TargetContact::firstName,
            TargetContact::lastName,
            TargetContact::title,
            TargetContact::role,
            TargetContact::smsConsent)
        .containsExactly(
            tuple(
                "dana.kim@globex.example",
                "Dana",
                "Kim",
                "Procurement Lead",
                Role.INFLUENCER,
                false),
            tuple(
                "b.muller@globex.example",
                "Björn",
                "Müller-Lüdenscheidt",
                "Platform Engineer",
                Role.END_USER,
                true),
            tuple(
                "DArcy.dArtagnan@Globex.example",
                "D'Arcy",
                "d'Artagnan",
                null,
                Role.CHAMPION,
                false));
  }

  @Test
  void theContactIdIsDerivedFromTheEmailWhateverItsCase() {
    TargetContact contact =
        Tal.read(Tal.csv(Tal.row("email=  Ada.Lovelace@ACME.example ")))
            .accounts()
            .get(0)
            .contacts()
            .get(0);

    assertThat(contact.email()).isEqualTo("Ada.Lovelace@ACME.example");
    assertThat(contact.contactId()).isEqualTo(ContactIds.of("ada.lovelace@acme.example"));
  }

  @Test
  void aByteOrderMarkMakesNoDifference() {
    String content = Tal.csv(Tal.row(), Tal.row("email=bob@acme.example"));
    byte[] plain = content.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = ("\uFEFF" + content).getBytes(StandardCharsets.UTF_8);

    TargetAccountCsv.Result withoutBomResult = Tal.read(plain);
    TargetAccountCsv.Result withBomResult = Tal.read(withBom);

    assertThat(withBom).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(withoutBomResult.ok()).isTrue();
    assertThat(withBomResult).isEqualTo(withoutBomResult);
  }

  @Test
  void columnsMayComeInAnyOrderWithHeadersInAnyCaseAndPadded() {
    String content =
        " EMAIL ,Role,First_Name,account_id,Account_Name,TIER,owner\n"
            + "ada@acme.example,champion,Ada,acme,Acme Corp,1:1,jane\n";

    TargetAccountCsv.Result result = Tal.read(content);

    assertThat(result.errors()).isEmpty();
    TargetAccount account = result.accounts().get(0);
    assertThat(account.tier()).isEqualTo(Tier.ONE_TO_ONE);
    assertThat(account.domain()).isNull();
    assertThat(account.industry()).isNull();
    assertThat(account.contacts().get(0))
        .extracting(
            TargetContact::email,
            TargetContact::role,
            TargetContact::lastName,
            TargetContact::phone,
            TargetContact::timeZone,
            TargetContact::smsConsent)
        .containsExactly("ada@acme.example", Role.CHAMPION, null, null, null, false);
  }

  @Test
  void headerNamesMayCarryInvisibleSpacesFromSpreadsheets() {
    String content = Tal.csv(Tal.row()).replaceFirst("account_id", "\u200Baccount_id\u00A0");

    assertThat(Tal.read(content).errors()).isEmpty();
  }

  @Test
  void quotedValuesMayHoldCommasQuotesAndLineBreaks_rowsAreNumberedByTheLineTheyStartOn() {
    String content =
        Tal.csv(
            Tal.row("title=Head of\nPayments, EMEA"),
            Tal.row("email=bob@acme.example", "title=The \"Fixer\"\nand\nfriend"),
            Tal.row("email=cy@acme.example"));

    TargetAccountCsv.Result result = Tal.read(content);

    assertThat(result.errors()).isEmpty();
    assertThat(result.accounts().get(0).contacts())
        .extracting(TargetContact::row, TargetContact::title)
        .containsExactly(
            tuple(2, "Head of\nPayments, EMEA"),
            tuple(4, "The \"Fixer\"\nand\nfriend"),
            tuple(7, "CTO"));
  }

  @Test
  void windowsLineEndingsCountAsOneLineEach() {
    String content =
        (Tal.csv(Tal.row("title=Line one\r\nline two"), Tal.row("email=bob@acme.example")))
            .replace("\n", "\r\n")
            .replace("\r\r\n", "\r\n");

    TargetAccountCsv.Result result = Tal.read(content);

    assertThat(result.errors()).isEmpty();
    assertThat(result.accounts().get(0).contacts())
        .extracting(TargetContact::row)
        .containsExactly(2, 4);
  }

  @Test
  void emptyRowsAreSkippedButStillCountAsLines() {
    String content =
        Tal.HEADER
            + "\n\n"
            + Tal.row()
            + "\n,,,,,,,,,,,,,\n\n"
            + Tal.row("email=bob@acme.example")
            + "\n\n";

    TargetAccountCsv.Result result = Tal.read(content);

    assertThat(result.errors()).isEmpty();
    assertThat(result.rows()).isEqualTo(2);
    assertThat(result.accounts().get(0).contacts())
        .extracting(TargetContact::row)
        .containsExactly(3, 6);
  }

  @Test
  void theLastRowNeedsNoLineBreak() {
    String content = Tal.HEADER + "\n" + Tal.row();

    assertThat(Tal.read(content).accounts()).hasSize(1);
  }

  @Test
  void theSameEmailMayBeInTwoDifferentAccounts() {
    TargetAccountCsv.Result result =
        Tal.read(Tal.csv(Tal.row(), Tal.row("account_id=globex", "account_name=Globex")));

    assertThat(result.errors()).isEmpty();
    assertThat(result.accounts())
        .extracting(TargetAccount::accountId)
        .containsExactly("acme", "globex");
  }

  @Test
  void acceptsEveryWayOfWritingTiersRolesAndConsent() {
    TargetAccountCsv.Result result =
        Tal.read(
            Tal.csv(
                Tal.row("account_id=a1", "tier=1:1", "role=ECONOMIC_BUYER", "sms_consent=TRUE"),
                Tal.row(
                    "account_id=a2", "tier=one_to_few", "role=Economic Buyer", "sms_consent=Yes"),
                Tal.row("account_id=a3", "tier=1:MANY", "role=economic-buyer", "sms_consent=1"),
                Tal.row(
                    "account_id=a4",
                    "tier=One to One",
                    "role= executive  sponsor ",
                    "sms_consent=")));

    assertThat(result.errors()).isEmpty();
    assertThat(result.accounts())
        .extracting(
            TargetAccount::tier,
            a -> a.contacts().get(0).role(),
            a -> a.contacts().get(0).smsConsent())
        .containsExactly(
            tuple(Tier.ONE_TO_ONE, Role.ECONOMIC_BUYER, true),
            tuple(Tier.ONE_TO_FEW, Role.ECONOMIC_BUYER, true),
            tuple(Tier.ONE_TO_MANY, Role.ECONOMIC_BUYER, true),
            tuple(Tier.ONE_TO_ONE, Role.EXECUTIVE_SPONSOR, false));
  }

  @Test
  void cellsThatOnlyLookLikeSpreadsheetFormulasAreKeptAsData() {
    TargetAccountCsv.Result result =
        Tal.read(
            Tal.csv(
                Tal.row(
                    "industry=@SaaS",
                    "first_name=+Ada",
                    "last_name=-Lovelace",
                    "phone=+44 20 7946 0958")));

    assertThat(result.errors()).isEmpty();
    TargetAccount account = result.accounts().get(0);
    TargetContact contact = account.contacts().get(0);
    assertThat(account.industry()).isEqualTo("@SaaS");
    assertThat(contact.firstName()).isEqualTo("+Ada");
    assertThat(contact.lastName()).isEqualTo("-Lovelace");
    assertThat(contact.phone()).isEqualTo("+442079460958");
    assertThat(CsvSafety.neutralise(contact.firstName())).isEqualTo("'+Ada");
    assertThat(CsvSafety.neutralise(contact.phone())).isEqualTo("+442079460958");
  }

  @Test
  void spreadsheetFormulasAreRefusedWithTheirRowAndColumn() {
    TargetAccountCsv.Result result =
        Tal.read(
            Tal.csv(
                Tal.row(
                    "account_name==HYPERLINK(\"http://evil.example\",\"Acme\")",
                    "title==1+2",
                    "last_name=+cmd|' /C calc'!A0")));

    assertThat(result.accounts()).isEmpty();
    assertThat(result.errors())
        .extracting(RowError::row, RowError::column)
        .containsExactlyInAnyOrder(tuple(2, "account_name"), tuple(2, "title"), tuple(2, "last_name"));
    assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).contains("is a spreadsheet formula"));
  }

  @Test
  void theResultIsImmutable() {
    TargetAccountCsv.Result result = Tal.readResource("happy-bom.csv");

    assertThat(result.accounts()).isUnmodifiable();
    assertThat(result.accounts().get(0).contacts()).isUnmodifiable();
    assertThat(Tal.read("").errors()).isUnmodifiable();
  }

  @Test
  void linkedInProfilesAreReadAndChecked() {
    TargetAccountCsv.Result ok = TargetAccountCsv.read(new java.io.ByteArrayInputStream("""
        account_id,account_name,tier,owner,email,first_name,role,linkedin_url
        acme,Acme,1:few,sam,ana@acme.example,Ana,CHAMPION,https://www.linkedin.com/in/ana-lima-example
        acme,Acme,1:few,sam,bo@acme.example,Bo,END_USER,
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(ok.errors()).isEmpty();
    assertThat(ok.accounts().get(0).contacts()).extracting(TargetContact::linkedinUrl)
        .containsExactly("https://www.linkedin.com/in/ana-lima-example", null);

    TargetAccountCsv.Result bad = TargetAccountCsv.read(new java.io.ByteArrayInputStream("""
        account_id,account_name,tier,owner,email,first_name,role,linkedin_url
        acme,Acme,1:few,sam,ana@acme.example,Ana,CHAMPION,http://evil.example/in/ana
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(bad.errors()).singleElement().satisfies(e -> {
      assertThat(e.row()).isEqualTo(2);
      assertThat(e.column()).isEqualTo("linkedin_url");
      assertThat(e.message()).contains("not a LinkedIn profile address");
    });
  }
}
