package org.openbds.ethereum.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code contracts.json} is exactly what our compile script makes from our Solidity sources with the
 * pinned solc: recompiles and compares, so the bytecode the devnet deploys is provably our own build.
 */
class ContractsBuildIT {
  private static final Path SCRIPT = Path.of("src/main/solidity/compile-contracts.js");
  private static final Path COMMITTED = Path.of("src/main/resources/org/openbds/ethereum/devnet/contracts.json");

  @TempDir Path dir;

  @Test
  void committedJsonIsTheCompilersOutput() throws IOException, InterruptedException {
    Optional<Path> node = onPath("node");
    Optional<Path> solc = DevnetTools.find(DevnetTools.SOLC_JS);
    if (node.isEmpty() || solc.isEmpty()) {
      System.out.println("NOTICE: node or solc-js is not installed (./bds test installs solc into .tools); skipping ContractsBuildIT");
    }
    assumeTrue(node.isPresent() && solc.isPresent(), "node or solc-js missing");

    Path out = dir.resolve("contracts.json");
    Path err = dir.resolve("compile.err");
    ProcessBuilder builder =
        new ProcessBuilder(List.of(node.get().toString(), SCRIPT.toString(), "--stdout")).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("BDS_SOLC_JS", solc.get().toString());
    Process process = builder.start();
    boolean exited = process.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    assertThat(exited).as("the compile script finished within 3 minutes").isTrue();
    assertThat(process.exitValue()).as("compile script exit status; its errors:\n" + Files.readString(err)).isZero();
    assertThat(Files.readString(err)).as("compiler warnings").isEmpty();

    String fresh = Files.readString(out);
    String committed = Files.readString(COMMITTED);
    ObjectMapper json = new ObjectMapper();
    // the tree first, for a readable difference, then the text, byte for byte
    assertThat(json.readTree(fresh)).isEqualTo(json.readTree(committed));
    assertThat(fresh).as("run node " + SCRIPT + " and commit " + COMMITTED).isEqualTo(committed);

    CompiledContracts shipped = CompiledContracts.load();
    assertThat(shipped.compiler()).startsWith("0.8.28+");
    assertThat(shipped.names()).containsExactlyInAnyOrder("TestToken", "Bytes32Token", "BrokenToken", "TestNft", "TestMulti", "Forwarder", "Child");
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
