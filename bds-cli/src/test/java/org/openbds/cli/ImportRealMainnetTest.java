package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.QueryResult;
import org.openbds.duckdb.DuckDbWarehouse;

/** Imports the real mainnet block file 0..438 and checks the figures of its README and well-known transactions. */
class ImportRealMainnetTest {
  @TempDir static Path data;
  static Path blocks;

  @BeforeAll
  static void importFile() {
    blocks = RealData.dir("bitcoin-mainnet-raw").resolve("blk-mainnet-0-438.dat");
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--blocks", blocks.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("applied:       439 blocks, 446 transactions").contains("unresolved inputs: 0");
  }

  private static List<Object> row(String sql) {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      QueryResult r = w.query(sql);
      assertThat(r.rows()).hasSize(1);
      // SUM over BIGINT is a 128-bit integer in DuckDB; compare it as a long (exactly, it must fit)
      return r.rows().get(0).stream()
          .map(v -> v instanceof java.math.BigInteger ? (Object) ((java.math.BigInteger) v).longValueExact() : v)
          .collect(java.util.stream.Collectors.toList());
    }
  }

  @Test
  void readmeFigures() {
    assertThat(row("SELECT COUNT(*), SUM(tx_count), SUM(output_value), MIN(height), MAX(height) FROM btc.blocks"))
        .containsExactly(439L, 446L, 2_212_900_000_000L, 0L, 438L);
    assertThat(row("SELECT hash FROM btc.blocks WHERE height = 0"))
        .containsExactly("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
    assertThat(row("SELECT hash FROM btc.blocks WHERE height = 438"))
        .containsExactly("0000000025c6b644f8add734be7e666fa4afa43ca0204d623a0c0b1fd2104c7a");
    assertThat(row("SELECT COUNT(*), SUM(value) FROM btc.outputs")).containsExactly(451L, 2_212_900_000_000L);
    assertThat(row("SELECT tip_height, tip_hash FROM main.bds_chains WHERE chain = 'btc'"))
        .containsExactly(438L, "0000000025c6b644f8add734be7e666fa4afa43ca0204d623a0c0b1fd2104c7a");
  }

  @Test
  void everyBlockLinksToItsParent() {
    assertThat(row("SELECT COUNT(*) FROM btc.blocks b JOIN btc.blocks p ON p.height = b.height - 1 AND p.hash = b.prev_hash"))
        .containsExactly(438L);
  }

  @Test
  void firstBitcoinPaymentIsResolvedExactly() {
    // block 170: Satoshi pays Hal Finney 10 BTC from the coinbase of block 9
    String txid = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16";
    assertThat(row("SELECT block_height, input_count, output_count, input_value, output_value, fee FROM btc.transactions WHERE txid = '" + txid + "'"))
        .containsExactly(170L, 1, 2, 5_000_000_000L, 5_000_000_000L, 0L);
    assertThat(row("SELECT spent_txid, spent_vout, spent_block_height, value, address, script_type FROM btc.inputs WHERE txid = '" + txid + "'"))
        .containsExactly(
            "0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9", 0L, 9L, 5_000_000_000L,
            "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S", "p2pk");
    assertThat(row("SELECT spent_txid, spent_block_height FROM btc.outputs WHERE txid = '0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9' AND vout = 0"))
        .containsExactly(txid, 170L);
  }

  @Test
  void genesisAddressAndFeesAddUp() {
    assertThat(row("SELECT balance, received, sent, tx_count, first_height FROM btc.addresses WHERE address = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'"))
        .containsExactly(5_000_000_000L, 5_000_000_000L, 0L, 1L, 0L);
    assertThat(row("SELECT key_type, script_type FROM btc.outputs WHERE block_height = 0")).containsExactly("uncompressed", "p2pk");
    // every non-coinbase input is resolved, and fees are inputs minus outputs
    assertThat(row("SELECT COUNT(*) FILTER (WHERE value IS NULL) FROM btc.inputs WHERE NOT is_coinbase")).containsExactly(0L);
    assertThat(row(
            "SELECT (SELECT SUM(value) FROM btc.inputs WHERE NOT is_coinbase)"
                + " - (SELECT SUM(output_value) FROM btc.transactions WHERE NOT is_coinbase)"
                + " = (SELECT SUM(fee) FROM btc.blocks)"))
        .containsExactly(true);
    // the unspent set: everything created minus everything spent
    assertThat(row(
            "SELECT (SELECT SUM(value) FROM btc.outputs WHERE spent_txid IS NULL)"
                + " = (SELECT SUM(output_value) FROM btc.blocks) - (SELECT SUM(value) FROM btc.inputs WHERE NOT is_coinbase)"))
        .containsExactly(true);
  }

  @Test
  void inputScriptsAreKeptForCoinbasesAlwaysAndForAllInputsOnRequest(@TempDir Path other) {
    assertThat(row("SELECT COUNT(*), COUNT(*) FILTER (WHERE i.is_coinbase) FROM btc.input_scripts s JOIN btc.tx_inputs i USING (tx_id, vin)"))
        .containsExactly(439L, 439L);
    assertThat(row("SELECT hex(script_sig) FROM btc.inputs WHERE block_height = 0"))
        .containsExactly(
            "04FFFF001D0104455468652054696D65732030332F4A616E2F32303039204368616E63656C6C6F72206F6E206272696E6B206F66207365636F6E64206261696C6F757420666F722062616E6B73");
    Cli.Result r = Cli.run(other, "import", "--chain", "btc", "--blocks", blocks.toString(), "--input-scripts");
    assertThat(r.exitCode()).as(r.err()).isZero();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(other)) {
      assertThat(w.query("SELECT COUNT(*), COUNT(script_sig), SUM(octet_length(script_sig)) = (SELECT SUM(script_sig_size) FROM btc.tx_inputs) FROM btc.input_scripts").rows())
          .containsExactly(List.of(446L, 446L, true));
    }
  }

  @Test
  void secondImportOfTheSameBlocksChangesNothing() {
    List<Object> before = row("SELECT (SELECT COUNT(*) FROM btc.tx_inputs), (SELECT COUNT(*) FROM btc.tx_outputs), (SELECT COUNT(*) FROM btc.transactions), (SELECT COUNT(*) FROM btc.address_dictionary)");
    Cli.Result again = Cli.run(data, "import", "--chain", "btc", "--blocks", blocks.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("applied:       0 blocks, 0 transactions");
    assertThat(row("SELECT (SELECT COUNT(*) FROM btc.tx_inputs), (SELECT COUNT(*) FROM btc.tx_outputs), (SELECT COUNT(*) FROM btc.transactions), (SELECT COUNT(*) FROM btc.address_dictionary)"))
        .isEqualTo(before);
  }
}
