package org.openbds.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Prints an HTML file to PDF with headless Chromium ({@code --print-to-pdf}). Each print runs its own browser with a
 * fresh profile in a temporary directory (its configuration and cache too), bounded by a timeout after which the
 * browser is killed; the directory is deleted afterwards. Chromium can exit with status 0 and write nothing, so the
 * result must exist and start with {@code %PDF-}.
 *
 * <p>The sandbox is off ({@code --no-sandbox}): containers and root often lack what it needs, and the pages printed are
 * the reports' own, whose policy allows no script and no request.
 */
final class ChromiumPdfPrinter {
  /** Where Debian's {@code chromium} package installs it. */
  static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

  private final Path chromium;
  private final Duration timeout;

  ChromiumPdfPrinter(Path chromium, Duration timeout) {
    this.chromium = requireNonNull(chromium, "chromium is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  /** Fails, saying how to install it, unless the browser is there to run. */
  void requireInstalled() {
    if (!Files.isRegularFile(chromium) || !Files.isExecutable(chromium)) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "printing to PDF needs headless Chromium, and there is none at " + chromium
          + ": install it (Debian, Ubuntu: apt-get install chromium; ./bds evidence … --pdf installs it) or name another with --chromium");
    }
  }

  /** Prints {@code html} to {@code pdf} (written whole or not at all). */
  void print(Path html, Path pdf) {
    requireInstalled();
    Path work;
    try {
      work = Files.createTempDirectory("bds-chromium-");
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot make a temporary directory for Chromium: " + e.getMessage(), e);
    }
    try {
      Path printed = work.resolve("printed.pdf");
      Path log = work.resolve("chromium.log");
      ProcessBuilder builder = new ProcessBuilder(command(html, printed, work.resolve("profile")))
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
      builder.environment().put("XDG_CACHE_HOME", work.resolve("cache").toString());
      run(builder, log);
      ReportCommand.write(pdf, checked(printed, log));
    } catch (RuntimeException e) {
      try {
        delete(work);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    try {
      delete(work);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "the PDF is printed, but Chromium's temporary directory " + work + " could not be deleted: "
          + e.getMessage(), e);
    }
  }

  private List<String> command(Path html, Path printed, Path profile) {
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync"));
    command.add("--user-data-dir=" + profile);
    command.add("--no-pdf-header-footer");
    command.add("--print-to-pdf=" + printed);
    command.add(html.toAbsolutePath().toUri().toString());
    return command;
  }

  private void run(ProcessBuilder builder, Path log) {
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot start " + chromium + ": " + e.getMessage(), e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // its helpers first, then the browser itself: nothing is left running
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new BdsException(ErrorCode.IO_FAILURE, "Chromium did not print within " + timeout.toSeconds() + " s; its last words:" + tail(log));
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.IO_FAILURE, "interrupted while Chromium printed", e);
    }
    if (process.exitValue() != 0) {
      throw new BdsException(ErrorCode.IO_FAILURE, "Chromium failed to print (exit status " + process.exitValue() + "); its last words:" + tail(log));
    }
  }

  private static byte[] checked(Path printed, Path log) {
    byte[] bytes;
    try {
      bytes = Files.exists(printed) ? Files.readAllBytes(printed) : new byte[0];
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read the PDF Chromium printed: " + e.getMessage(), e);
    }
    if (bytes.length < 5 || !new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
      throw new BdsException(ErrorCode.IO_FAILURE, "Chromium exited without printing a PDF; its last words:" + tail(log));
    }
    return bytes;
  }

  /** The last lines Chromium wrote, without its complaints about a missing desktop bus (it runs without one). */
  private static String tail(Path log) {
    try (InputStream in = Files.newInputStream(log)) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.contains("dbus") && !l.isBlank()).toList();
      List<String> last = lines.subList(Math.max(0, lines.size() - 8), lines.size());
      return last.isEmpty() ? " (nothing)" : "\n  " + String.join("\n  ", last);
    } catch (IOException e) {
      return " (its log could not be read: " + e.getMessage() + ")";
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
