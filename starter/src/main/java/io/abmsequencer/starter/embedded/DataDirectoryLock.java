package io.abmsequencer.starter.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One ABM Sequencer per data directory: an exclusive lock on {@code <directory>.lock}, held for as
 * long as the process runs. The operating system lets go of it when the process ends in any way
 * (also SIGKILL), so a lock that can be taken proves that no other ABM Sequencer uses the directory,
 * and whatever server still runs on it was left behind by one that was killed. The file keeps the
 * PID of its holder, for the message.
 */
final class DataDirectoryLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;
  private final Path file;

  private DataDirectoryLock(FileChannel channel, FileLock lock, Path file) {
    this.channel = channel;
    this.lock = lock;
    this.file = file;
  }

  static Path fileFor(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    return absolute.resolveSibling(absolute.getFileName() + ".lock");
  }

  /** Takes the lock of {@code directory} (set by {@code property}), or says who holds it. */
  static DataDirectoryLock acquire(Path directory, String property) {
    Path file = fileFor(directory);
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this very process holds it already
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new EmbeddedStartupException(
            property + " " + directory + " is in use by another ABM Sequencer" + (holder.isEmpty() ? "" : " (PID " + holder + ")"),
            "stop it first, or set " + property + " to another directory to run a second one");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
      return new DataDirectoryLock(channel, lock, file);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new EmbeddedStartupException(
          "could not lock " + file + " for " + property + " " + directory + ": " + e.getMessage(),
          "make the directory writable, or set " + property + " to one you can write to", e);
    }
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return "";
    }
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // Released with the channel below anyway.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) return;
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to do: the lock goes with the process.
    }
  }
}
