package io.abmsequencer.starter.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly (any malformed byte is an error, never a replacement character), drops a
 * leading byte order mark, counts lines so an error can say where the first bad byte is, and caps
 * how many characters one CSV record may take so a hostile file (say, one quote never closed)
 * cannot fill memory. Does not close the stream it reads: the caller owns it.
 */
final class StrictUtf8Reader extends Reader {

  /** The bytes are not UTF-8; {@link #line} is where the first bad byte is (lines start at 1). */
  static final class NotUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;
    final long line;

    NotUtf8Exception(long line) {
      super("not UTF-8 at line " + line);
      this.line = line;
    }
  }

  /** More characters than allowed were read since the last record boundary. */
  static final class RecordTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    RecordTooLongException() {
      super("record too long");
    }
  }

  private static final int BUFFER = 8192;
  private static final char BOM = '\uFEFF';

  private final InputStream in;
  private final long maxCharsPerRecord;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
  private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
  private boolean endOfBytes;
  private boolean finished;
  private boolean malformed;
  private boolean started;
  private long line = 1;
  private boolean lastWasCr;
  private long charsSinceBoundary;

  StrictUtf8Reader(InputStream in, long maxCharsPerRecord) {
    this.in = in;
    this.maxCharsPerRecord = maxCharsPerRecord;
  }

  /** Called after each CSV record: the per-record cap counts from here. */
  void recordBoundary() {
    charsSinceBoundary = 0;
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !fill()) {
      if (malformed) {
        throw new NotUtf8Exception(line);
      }
      return -1;
    }
    int n = Math.min(length, chars.remaining());
    chars.get(target, offset, n);
    countLines(target, offset, n);
    charsSinceBoundary += n;
    if (charsSinceBoundary > maxCharsPerRecord) {
      throw new RecordTooLongException();
    }
    return n;
  }

  /** Decodes the next chunk into {@link #chars}; false when nothing more can be delivered. */
  private boolean fill() throws IOException {
    if (finished || malformed) {
      return false;
    }
    chars.clear();
    while (chars.position() == 0) {
      CoderResult result = decoder.decode(bytes, chars, endOfBytes);
      if (result.isError()) {
        // Deliver what decoded cleanly first; the error surfaces on the next read, with the line
        // counted over every character before the bad byte.
        malformed = true;
        break;
      }
      if (result.isOverflow()) {
        break;
      }
      if (endOfBytes) {
        decoder.flush(chars);
        finished = true;
        break;
      }
      readBytes();
    }
    chars.flip();
    if (!started && chars.hasRemaining()) {
      started = true;
      if (chars.get(0) == BOM) {
        chars.get();
        if (!chars.hasRemaining()) {
          return fill();
        }
      }
    }
    return chars.hasRemaining();
  }

  private void readBytes() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    if (n < 0) {
      endOfBytes = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  private void countLines(char[] text, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      char c = text[i];
      if (c == '\r') {
        line++;
      } else if (c == '\n' && !lastWasCr) {
        line++;
      }
      lastWasCr = c == '\r';
    }
  }

  @Override
  public void close() {
    // The caller owns the stream.
  }
}
