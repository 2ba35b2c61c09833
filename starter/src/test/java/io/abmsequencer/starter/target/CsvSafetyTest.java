package io.abmsequencer.starter.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Formulas are refused on upload; anything that only starts like one is data, and every
 * formula-looking cell is neutralised when the product exports a CSV.
 */
class CsvSafetyTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          =SUM(A1:A9)                               | '=SUM(A1:A9)
          "=HYPERLINK(""http://x.example"",""hi"")" | "'=HYPERLINK(""http://x.example"",""hi"")"
          +1+2                                      | '+1+2
          -2+3                                      | '-2+3
          @SUM(A1)                                  | '@SUM(A1)
          +44 20 7946 0958                          | '+44 20 7946 0958
          """)
  void aCellThatSpreadsheetsWouldRunGetsAQuoteInFront(String cell, String exported) {
    assertThat(CsvSafety.looksLikeFormula(cell)).isTrue();
    assertThat(CsvSafety.neutralise(cell)).isEqualTo(exported);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\t=1+2", "\r=1+2"})
  void aTabOrCarriageReturnInFrontIsNeutralisedToo(String cell) {
    assertThat(CsvSafety.neutralise(cell)).isEqualTo("'" + cell);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+14155550100",
        "+442079460958",
        "Acme = best",
        "O'Brien",
        "Zoë",
        "a-b",
        "1:1",
        "ada@acme.example",
        ""
      })
  void plainValuesAndE164PhonesAreLeftAlone(String cell) {
    assertThat(CsvSafety.looksLikeFormula(cell)).isFalse();
    assertThat(CsvSafety.neutralise(cell)).isSameAs(cell);
  }

  @ParameterizedTest
  @ValueSource(strings = {"=1+2", "=HYPERLINK(\"http://x.example\",\"hi\")", "=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "=", "-sum(A1:A2)"})
  void formulasAreNotData(String value) {
    assertThat(CsvSafety.isFormula(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"+Ada", "-Lovelace", "-", "@SaaS", "@Home (UK)", "+44 20 7946 0958", "+1-415-555-0100", "Acme = best", "O'Brien", "- Founder | CEO",
      "-- legal (ticket|123)", ""})
  void valuesThatOnlyStartLikeAFormulaAreData(String value) {
    assertThat(CsvSafety.isFormula(value)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void nullStaysNull() {
    assertThat(CsvSafety.neutralise(null)).isNull();
  }
}
