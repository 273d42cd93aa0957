package org.openbds.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared real-chain data beside the repository ({@code ../shared/data/real}). Tests that need it are
 * skipped, with a printed notice, on a machine without it.
 */
public final class RealData {
  private RealData() {}

  public static Path dir(String name) {
    Path root = root();
    Path dir = root == null ? null : root.resolve(name);
    if (dir == null || !Files.isDirectory(dir)) {
      System.out.println("NOTICE: shared real data " + name + " not found beside the repository; skipping");
      assumeTrue(false, "shared real data not available: " + name);
    }
    return dir;
  }

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/data/real");
      if (p.resolve("pom.xml").toFile().exists() && p.getParent() != null) {
        Path beside = p.getParent().resolve("shared/data/real");
        if (Files.isDirectory(beside)) {
          return beside;
        }
      }
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
