package io.abmsequencer.worker.devserver;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/** Release archives as the official ones are laid out, and a mirror on loopback that serves them. */
final class CliArchives {

  private CliArchives() {}

  /** A {@code .tar.gz} holding {@code LICENSE} and {@code temporal} (mode 755), like the release. */
  static byte[] tarGz(byte[] executable) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 1 << 16)) {
      entry(gzip, "LICENSE", "MIT License\n".getBytes(StandardCharsets.US_ASCII));
      entry(gzip, "temporal", executable);
      gzip.write(new byte[1024]); // two empty blocks end the archive
    }
    return bytes.toByteArray();
  }

  /** Streams the archive of a big executable to a file instead of memory. */
  static void tarGz(Path executable, Path archive) throws IOException {
    // The fastest compression: 160 MB at the default level takes most of the test's time.
    try (OutputStream out = Files.newOutputStream(archive);
        GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
          {
            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
          }
        }) {
      entry(gzip, "LICENSE", "MIT License\n".getBytes(StandardCharsets.US_ASCII));
      long size = Files.size(executable);
      gzip.write(header("temporal", size));
      try (InputStream in = Files.newInputStream(executable)) {
        in.transferTo(gzip);
      }
      gzip.write(new byte[(int) ((512 - size % 512) % 512)]);
      gzip.write(new byte[1024]);
    }
  }

  private static void entry(OutputStream out, String name, byte[] data) throws IOException {
    out.write(header(name, data.length));
    out.write(data);
    out.write(new byte[(512 - data.length % 512) % 512]);
  }

  private static byte[] header(String name, long size) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000755");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", size));
    put(header, 136, String.format("%011o", 1_700_000_000L));
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) header[i] = ' ';
    long sum = 0;
    for (byte b : header) sum += b & 0xff;
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    return header;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  /**
   * A real Temporal CLI executable on this machine (not a wrapper script such as pyenv's shim), or
   * empty: {@code .ci/run} links the one pip installs into {@code /usr/local/bin}.
   */
  static Optional<Path> realExecutable() {
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "temporal");
      try {
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && !isScript(candidate)) {
          return Optional.of(candidate.toRealPath());
        }
      } catch (IOException e) {
        // unreadable: try the next one
      }
    }
    return Optional.empty();
  }

  private static boolean isScript(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] start = in.readNBytes(2);
      return start.length == 2 && start[0] == '#' && start[1] == '!';
    }
  }

  /** An HTTP server on 127.0.0.1 serving fixed bodies by path, counting requests. */
  static final class Mirror implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    Mirror() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        requests.incrementAndGet();
        Path file = files.get(exchange.getRequestURI().getPath());
        if (file == null) {
          exchange.sendResponseHeaders(404, -1);
        } else {
          exchange.getResponseHeaders().add("Content-Type", "application/gzip");
          exchange.sendResponseHeaders(200, Files.size(file));
          try (OutputStream body = exchange.getResponseBody()) {
            Files.copy(file, body);
          }
        }
        exchange.close();
      });
      server.start();
    }

    /** Serves {@code file} at {@code path}; returns the download URL template for it. */
    String serve(String path, Path file) {
      files.put(path, file);
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
