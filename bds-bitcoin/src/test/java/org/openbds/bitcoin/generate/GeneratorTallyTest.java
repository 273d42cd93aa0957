package org.openbds.bitcoin.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.script.ScriptType;

class GeneratorTallyTest {
  private static final GeneratorTally TALLY =
      new GeneratorTally(
          3, Hash32.parse("01".repeat(32)), Hash32.parse("02".repeat(32)), 10, 4, 12, 3, 20, 1_000, 400, 700, 100, 7, 600,
          Map.of(ScriptType.P2WPKH, 15L, ScriptType.OP_RETURN, 5L), 1);

  @Test
  void everyScriptTypeIsPresent() {
    assertThat(TALLY.outputsByScriptType()).containsOnlyKeys(ScriptType.values());
    assertThat(TALLY.outputs(ScriptType.P2PKH)).isZero();
    assertThat(TALLY.outputs(ScriptType.P2WPKH)).isEqualTo(15);
  }

  @Test
  void writesAndReadsBack(@TempDir Path dir) {
    Path file = dir.resolve(GeneratorTally.FILE_NAME);
    TALLY.write(file);
    assertThat(GeneratorTally.read(file)).isEqualTo(TALLY);
    assertThat(TALLY.toProperties()).contains("\nunspent_outputs=7\n", "outputs.p2wpkh=15");
  }

  @Test
  void readingIsStrict(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(GeneratorTally.FILE_NAME);
    Files.writeString(file, TALLY.toProperties() + "surprise=1\n");
    assertThatThrownBy(() -> GeneratorTally.read(file))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("surprise");
    Files.writeString(file, TALLY.toProperties().replace("blocks=3\n", ""));
    assertThatThrownBy(() -> GeneratorTally.read(file)).hasMessageContaining("'blocks'");
  }
}
