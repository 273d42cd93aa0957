package org.openbds.bitcoin.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;

/** A codec told not to retain witnesses decodes the same blocks, keeping only coinbase witnesses and the counts. */
class WitnessRetentionTest {
  @TempDir Path dir;

  @Test
  void witnessesAreCountedButNotCopied() throws IOException {
    ChainProfile btc = ChainProfiles.load("btc");
    new SyntheticChainGenerator(GeneratorConfig.defaults(btc, dir).withSeed(5).withTargetTransactions(3_000).withAverageTransactionsPerBlock(200))
        .generate();
    BlockFiles files = BlockFiles.read(dir, btc.network(ChainProfiles.SYNTHETIC).diskMagicBytes());
    long witnessInputs = 0;
    for (BlockFiles.StoredBlock stored : files.inFileOrder) {
      BitcoinBlock full = new BitcoinBlockCodec(false, true).decodeBlock(stored.bytes(), 0, "full");
      BitcoinBlock lean = new BitcoinBlockCodec(false, false).decodeBlock(stored.bytes(), 0, "lean");
      assertThat(lean.hash()).isEqualTo(full.hash());
      assertThat(lean.weight()).isEqualTo(full.weight());
      for (int t = 0; t < full.transactionCount(); t++) {
        assertThat(lean.transactions().get(t).wtxid()).isEqualTo(full.transactions().get(t).wtxid());
        for (int i = 0; i < full.transactions().get(t).inputs().size(); i++) {
          TxInput a = full.transactions().get(t).inputs().get(i);
          TxInput b = lean.transactions().get(t).inputs().get(i);
          assertThat(b.witnessItems()).isEqualTo(a.witnessItems());
          if (t == 0) {
            assertThat(b.witness()).isEqualTo(a.witness());
          } else {
            assertThat(b.witness()).isNull();
            witnessInputs += a.witness() == null ? 0 : 1;
          }
        }
      }
    }
    assertThat(witnessInputs).isPositive();
  }
}
