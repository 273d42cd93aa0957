package org.openbds.ethereum.devnet;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The end of a process's log, for error messages. */
final class LogTail {
  private static final int MAX_BYTES = 16 * 1024;

  private LogTail() {}

  /** Up to {@code count} last lines of {@code file}; none if it does not exist; a line naming the problem if unreadable. */
  static List<String> lastLines(Path file, int count) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int tail = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[tail];
      in.seek(length - tail);
      in.readFully(bytes);
      List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n")));
      return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }
}
