package org.openbds.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * What a later process needs to find a running local broker: its process id and port, kept in a small properties file
 * in the broker's directory while the broker runs.
 */
record BrokerState(long pid, int port) {
  /** The state in {@code file}; empty if there is none. A file that does not parse is an error naming it. */
  static Optional<BrokerState> read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(new BrokerState(Long.parseLong(p.getProperty("pid", "")), Integer.parseInt(p.getProperty("port", ""))));
    } catch (NumberFormatException e) {
      throw new BdsException(ErrorCode.QUEUE_FAILURE, file + " is not a broker's state (pid and port); delete it if no broker runs there", e);
    }
  }

  /** Writes the state to {@code file}, replacing it whole (never a half-written file). */
  void write(Path file) {
    Properties p = new Properties();
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("port", Integer.toString(port));
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try {
      try (Writer out = Files.newBufferedWriter(partial)) {
        p.store(out, "the local Kafka broker running in this directory");
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot delete " + file + ": " + e.getMessage(), e);
    }
  }
}
