package io.abmsequencer.worker.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching the Temporal CLI the way the product does on a machine that has none: from a mirror on
 * loopback standing in for Temporal's download service, verified against a SHA-256 before it runs.
 */
class TemporalCliTest {

  @TempDir Path dir;

  /** A stand-in CLI: answers --version like the real one and leaves a mark whenever it runs. */
  private byte[] fakeCli() {
    return ("#!/bin/sh\ntouch '" + dir.resolve("it-ran") + "'\n"
        + "echo 'temporal version " + TemporalCli.VERSION + " (Server 1.32.0, UI 2.54.1)'\n").getBytes(StandardCharsets.US_ASCII);
  }

  private TemporalCli.Options mirrorOnly(String url, String sha256) {
    return new TemporalCli.Options(null, false, dir.resolve("cache"), true, url, sha256);
  }

  @Test
  void downloadsVerifiesCachesAndThenUsesTheCacheWithoutTheNetwork() throws Exception {
    byte[] cli = fakeCli();
    Path archive = Files.write(dir.resolve("good.tar.gz"), CliArchives.tarGz(cli));
    List<String> progress = new ArrayList<>();
    try (CliArchives.Mirror mirror = new CliArchives.Mirror()) {
      String url = mirror.serve("/cli/archive/v1.9.1", archive) + "?platform={os}&arch={arch}";

      TemporalCli.Found found = TemporalCli.find(mirrorOnly(url, sha256(cli)), progress::add);

      assertThat(found.source()).isEqualTo(TemporalCli.Source.DOWNLOAD);
      assertThat(found.executable()).isEqualTo(dir.resolve("cache").resolve(TemporalCli.VERSION).resolve("temporal"));
      assertThat(found.executable()).isExecutable().hasBinaryContent(cli);
      assertThat(found.version()).isEqualTo("1.9.1 (Server 1.32.0, UI 2.54.1)");
      assertThat(progress).first().asString().startsWith("Downloading the Temporal CLI 1.9.1 from http://127.0.0.1:");
      assertThat(progress).last().asString().contains("verified (SHA-256 " + sha256(cli) + ")");
      assertThat(mirror.requests).hasValue(1);

      TemporalCli.Found again = TemporalCli.find(mirrorOnly(url, sha256(cli)), progress::add);
      assertThat(again.source()).isEqualTo(TemporalCli.Source.CACHE);
      assertThat(mirror.requests).hasValue(1);
    }
    assertThat(leftovers()).containsExactly(dir.resolve("cache").resolve(TemporalCli.VERSION).resolve("temporal"));
  }

  @Test
  void aTamperedArchiveIsRefusedAndNothingOfItRunsOrStays() throws Exception {
    byte[] cli = fakeCli();
    String pinned = sha256(cli);
    byte[] tampered = new String(cli, StandardCharsets.US_ASCII).replace("1.32.0", "6.66.6").getBytes(StandardCharsets.US_ASCII);
    Path archive = Files.write(dir.resolve("tampered.tar.gz"), CliArchives.tarGz(tampered));
    try (CliArchives.Mirror mirror = new CliArchives.Mirror()) {
      String url = mirror.serve("/cli", archive);

      assertThatThrownBy(() -> TemporalCli.find(mirrorOnly(url, pinned), line -> {}))
          .isInstanceOf(TemporalCli.Unavailable.class)
          .hasMessageContaining("could not be downloaded from " + url)
          .hasMessageContaining("has SHA-256 " + sha256(tampered) + ", expected " + pinned + ": refused, nothing was run or kept");
    }
    assertThat(dir.resolve("it-ran")).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aCachedCopyThatNoLongerMatchesIsFetchedAgain() throws Exception {
    byte[] cli = fakeCli();
    Path cached = dir.resolve("cache").resolve(TemporalCli.VERSION).resolve("temporal");
    Files.createDirectories(cached.getParent());
    Files.write(cached, "#!/bin/sh\necho 'temporal version 1.9.1 (Server evil, UI evil)'\n".getBytes(StandardCharsets.US_ASCII));
    cached.toFile().setExecutable(true);
    try (CliArchives.Mirror mirror = new CliArchives.Mirror()) {
      String url = mirror.serve("/cli", Files.write(dir.resolve("good.tar.gz"), CliArchives.tarGz(cli)));

      TemporalCli.Found found = TemporalCli.find(mirrorOnly(url, sha256(cli)), line -> {});

      assertThat(found.source()).isEqualTo(TemporalCli.Source.DOWNLOAD);
      assertThat(cached).hasBinaryContent(cli);
    }
  }

  @Test
  void nothingToBeHadSaysWhatWasTried() throws Exception {
    try (CliArchives.Mirror mirror = new CliArchives.Mirror()) {
      String url = mirror.serve("/elsewhere", dir) ; // the archive's own path answers 404
      assertThatThrownBy(() -> TemporalCli.find(mirrorOnly(url.replace("/elsewhere", "/cli"), "00"), line -> {}))
          .isInstanceOf(TemporalCli.Unavailable.class)
          .hasMessageContaining("could not be downloaded")
          .hasMessageContaining("HTTP 404");
    }
    assertThatThrownBy(() -> TemporalCli.find(
            new TemporalCli.Options(null, false, dir.resolve("cache"), false, TemporalCli.DEFAULT_DOWNLOAD_URL, null), line -> {}))
        .isInstanceOf(TemporalCli.Unavailable.class)
        .hasMessageContaining("no Temporal CLI: not configured, not on the PATH, not in " + dir.resolve("cache") + ", and downloading is off");
    Path notTheCli = Files.writeString(dir.resolve("temporal"), "#!/bin/sh\necho hello\n");
    notTheCli.toFile().setExecutable(true);
    assertThatThrownBy(() -> TemporalCli.find(
            new TemporalCli.Options(notTheCli, true, dir.resolve("cache"), true, TemporalCli.DEFAULT_DOWNLOAD_URL, null), line -> {}))
        .hasMessageContaining(notTheCli + " is not a runnable Temporal CLI");
  }

  /**
   * The pins are the real executables' digests: the official archive's layout, holding the real
   * 1.9.1 executable found on this machine, passes with no digest configured.
   */
  @Test
  void theOfficialExecutableMatchesItsPin() throws Exception {
    Optional<Path> real = CliArchives.realExecutable();
    assumeTrue(real.isPresent(), "no Temporal CLI executable on the PATH (.ci/run installs one)");
    assumeTrue(TemporalCli.versionOf(real.get()).orElse("").startsWith(TemporalCli.VERSION + " "),
        "the Temporal CLI on the PATH is not " + TemporalCli.VERSION);
    Path archive = dir.resolve("temporal_cli_1.9.1.tar.gz");
    CliArchives.tarGz(real.get(), archive);
    try (CliArchives.Mirror mirror = new CliArchives.Mirror()) {
      String url = mirror.serve("/cli/archive/v1.9.1", archive);

      TemporalCli.Found found = TemporalCli.find(mirrorOnly(url, null), line -> {});

      assertThat(found.source()).isEqualTo(TemporalCli.Source.DOWNLOAD);
      assertThat(found.version()).isEqualTo("1.9.1 (Server 1.32.0, UI 2.54.1)");
      assertThat(TemporalCli.sha256(found.executable())).isEqualTo(TemporalCli.PINNED_SHA256.get(TemporalCli.Platform.current().key()));
    }
  }

  private List<Path> leftovers() throws Exception {
    Path cache = dir.resolve("cache");
    if (!Files.exists(cache)) return List.of();
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
