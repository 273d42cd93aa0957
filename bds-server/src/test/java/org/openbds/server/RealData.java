package org.openbds.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-chain data beside the repository; tests needing it are skipped with a notice without it. */
final class RealData {
  private RealData() {}

  static Path dir(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/data/real").resolve(name);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    System.out.println("NOTICE: shared real data " + name + " not found beside the repository; skipping");
    assumeTrue(false, "shared real data not available: " + name);
    return null;
  }
}
