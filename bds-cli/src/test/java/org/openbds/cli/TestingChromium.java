package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openbds.ethereum.devnet.DevnetTools;

/**
 * Debian's headless Chromium driven by playwright-core through {@code src/test/js/render-report.mjs}: opens a report
 * and returns the script's JSON verdict. Needs {@code /usr/bin/chromium}, {@code node} on the PATH and playwright-core
 * in the project's {@code .tools/} (all three installed by {@code ./bds test}); a test without them is skipped with a
 * notice. Each run launches its own browser with a fresh profile and stops it.
 */
final class TestingChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCRIPT = Path.of("src/test/js/render-report.mjs");
  private static final long TIMEOUT_SECONDS = 180;

  private final Path node;
  private final Path modules;

  private TestingChromium(Path node, Path modules) {
    this.node = node;
    this.modules = modules;
  }

  /** The browser tools; prints a notice and skips the calling test when one is missing. */
  static TestingChromium require(String testClass) {
    Optional<Path> node = onPath("node");
    Optional<Path> playwright = DevnetTools.find("node_modules/playwright-core");
    boolean chromium = Files.isExecutable(CHROMIUM);
    if (node.isEmpty() || playwright.isEmpty() || !chromium) {
      System.out.println(
          "NOTICE: " + (chromium ? "" : "chromium ") + (node.isEmpty() ? "node " : "") + (playwright.isEmpty() ? "playwright-core " : "")
              + "missing (./bds test installs chromium, and playwright-core into .tools); skipping " + testClass);
    }
    assumeTrue(node.isPresent() && playwright.isPresent() && chromium, "chromium, node or playwright-core missing");
    return new TestingChromium(node.get(), playwright.get().getParent());
  }

  /** Opens {@code report}, saves a full-page screenshot to {@code screenshot} and returns the verdict. */
  JsonNode render(Path report, Path screenshot) throws IOException, InterruptedException {
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    Path out = Files.createTempFile("render-report", ".json");
    Path err = Files.createTempFile("render-report", ".err");
    try {
      Process process =
          new ProcessBuilder(
                  List.of(node.toString(), SCRIPT.toString(), modules.toString(), report.toString(), screenshot.toString(), CHROMIUM.toString()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly().waitFor();
      }
      assertThat(exited).as("the browser finished within %d s; its errors:%n%s", TIMEOUT_SECONDS, Files.readString(err)).isTrue();
      assertThat(process.exitValue()).as("render script exit status; its errors:%n%s", Files.readString(err)).isZero();
      return new ObjectMapper().readTree(out.toFile());
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String entry : path.split(File.pathSeparator, -1)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, program))) {
        return Optional.of(Path.of(entry, program));
      }
    }
    return Optional.empty();
  }
}
