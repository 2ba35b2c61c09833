package io.abmsequencer.worker.devserver;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Downloads a release archive ({@code .tar.gz}), takes the {@code temporal} executable out of it and
 * keeps it only when its SHA-256 is the expected one. Nothing from the download is executable, or in
 * the cache, before that check: a tampered archive leaves nothing behind.
 */
final class CliDownload {

  /** The official archive is about 45 MB, the executable about 160 MB: refuse anything far larger. */
  static final long MAX_ARCHIVE_BYTES = 256L << 20;
  static final long MAX_EXECUTABLE_BYTES = 512L << 20;

  private CliDownload() {}

  static void fetch(String url, String expectedSha256, Path target, Consumer<String> progress) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path archive = Files.createTempFile(dir, "temporal-cli-", ".tar.gz.part");
    Path executable = Files.createTempFile(dir, "temporal-", ".part");
    try {
      download(url, archive, progress);
      String actual = extract(archive, executable);
      if (!actual.equals(expectedSha256)) {
        throw new IOException("the temporal executable in the archive has SHA-256 " + actual + ", expected "
            + expectedSha256 + ": refused, nothing was run or kept");
      }
      Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
      try {
        Files.move(executable, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(executable, target, StandardCopyOption.REPLACE_EXISTING);
      }
      progress.accept("Temporal CLI " + TemporalCli.VERSION + " verified (SHA-256 " + actual + ") and cached in " + target);
    } finally {
      Files.deleteIfExists(archive);
      Files.deleteIfExists(executable);
    }
  }

  private static void download(String url, Path archive, Consumer<String> progress) throws IOException {
    HttpClient http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(20))
        .build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build();
    progress.accept("Downloading the Temporal CLI " + TemporalCli.VERSION + " from " + url);
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(archive)) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (length > MAX_ARCHIVE_BYTES) {
        throw new IOException("the archive is " + length + " bytes, more than the " + MAX_ARCHIVE_BYTES + " allowed");
      }
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      int told = 0;
      for (int n; (n = body.read(buffer)) > 0; ) {
        total += n;
        if (total > MAX_ARCHIVE_BYTES) {
          throw new IOException("the archive is larger than the " + MAX_ARCHIVE_BYTES + " bytes allowed");
        }
        out.write(buffer, 0, n);
        if (length > 0 && total * 10 / length > told) {
          told = (int) (total * 10 / length);
          progress.accept("Temporal CLI download " + told * 10 + " % (" + total / (1 << 20) + " of " + length / (1 << 20) + " MB)");
        }
      }
    }
  }

  /** Writes the archive's {@code temporal} entry to {@code executable}; returns its SHA-256. */
  static String extract(Path archive, Path executable) throws IOException {
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
      byte[] header = new byte[512];
      String longName = null;
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        String name = longName != null ? longName : name(header);
        longName = null;
        long size = size(header);
        long padded = (size + 511) / 512 * 512;
        char type = (char) header[156];
        if (type == 'L' || type == 'x') {
          // GNU long name, or a PAX header that may carry the path of the next entry.
          byte[] data = readExactly(in, size);
          in.skipNBytes(padded - size);
          longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
          continue;
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        if ((type == '0' || type == 0) && base.equals("temporal")) {
          if (size > MAX_EXECUTABLE_BYTES) {
            throw new IOException("the temporal entry is " + size + " bytes, more than the " + MAX_EXECUTABLE_BYTES + " allowed");
          }
          MessageDigest digest = sha256();
          try (OutputStream out = new DigestOutputStream(Files.newOutputStream(executable), digest)) {
            copy(in, out, size);
          }
          return HexFormat.of().formatHex(digest.digest());
        }
        in.skipNBytes(padded);
      }
    } catch (java.io.EOFException e) {
      throw new IOException("the archive ends early", e);
    } catch (java.util.zip.ZipException e) {
      throw new IOException("the archive is not gzip: " + e.getMessage(), e);
    }
    throw new IOException("the archive holds no temporal executable");
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) throw new java.io.EOFException();
      out.write(buffer, 0, n);
      left -= n;
    }
    long padding = (512 - size % 512) % 512;
    in.skipNBytes(padding);
  }

  private static byte[] readExactly(InputStream in, long size) throws IOException {
    if (size > 1 << 20) throw new IOException("an archive header of " + size + " bytes");
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) throw new java.io.EOFException();
    return data;
  }

  private static String name(byte[] header) {
    String name = cString(header, 0, 100);
    String prefix = cString(header, 345, 155);
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static long size(byte[] header) throws IOException {
    if ((header[124] & 0x80) != 0) { // base-256, for entries of 8 GB and more
      long size = 0;
      for (int i = 125; i < 136; i++) size = (size << 8) | (header[i] & 0xff);
      return size;
    }
    String octal = cString(header, 124, 12).trim();
    try {
      return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    } catch (NumberFormatException e) {
      throw new IOException("a corrupt archive header (size '" + octal + "')", e);
    }
  }

  private static String paxPath(byte[] data) {
    for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static String cString(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) end++;
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
