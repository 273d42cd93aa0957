package org.openbds.kafka;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The end of a process's log, for error messages. */
final class LogTail {
  private static final int MAX_BYTES = 32 * 1024;

  private LogTail() {}

  /**
   * Up to {@code count} last lines of what {@code file} holds past byte {@code from} (what one run of a process wrote to
   * a log that earlier runs wrote to too); none if it does not exist; a line naming the problem if it is unreadable.
   */
  static List<String> lastLines(Path file, long from, int count) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long start = Math.max(from, length - MAX_BYTES);
      if (start >= length) {
        return List.of();
      }
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n")));
      return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }

  /** The size of {@code file} in bytes, 0 if it does not exist: where the next run's lines will start. */
  static long size(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
