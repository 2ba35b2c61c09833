package io.abmsequencer.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases around a live PostgreSQL ({@link EmbeddedLifecycleTest} covers that one). */
class PostmasterPidFileTest {

  @TempDir Path dataDir;

  @Test
  void noPidFileIsFine() {
    assertThatCode(() -> PostmasterPidFile.stopLeftBehindPostmaster(dataDir)).doesNotThrowAnyException();
  }

  @Test
  void aDeadPidIsLeftForPostgresToClean() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    Path pidFile = writePidFile(process.pid());

    PostmasterPidFile.stopLeftBehindPostmaster(dataDir);

    assertThat(pidFile).exists();
  }

  @Test
  void aPidReusedByAnotherProgramIsRemoved() throws Exception {
    Path pidFile = writePidFile(ProcessHandle.current().pid()); // this JVM: alive, not postgres

    PostmasterPidFile.stopLeftBehindPostmaster(dataDir);

    assertThat(pidFile).doesNotExist();
  }

  private Path writePidFile(long pid) throws Exception {
    return Files.writeString(dataDir.resolve("postmaster.pid"), pid + "\n" + dataDir + "\n1700000000\n54329\n");
  }
}
