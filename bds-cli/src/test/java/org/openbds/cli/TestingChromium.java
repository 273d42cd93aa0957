package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openbds.ethereum.devnet.DevnetTools;

/**
 * Debian's headless Chromium driven by playwright-core through a script in {@code src/test/js/} (for example
 * {@code render-report.mjs}, which opens a report), returning the script's JSON verdict. Needs {@code /usr/bin/chromium}, {@code node} on the PATH and playwright-core
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

  /**
   * Debian's Chromium alone, for a test that runs it directly (as {@code bds evidence --pdf} does); prints a notice and
   * skips the calling test when it is missing.
   */
  static Path requireBrowser(String testClass) {
    boolean chromium = Files.isExecutable(CHROMIUM);
    if (!chromium) {
      System.out.println("NOTICE: chromium missing (./bds test installs it); skipping " + testClass);
    }
    assumeTrue(chromium, "chromium missing");
    return CHROMIUM;
  }

  /** Opens {@code report}, saves a full-page screenshot to {@code screenshot} and returns the verdict. */
  JsonNode render(Path report, Path screenshot) throws IOException, InterruptedException {
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    return run(SCRIPT, TIMEOUT_SECONDS, report.toString(), screenshot.toString(), CHROMIUM.toString());
  }

  /**
   * Runs {@code script} with node as {@code script <node_modules> arguments…} and returns the JSON it prints on standard
   * output; fails the test when it does not finish within {@code timeoutSeconds} (then it is killed) or exits non-zero.
   */
  JsonNode run(Path script, long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
    String name = script.getFileName().toString().replaceFirst("\\.mjs$", "");
    Path out = Files.createTempFile(name, ".json");
    Path err = Files.createTempFile(name, ".err");
    try {
      List<String> command = new ArrayList<>(List.of(node.toString(), script.toString(), modules.toString()));
      command.addAll(List.of(arguments));
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!exited) {
        // the browser the script started first, then the script: nothing is left running
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
      }
      assertThat(exited).as("%s finished within %d s; its errors:%n%s", script.getFileName(), timeoutSeconds, Files.readString(err)).isTrue();
      assertThat(process.exitValue()).as("%s exit status; its errors:%n%s", script.getFileName(), Files.readString(err)).isZero();
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
