package io.abmsequencer.starter.launch;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A CSV produced line by line as it is read, so tests can feed big or endless files without holding
 * them in memory. Counts the bytes handed out, to prove a reader stopped early.
 */
final class GeneratedCsv extends InputStream {
  private final String header;
  private final IntFunction<String> line;
  private final long lines;
  private long next = -1;
  private byte[] current = new byte[0];
  private int position;
  long bytesRead;

  /**
   * @param header the first line, or null for none
   * @param line the text of data line i (0-based), without its line break
   * @param lines how many data lines; {@link Long#MAX_VALUE} for endless
   */
  GeneratedCsv(String header, IntFunction<String> line, long lines) {
    this.header = header;
    this.line = line;
    this.lines = lines;
  }

  /** A valid file of {@code rows} contacts, five per account, a phone on every tenth row. */
  static GeneratedCsv validContacts(long rows) {
    return new GeneratedCsv(Tal.HEADER, GeneratedCsv::contact, rows);
  }

  static String contact(int i) {
    int account = i / 5;
    return String.join(
        ",",
        "acct-" + account,
        "Account " + account,
        "acct" + account + ".example",
        "SaaS",
        account % 3 == 0 ? "1:1" : account % 3 == 1 ? "1:few" : "1:many",
        "jane.doe@yourco.example",
        "person" + i + "@acct" + account + ".example",
        "Zoë",
        "O'Brien",
        "VP Engineering",
        "technical evaluator",
        i % 10 == 0 ? "+1 415 555 " + (1000 + i % 9000) : "",
        "Europe/Berlin",
        i % 10 == 0 ? "yes" : "");
  }

  private boolean advance() {
    while (position >= current.length) {
      next++;
      String text;
      if (next == 0 && header != null) {
        text = header;
      } else {
        long index = header != null ? next - 1 : next;
        if (index >= lines) {
          return false;
        }
        text = line.apply((int) index);
      }
      current = (text + "\n").getBytes(StandardCharsets.UTF_8);
      position = 0;
    }
    return true;
  }

  @Override
  public int read() {
    if (!advance()) {
      return -1;
    }
    bytesRead++;
    return current[position++] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (!advance()) {
      return -1;
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, target, offset, n);
    position += n;
    bytesRead += n;
    return n;
  }
}
