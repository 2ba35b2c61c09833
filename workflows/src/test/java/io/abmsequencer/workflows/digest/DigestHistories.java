package io.abmsequencer.workflows.digest;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The digest workflows' recorded histories, {@code src/test/resources/histories/digest/}: a folder
 * of their own, because {@code ReplayTest} and {@code HistoryCoverageTest} read every file of the
 * folder above as an account sequence. Recorded as the sequences' are (run a test that records with
 * {@code -Dabm.recordHistories=true}); an existing file is never overwritten.
 */
final class DigestHistories {
  static final Path DIR = Path.of("src", "test", "resources", "histories", "digest");

  private DigestHistories() {}

  static List<Path> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void record(WorkflowClient client, String workflowId, String runId, String name) {
    if (!Boolean.getBoolean("abm.recordHistories")) return;
    try {
      Files.createDirectories(DIR);
      Path file = DIR.resolve(name + ".json");
      if (Files.exists(file)) return;
      Files.writeString(file, client.fetchHistory(workflowId, runId).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
