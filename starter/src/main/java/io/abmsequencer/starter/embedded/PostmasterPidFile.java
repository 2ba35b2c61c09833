package io.abmsequencer.starter.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code postmaster.pid} in a data directory before zonky starts PostgreSQL there. After a
 * {@code kill -9} of the app the postmaster (a child process) keeps running, and zonky would then
 * "start" by connecting to that old server on the same port, silently; or, with another port, wait
 * ten seconds and fail without saying why. Finding it first lets us stop it.
 */
final class PostmasterPidFile {

  private static final Logger log = LoggerFactory.getLogger(PostmasterPidFile.class);
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

  private PostmasterPidFile() {}

  /**
   * Called with the data directory's lock held, so no ABM Sequencer runs on it: a postmaster still
   * there was left behind by one that was killed (SIGKILL, a crash). Stops it (SIGTERM: PostgreSQL's
   * smart shutdown, its clients are gone with the killed process) and waits until it has gone, so
   * that a restart after a kill just works.
   */
  static void stopLeftBehindPostmaster(Path dataDirectory) {
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
    log.warn("Stopping the PostgreSQL (PID {}) left running in {} by an ABM Sequencer that did not stop cleanly", pid, dataDirectory);
    ProcessHandle postmaster = process.get();
    postmaster.destroy();
    try {
      postmaster.onExit().get(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new EmbeddedStartupException(
          "the PostgreSQL (PID " + pid + ") left running in " + EmbeddedSettings.POSTGRES_DATA_DIR + " " + dataDirectory
              + " did not stop within " + STOP_PATIENCE.toSeconds() + " s",
          "stop it with 'kill " + pid + "' and start again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedStartupException("interrupted while stopping PostgreSQL " + pid, "start again", e);
    } catch (ExecutionException e) {
      // onExit never fails.
    }
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
