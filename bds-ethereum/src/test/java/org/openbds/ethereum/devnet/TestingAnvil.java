package org.openbds.ethereum.devnet;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/**
 * anvil for integration tests: the binary {@link AnvilNode#findBinary()} finds, or a skipped test with a printed
 * NOTICE when there is none. The node itself is an {@link AnvilNode}, which owns the process and its directory.
 */
final class TestingAnvil {
  private TestingAnvil() {}

  /** The anvil binary; skips the calling test class when there is none. */
  static Path binaryOrSkip(String test) {
    var binary = AnvilNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: anvil is not installed (./bds test installs it into .tools, or set " + AnvilNode.BINARY_VARIABLE + "); skipping " + test);
    }
    assumeTrue(binary.isPresent(), "anvil missing");
    return binary.orElseThrow();
  }
}
