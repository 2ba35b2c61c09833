package io.abmsequencer.worker.devserver;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the official Temporal CLI (the {@code temporal} command, which holds the development server
 * with its SQLite persistence and the Web UI), in this order: a configured path, {@code temporal} on
 * the {@code PATH}, our own cache, else the pinned official release downloaded for this platform and
 * verified against a pinned SHA-256 before it is run, as Temporal's Python, TypeScript and .NET SDKs
 * do for their local development server ({@code start_local}).
 *
 * <p>Why pin the executable's digest rather than the archive's: what must never run unverified is the
 * executable, and the same digest then holds for the official archive, a company mirror that
 * repackages it, and the cached copy checked at every start.
 */
public final class TemporalCli {

  /** The pinned release: its development server is Temporal Server 1.32.0 with UI 2.54.1. */
  public static final String VERSION = "1.9.1";

  /**
   * SHA-256 of the {@code temporal} executable inside each official {@value #VERSION} release archive
   * (github.com/temporalio/cli releases, {@code temporal_cli_<version>_<os>_<arch>.tar.gz}). The
   * linux_amd64 executable is 156,328,098 bytes, as listed in the archive.
   */
  static final Map<String, String> PINNED_SHA256 = Map.of(
      "linux_amd64", "712217694cac9f786a72d4b6c876cd15f3dcf1bf31434d9fed6af25242a327a0",
      "linux_arm64", "667e9403cb2faaf439ecaa7eb7190e0d08521de6c9118da7fd26ad594281271d",
      "darwin_amd64", "d5776986d343fb789f49e4e7b6d3faca931c0877b71c6d4a7ac39dba467155cc",
      "darwin_arm64", "33c298d41f6eefebf01a28a3511f444480e939e21d3518cb0c12a4abad467c4b");

  /** Temporal's download service, the address the SDKs use; it answers with the release archive. */
  public static final String DEFAULT_DOWNLOAD_URL =
      "https://temporal.download/cli/archive/v{version}?platform={os}&arch={arch}";

  private static final Pattern VERSION_LINE =
      Pattern.compile("temporal version (\\S+) \\(Server (\\S+), UI (\\S+)\\)");

  private TemporalCli() {}

  /** Where the executable came from, for the start-up banner. */
  public enum Source {
    CONFIGURED_PATH,
    PATH,
    CACHE,
    DOWNLOAD
  }

  /**
   * A runnable CLI.
   *
   * @param version what {@code temporal --version} printed, e.g. {@code 1.9.1 (Server 1.32.0, UI 2.54.1)}
   */
  public record Found(Path executable, Source source, String version) {}

  /**
   * How to look.
   *
   * @param configuredPath a path the user set, or null; when set, nothing else is tried
   * @param searchPath look for {@code temporal} on the {@code PATH}
   * @param cacheDirectory our cache ({@code <dir>/<version>/temporal}); downloads land here
   * @param download fetch the release when nothing else is found
   * @param downloadUrl the archive's address, with {@code {version}}, {@code {os}}, {@code {arch}}
   * @param expectedSha256 the executable's digest, or null for the pin of this platform (a mirror of
   *     another build sets its own)
   */
  public record Options(
      Path configuredPath,
      boolean searchPath,
      Path cacheDirectory,
      boolean download,
      String downloadUrl,
      String expectedSha256) {

    public static Options defaults(Path cacheDirectory) {
      return new Options(null, true, cacheDirectory, true, DEFAULT_DOWNLOAD_URL, null);
    }
  }

  /** Nothing runnable could be had; the message says what was tried and what to do. */
  public static final class Unavailable extends Exception {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Finds or fetches the CLI. {@code progress} gets one line per step worth telling a user who waits
   * (the download: its address, then every 10 %).
   */
  public static Found find(Options options, Consumer<String> progress) throws Unavailable {
    if (options.configuredPath() != null) {
      Path path = options.configuredPath();
      String version = versionOf(path)
          .orElseThrow(() -> new Unavailable(path + " is not a runnable Temporal CLI (`" + path + " --version` failed)", null));
      return new Found(path, Source.CONFIGURED_PATH, version);
    }
    if (options.searchPath()) {
      Optional<Found> onPath = onPath();
      if (onPath.isPresent()) {
        return onPath.get();
      }
    }
    Platform platform = Platform.current();
    String expected = options.expectedSha256() != null ? options.expectedSha256().toLowerCase(Locale.ROOT) : PINNED_SHA256.get(platform.key());
    Path cached = options.cacheDirectory().resolve(VERSION).resolve("temporal");
    if (expected != null && Files.isExecutable(cached)) {
      if (expected.equals(sha256(cached))) {
        return new Found(cached, Source.CACHE, versionOf(cached).orElse(VERSION));
      }
      progress.accept("The cached Temporal CLI " + cached + " does not match its SHA-256: fetching it again");
    }
    if (!options.download()) {
      throw new Unavailable("no Temporal CLI: not configured, not on the PATH, not in " + options.cacheDirectory()
          + ", and downloading is off", null);
    }
    if (expected == null) {
      throw new Unavailable("no pinned Temporal CLI build for " + platform.key() + " to download", null);
    }
    String url = options.downloadUrl()
        .replace("{version}", VERSION).replace("{os}", platform.os()).replace("{arch}", platform.arch());
    try {
      CliDownload.fetch(url, expected, cached, progress);
    } catch (IOException e) {
      throw new Unavailable("the Temporal CLI could not be downloaded from " + url + ": " + e.getMessage(), e);
    }
    return new Found(cached, Source.DOWNLOAD, versionOf(cached).orElse(VERSION));
  }

  private static Optional<Found> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) continue;
      Path candidate = Path.of(dir, "temporal");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        Optional<String> version = versionOf(candidate);
        if (version.isPresent()) {
          return Optional.of(new Found(candidate, Source.PATH, version.get()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * What {@code <executable> --version} prints after "temporal version", or empty when it is not the
   * Temporal CLI (another program named temporal, a wrapper script that fails, a broken file).
   */
  static Optional<String> versionOf(Path executable) {
    try {
      Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] out;
      try (InputStream in = process.getInputStream()) {
        out = in.readNBytes(4096);
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      Matcher matcher = VERSION_LINE.matcher(new String(out, StandardCharsets.UTF_8));
      if (process.exitValue() != 0 || !matcher.find()) {
        return Optional.empty();
      }
      return Optional.of(matcher.group(1) + " (Server " + matcher.group(2) + ", UI " + matcher.group(3) + ")");
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      return "unreadable (" + e.getMessage() + ")";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The release's names for this machine. */
  record Platform(String os, String arch) {
    static Platform current() {
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
      return new Platform(
          os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "windows" : "linux",
          arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch.equals("amd64") || arch.equals("x86_64") ? "amd64" : arch);
    }

    String key() {
      return os + "_" + arch;
    }
  }
}
