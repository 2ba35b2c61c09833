package io.abmsequencer.starter.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code postmaster.pid} in a data directory before zonky starts PostgreSQL there. After a
 * {@code kill -9} of the app the postmaster (a child process) keeps running, and zonky would then
 * "start" by connecting to that old server on the same port, silently; or, with another port, wait
 * ten seconds and fail without saying why. Finding it first lets us say which PID to stop.
 */
final class PostmasterPidFile {

  private static final Logger log = LoggerFactory.getLogger(PostmasterPidFile.class);

  private PostmasterPidFile() {}

  static void requireNoLivePostmaster(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    List<String> lines;
    try {
      if (!Files.isRegularFile(pidFile)) {
        return;
      }
      lines = Files.readAllLines(pidFile);
    } catch (IOException e) {
      return; // unreadable: let PostgreSQL itself judge the lock file
    }
    long pid = parse(lines, 0);
    if (pid <= 0) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return; // a dead PID: PostgreSQL removes its own stale lock file
    }
    Optional<String> command = process.get().info().command();
    if (command.isPresent() && !command.get().contains("postgres")) {
      // The PID was reused by an unrelated process (e.g. after a reboot); PostgreSQL would refuse
      // to start because the PID is alive, yet the file is certainly stale.
      log.warn("Removing stale {} (PID {} is now {})", pidFile, pid, command.get());
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        log.warn("Could not remove {}: {}", pidFile, e.getMessage());
      }
      return;
    }
    long port = parse(lines, 3);
    throw new EmbeddedStartupException(
        EmbeddedSettings.POSTGRES_DATA_DIR + " " + dataDirectory + " is in use by a running PostgreSQL (PID "
            + pid + (port > 0 ? ", port " + port : "") + "): another ABM Sequencer, or one left behind by"
            + " an earlier run that was killed",
        "stop it with 'kill " + pid + "' (PostgreSQL shuts down cleanly), or set "
            + EmbeddedSettings.POSTGRES_DATA_DIR + " and " + EmbeddedSettings.POSTGRES_PORT
            + " to run another instance");
  }

  private static long parse(List<String> lines, int index) {
    if (lines.size() <= index) {
      return -1;
    }
    try {
      return Long.parseLong(lines.get(index).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
