package io.abmsequencer.starter.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Embedded mode's payload key: so that names, e-mails and phones are never stored in clear in
 * Temporal, even on a first run where nobody set {@code abm.codec.key}. Kept beside the dev server's
 * state it encrypts ({@code <temporal data dir>/codec.key}, readable by its owner only), created on
 * the first start, read on every later one; the in-memory server, which keeps nothing, gets a key
 * of its own for the life of the process.
 */
final class CodecKeyFile {

  static final String FILE = "codec.key";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CodecKeyFile() {}

  /** A fresh key (base64 of 32 random bytes), held nowhere but in this process. */
  static String ephemeral() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The key in {@code directory}, created (owner-only) when there is none yet. */
  static String loadOrCreate(Path directory) {
    Path file = directory.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
          Files.writeString(file, ephemeral() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
          // made meanwhile: read it
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the directory's own permissions protect it
          Files.writeString(file, ephemeral() + "\n", StandardCharsets.US_ASCII);
        }
      }
      String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (key.isEmpty()) {
        throw new EmbeddedStartupException(file + " is empty",
            "restore the key from a backup, or delete the file together with the dev server's state in " + directory);
      }
      return key;
    } catch (IOException e) {
      throw new EmbeddedStartupException("could not read or create the payload key " + file + ": " + e.getMessage(),
          "make " + directory + " writable by this user, or set abm.codec.key", e);
    }
  }
}
