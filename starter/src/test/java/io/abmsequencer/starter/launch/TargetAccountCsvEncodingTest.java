package io.abmsequencer.starter.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file must be UTF-8: decoded strictly, never with replacement characters. */
class TargetAccountCsvEncodingTest {

  private static byte[] bytes(String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String part : parts) {
      out.writeBytes(part.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void aLatin1FileIsRefusedWithTheLineOfTheFirstBadByte() {
    // "Zoë" saved by a spreadsheet as Windows-1252 / ISO-8859-1: ë is the single byte 0xEB.
    String content =
        Tal.csv(
            Tal.row(),
            Tal.row("email=bob@acme.example"),
            Tal.row("email=zoe@acme.example", "first_name=Zoë"));
    byte[] latin1 = content.getBytes(StandardCharsets.ISO_8859_1);

    TargetAccountCsv.Result result = Tal.read(latin1);

    assertThat(result.accounts()).isEmpty();
    assertThat(result.errors())
        .containsExactly(
            RowError.file("the file is not UTF-8: first bad byte at line 4; save it as CSV UTF-8"));
  }

  @Test
  void theBadByteIsLocatedByLineEvenInsideAMultiLineValueAndWithWindowsLineEndings() {
    byte[] content =
        concat(
            bytes(Tal.HEADER, "\r\n", Tal.row(), "\r\n"),
            bytes(Tal.row("email=bob@acme.example", "title=Head\r\nof\r\nX").replace("X", "")),
            new byte[] {(byte) 0xE9},
            bytes("\r\n"));

    assertThat(Tal.read(content).errors())
        .containsExactly(
            RowError.file("the file is not UTF-8: first bad byte at line 5; save it as CSV UTF-8"));
  }

  @Test
  void errorsFoundBeforeTheBadByteAreListedAfterIt() {
    byte[] content =
        concat(bytes(Tal.csv(Tal.row("tier=gold"))), new byte[] {'x', (byte) 0xFF, '\n'});

    assertThat(Tal.read(content).errors())
        .containsExactly(
            RowError.file("the file is not UTF-8: first bad byte at line 3; save it as CSV UTF-8"),
            new RowError(
                2,
                "tier",
                "'gold' is not a tier: expected 1:1, 1:few or 1:many (or ONE_TO_ONE, ONE_TO_FEW,"
                    + " ONE_TO_MANY)"));
  }

  @Test
  void aMultiByteCharacterCutShortAtTheEndIsAnError() {
    byte[] whole = bytes(Tal.csv(Tal.row()), "太");
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);

    assertThat(Tal.read(cut).errors())
        .containsExactly(
            RowError.file("the file is not UTF-8: first bad byte at line 3; save it as CSV UTF-8"));
  }

  @Test
  void aUtf16FileIsNotUtf8() {
    byte[] utf16 =
        concat(
            new byte[] {(byte) 0xFF, (byte) 0xFE},
            Tal.csv(Tal.row()).getBytes(StandardCharsets.UTF_16LE));

    assertThat(Tal.read(utf16).errors())
        .containsExactly(
            RowError.file("the file is not UTF-8: first bad byte at line 1; save it as CSV UTF-8"));
  }

  @Test
  void encodedSurrogatesAndOverlongFormsAreNotUtf8() {
    byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF};

    for (byte[] bad : List.of(surrogate, overlongSlash)) {
      assertThat(Tal.read(concat(bytes(Tal.HEADER, "\n"), bad)).errors())
          .containsExactly(
              RowError.file(
                  "the file is not UTF-8: first bad byte at line 2; save it as CSV UTF-8"));
    }
  }

  @Test
  void nonLatinNamesSurviveBeingSplitAcrossReadBuffers() {
    // Enough three- and four-byte characters that some straddle every 8 KiB buffer boundary.
    List<String> rows = new ArrayList<>();
    String name = "山田太郎😀";
    for (int i = 0; i < 2_000; i++) {
      rows.add(
          Tal.row("email=p" + i + "@acme.example", "first_name=" + name + i, "last_name=Ñandú"));
    }

    TargetAccountCsv.Result result = Tal.read(bytes("\uFEFF", Tal.csv(rows)));

    assertThat(result.errors()).isEmpty();
    assertThat(result.accounts().get(0).contacts())
        .hasSize(2_000)
        .allSatisfy(c -> assertThat(c.firstName()).startsWith(name))
        .allSatisfy(c -> assertThat(c.lastName()).isEqualTo("Ñandú"));
  }

  @Test
  void aFailingStreamIsAnIoErrorNotAValidationResult() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("connection reset");
          }
        };

    assertThatThrownBy(() -> TargetAccountCsv.read(broken))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("connection reset");
  }

  @Test
  void theStreamIsLeftOpenForItsOwner() {
    boolean[] closed = {false};
    InputStream in =
        new java.io.ByteArrayInputStream(bytes(Tal.csv(Tal.row()))) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    assertThat(TargetAccountCsv.read(in).ok()).isTrue();
    assertThat(closed[0]).isFalse();
  }
}
