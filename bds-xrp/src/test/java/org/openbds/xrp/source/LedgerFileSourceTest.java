package org.openbds.xrp.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.api.RealData;
import org.openbds.xrp.replay.LedgerReplay;

/** Recorded ledgers are delivered in order, resumed after a checkpoint, and refused when they do not form a chain. */
class LedgerFileSourceTest {
  @TempDir Path dir;
  private byte[] template;

  @BeforeEach
  void readTemplate() throws IOException {
    template = Files.readAllBytes(RealData.dir("xrp")
        .resolve("ledgers/XRPLF+xrpl4j/xrpl4j-core/src/test/resources/special-object-ledgers/ledger-result-94084608.json"));
  }

  private Path chain(String name, long first, int count) {
    Path d = dir.resolve(name);
    LedgerReplay.of(template, first, count).writeTo(d);
    return d;
  }

  private static List<SourceBlock> all(Iterator<SourceBlock> it) {
    List<SourceBlock> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void deliversInOrderAndResumesAfterACheckpoint() {
    try (LedgerFileSource source = LedgerFileSource.open(chain("ok", 500, 6))) {
      List<SourceBlock> blocks = all(source.blocksAfter(Optional.empty()));
      assertThat(blocks).extracting(SourceBlock::height).containsExactly(500L, 501L, 502L, 503L, 504L, 505L);
      for (int i = 1; i < blocks.size(); i++) {
        assertThat(blocks.get(i).parent()).isEqualTo(blocks.get(i - 1).hash());
      }
      assertThat(all(source.blocksAfter(Optional.of(blocks.get(3).ref())))).extracting(SourceBlock::height).containsExactly(504L, 505L);
      assertThat(all(source.blocksAfter(Optional.of(blocks.get(5).ref())))).isEmpty();
      BlockRef wrong = new BlockRef(502, blocks.get(1).hash());
      assertThatThrownBy(() -> source.blocksAfter(Optional.of(wrong)))
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.CHECKPOINT_MISMATCH));
      assertThatThrownBy(() -> source.blocksAfter(Optional.of(new BlockRef(300, blocks.get(0).hash()))))
          .hasMessageContaining("do not continue it");
    }
  }

  @Test
  void aMissingLedgerIsNamed() throws IOException {
    Path d = chain("gap", 500, 5);
    Files.delete(d.resolve("502.json"));
    assertThatThrownBy(() -> LedgerFileSource.open(d))
        .hasMessageContaining("ledgers 502–502 are missing")
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.BROKEN_CHAIN));
  }

  @Test
  void aLedgerTwiceIsNamed() throws IOException {
    Path d = chain("twice", 500, 3);
    Files.copy(d.resolve("501.json"), d.resolve("copy-of-501.json"));
    assertThatThrownBy(() -> LedgerFileSource.open(d)).hasMessageContaining("ledger 501 is in two files");
  }

  @Test
  void aLedgerOfAnotherChainIsNamed() throws IOException {
    Path d = chain("mixed", 500, 3);
    Path other = chain("other", 400, 103);
    Files.copy(other.resolve("501.json"), d.resolve("501.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> LedgerFileSource.open(d)).hasMessageContaining("names parent").hasMessageContaining("501");
  }

  @Test
  void somethingThatIsNotALedgerIsRefusedNamingTheFile() throws IOException {
    Path d = Files.createDirectories(dir.resolve("junk"));
    Files.writeString(d.resolve("x.json"), "{\"result\": {\"status\": \"error\", \"error\": \"lgrNotFound\"}}");
    assertThatThrownBy(() -> LedgerFileSource.open(d)).hasMessageContaining("x.json").hasMessageContaining("lgrNotFound");
    assertThatThrownBy(() -> LedgerFileSource.open(dir.resolve("nothing-here"))).hasMessageContaining("no such file");
  }
}
