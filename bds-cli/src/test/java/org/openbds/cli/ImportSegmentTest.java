package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/** A block imported alone: what it spends is genuinely unknown and says so (NULL), never 0. */
class ImportSegmentTest {
  @TempDir Path dir;

  @Test
  void singleBlockLeavesUnknownSpendsNull() throws IOException {
    byte[] block = Files.readAllBytes(RealData.dir("bitcoin-mainnet-raw").resolve("block481829.dat"));
    byte[] framed = new byte[8 + block.length];
    framed[0] = (byte) 0xf9;
    framed[1] = (byte) 0xbe;
    framed[2] = (byte) 0xb4;
    framed[3] = (byte) 0xd9;
    for (int i = 0; i < 4; i++) {
      framed[4 + i] = (byte) (block.length >>> (8 * i));
    }
    System.arraycopy(block, 0, framed, 8, block.length);
    Path blocks = dir.resolve("blocks");
    Files.createDirectories(blocks);
    Files.write(blocks.resolve("blk00000.dat"), framed);
    Path data = dir.resolve("data");

    Cli.Result without = Cli.run(data, "import", "--chain", "btc", "--blocks", blocks.toString());
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.err()).contains("no genesis block").contains("--start-height");

    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--blocks", blocks.toString(), "--start-height", "481829");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // 143 of the 5,246 inputs spend outputs created earlier in the same block: those are known exactly
    assertThat(r.out()).contains("unresolved inputs: 5,103");
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      assertThat(w.query("SELECT height, tx_count, input_count, output_count, output_value, fee FROM btc.blocks").rows())
          .containsExactly(java.util.Arrays.asList(481829L, 2020, 5246, 5146, 1_729_342_118_131L, null));
      assertThat(w.query(
                  "SELECT COUNT(*), COUNT(v.value), COUNT(v.address), COUNT(v.script_type), COUNT(v.spent_txid), COUNT(i.spent_txid_unresolved)"
                      + " FROM btc.tx_inputs i JOIN btc.inputs v USING (tx_id, vin) WHERE NOT i.is_coinbase")
              .rows())
          .containsExactly(List.of(5246L, 143L, 143L, 143L, 5246L, 5103L));
      assertThat(w.query("SELECT COUNT(*) FROM btc.tx_inputs WHERE value IS NOT NULL AND spent_block_height = 481829").rows())
          .containsExactly(List.of(143L));
      // a fee is known exactly when every input of the transaction is
      assertThat(w.query(
                  "SELECT COUNT(*) FROM btc.transactions t WHERE NOT is_coinbase AND (fee IS NULL) <> EXISTS"
                      + " (SELECT 1 FROM btc.tx_inputs i WHERE i.tx_id = t.tx_id AND i.value IS NULL)")
              .rows())
          .containsExactly(List.of(0L));
      assertThat(w.query("SELECT COUNT(*) FROM btc.transactions WHERE fee < 0").rows()).containsExactly(List.of(0L));
      assertThat(w.query("SELECT fee, input_value FROM btc.transactions WHERE is_coinbase").rows()).containsExactly(List.of(0L, 0L));
      assertThat(w.query("SELECT COUNT(*) FROM btc.transactions WHERE has_witness AND wtxid IS NOT NULL AND wtxid <> txid").rows())
          .containsExactly(List.of(1L)); // the README counts one segwit transaction
    }
  }
}
