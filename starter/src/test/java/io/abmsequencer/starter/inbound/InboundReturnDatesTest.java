package io.abmsequencer.starter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Return dates in out-of-office text, written on 21 December 2026 unless a test says otherwise. */
class InboundReturnDatesTest {

  static final LocalDate WRITTEN = LocalDate.of(2026, 12, 21);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      I will be back on January 12.                                | 2027-01-12
      I'm returning Jan 12, 2027.                                  | 2027-01-12
      Returning Jan. 12th                                          | 2027-01-12
      Back 12 January.                                             | 2027-01-12
      Out until the 12th of January                                | 2027-01-12
      Away until 2027-01-12                                        | 2027-01-12
      Ich bin bis 12.01.2027 nicht im Büro.                        | 2027-01-12
      Ich bin bis zum 12.01. nicht im Büro.                        | 2027-01-12
      Ich bin bis 12.1.27 nicht im Büro.                           | 2027-01-12
      Bin ab dem 12. Januar 2027 wieder da.                        | 2027-01-12
      Je serai de retour le 12 janvier.                            | 2027-01-12
      Je suis absent jusqu'au 12 janv. 2027.                       | 2027-01-12
      Estaré fuera hasta el 12 de enero de 2027.                   | 2027-01-12
      Ik ben afwezig tot en met 12 januari.                        | 2027-01-12
      Vanaf 12 januari ben ik weer aanwezig.                       | 2027-01-12
      Off from December 22 until January 8, back on January 12.    | 2027-01-12
      Back on January 12. Until January 11 please write to ops@.   | 2027-01-12
      Out of office from 22 December to 8 January                  | 2027-01-08
      Back on March 3                                              | 2027-03-03
      Back on December 22                                          | 2026-12-22
      """)
  void readsTheReturnDate(String text, LocalDate expected) {
    assertThat(ReturnDates.find(text, WRITTEN)).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      I am out of the office with limited access to email.
      Back on 31.02.2027
      Back on 01/12/2027
      Version 2.1 of the report
      """)
  void findsNoDateWhereThereIsNone(String text) {
    assertThat(ReturnDates.find(text, WRITTEN)).isEmpty();
  }

  @Test
  void aDateWithoutAYearIsTheNextOneAfterTheNoteWasWritten() {
    assertThat(ReturnDates.find("back on January 12", LocalDate.of(2027, 1, 20))).contains(LocalDate.of(2028, 1, 12));
    assertThat(ReturnDates.find("back on January 12", LocalDate.of(2027, 1, 12))).contains(LocalDate.of(2027, 1, 12));
  }
}
