package org.openbds.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** Removing working directories (demo and benchmark runs start from scratch). */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code dir} and everything below it; a missing directory is fine. */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
