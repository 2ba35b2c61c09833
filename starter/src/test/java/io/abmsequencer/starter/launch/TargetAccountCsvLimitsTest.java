package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Limits that keep a hostile or mistaken upload from costing more than a big honest one. */
class TargetAccountCsvLimitsTest {

  @Test
  void aHundredThousandValidRowsAreAccepted() {
    TargetAccountCsv.Result result =
        TargetAccountCsv.read(GeneratedCsv.validContacts(TargetAccountCsv.MAX_ROWS));

    assertThat(result.errors()).isEmpty();
    assertThat(result.rows()).isEqualTo(100_000);
    assertThat(result.accounts()).hasSize(20_000);
  }

  @Test
  void oneRowMoreIsRefused() {
    TargetAccountCsv.Result result =
        TargetAccountCsv.read(GeneratedCsv.validContacts(TargetAccountCsv.MAX_ROWS + 1));

    assertThat(result.accounts()).isEmpty();
    assertThat(result.rows()).isEqualTo(100_000);
    assertThat(result.errors())
        .containsExactly(
            RowError.file(
                "the file has more than 100,000 rows, the most one upload can have: split it into"
                    + " several files; reading stopped at row 100,002"));
  }

  @Test
  void readingStopsAtTheLimitInsteadOfReadingAnEndlessFile() {
    GeneratedCsv endless = GeneratedCsv.validContacts(Long.MAX_VALUE);

    TargetAccountCsv.Result result = TargetAccountCsv.read(endless);

    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("the file has more than 100,000 rows"));
    long oneRow = GeneratedCsv.contact(0).length();
    assertThat(endless.bytesRead).isLessThan((TargetAccountCsv.MAX_ROWS + 1_000) * (oneRow + 20));
  }

  @Test
  void endlessEmptyRowsAreRefusedToo() {
    GeneratedCsv endless = new GeneratedCsv(Tal.HEADER, i -> ",,,", Long.MAX_VALUE);

    TargetAccountCsv.Result result = TargetAccountCsv.read(endless);

    assertThat(result.errors())
        .containsExactly(
            RowError.file(
                "the file has more than 100,000 empty rows; the rest of the file was not read"));
  }

  @Test
  void aQuoteThatNeverClosesStopsTheReadingOfAnEndlessValue() {
    GeneratedCsv endless =
        new GeneratedCsv(Tal.HEADER, i -> i == 0 ? "acme,\"Acme" : "x".repeat(100), Long.MAX_VALUE);

    TargetAccountCsv.Result result = TargetAccountCsv.read(endless);

    assertThat(result.errors())
        .containsExactly(
            new RowError(
                2,
                null,
                "the row starting here is longer than 100,000 characters, most likely because a"
                    + " quote (\") is never closed; the rest of the file was not read"));
    assertThat(endless.bytesRead).isLessThan(200_000);
  }

  @Test
  void fiveThousandErrorsAreCappedAtAThousandAndCounted() {
    GeneratedCsv badTiers =
        new GeneratedCsv(
            Tal.HEADER, i -> Tal.row("email=p" + i + "@acme.example", "tier=gold"), 5_000);

    TargetAccountCsv.Result result = TargetAccountCsv.read(badTiers);

    List<RowError> errors = result.errors();
    assertThat(result.rows()).isEqualTo(5_000);
    assertThat(errors).hasSize(TargetAccountCsv.MAX_ERRORS + 1);
    assertThat(errors.subList(0, 1_000))
        .allSatisfy(e -> assertThat(e.column()).isEqualTo("tier"))
        .extracting(RowError::row)
        .startsWith(2, 3, 4)
        .endsWith(1_001);
    assertThat(errors.get(1_000)).isEqualTo(RowError.file("... and 4,000 more errors"));
  }

  @Test
  void aFatalErrorIsListedFirstEvenWhenTheCapIsReached() {
    GeneratedCsv badTiersThenTooMany =
        new GeneratedCsv(
            Tal.HEADER,
            i -> Tal.row("account_id=a" + i, "tier=gold"),
            TargetAccountCsv.MAX_ROWS + 1);

    List<RowError> errors = TargetAccountCsv.read(badTiersThenTooMany).errors();

    assertThat(errors).hasSize(1_001);
    assertThat(errors.get(0).message()).startsWith("the file has more than 100,000 rows");
    assertThat(errors.get(1))
        .extracting(RowError::row, RowError::column)
        .containsExactly(2, "tier");
    assertThat(errors.get(1_000)).isEqualTo(RowError.file("... and 99,001 more errors"));
  }

  @Test
  void exactlyOneErrorPastTheCapIsCountedInTheSingular() {
    GeneratedCsv badTiers =
        new GeneratedCsv(
            Tal.HEADER, i -> Tal.row("email=p" + i + "@acme.example", "tier=gold"), 1_001);

    List<RowError> errors = TargetAccountCsv.read(badTiers).errors();

    assertThat(errors).hasSize(1_001).last().isEqualTo(RowError.file("... and 1 more error"));
  }
}
