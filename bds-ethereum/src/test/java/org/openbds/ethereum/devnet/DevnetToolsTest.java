package org.openbds.ethereum.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetToolsTest {
  @TempDir Path root;

  @Test
  void findsTheToolsDirectoryAboveTheStart() throws IOException {
    Path anvil = root.resolve(DevnetTools.TOOLS_DIRECTORY).resolve(DevnetTools.ANVIL);
    Files.createDirectories(anvil.getParent());
    Files.writeString(anvil, "");
    Path module = Files.createDirectories(root.resolve("bds-ethereum").resolve("target"));

    assertThat(DevnetTools.find(module, DevnetTools.ANVIL)).contains(anvil);
    assertThat(DevnetTools.find(root, DevnetTools.ANVIL)).contains(anvil);
    assertThat(DevnetTools.find(module, DevnetTools.SOLC_JS)).isEmpty();
  }
}
