package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Formula-looking cells are neutralised when the product exports a CSV, never on upload. */
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

  @org.junit.jupiter.api.Test
  void nullStaysNull() {
    assertThat(CsvSafety.neutralise(null)).isNull();
  }
}
