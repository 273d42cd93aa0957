package org.openbds.ethereum.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code ./bds} installs the devnet's tools: the project-local npm prefix {@code .tools/} at the repository root.
 * Tests run in module directories and the CLI anywhere below the root, so the lookup walks up from the working
 * directory.
 */
public final class DevnetTools {
  /** The tools directory, relative to the repository root. */
  public static final String TOOLS_DIRECTORY = ".tools";
  /** anvil inside its npm package, relative to the tools directory. */
  public static final String ANVIL = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
  /** The solc-js module directory, relative to the tools directory. */
  public static final String SOLC_JS = "node_modules/solc";

  private DevnetTools() {}

  /** {@code .tools/<relative>} in the nearest directory at or above the working directory that has it. */
  public static Optional<Path> find(String relative) {
    return find(Path.of("").toAbsolutePath(), relative);
  }

  /** {@code .tools/<relative>} in the nearest directory at or above {@code start} that has it. */
  public static Optional<Path> find(Path start, String relative) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(TOOLS_DIRECTORY).resolve(relative);
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
