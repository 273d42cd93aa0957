package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.bitcoin.generate.GeneratorTally;
import org.openbds.bitcoin.script.ScriptType;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * A generated chain (out of order, xor-obfuscated, many files) imported through the CLI: every input is resolved by our
 * own UTXO index, fees are exact and non-negative, and the unspent set equals the generator's own tally.
 */
class GeneratedChainImportTest {
  @TempDir static Path dir;
  static Path data;
  static GeneratorTally tally;

  @BeforeAll
  static void generateAndImport() {
    Path blocks = dir.resolve("blocks");
    Cli.Result g = Cli.run(dir.resolve("unused"), "generate", "--chain", "btc", "--txs", "40000", "--seed", "7",
        "--out", blocks.toString(), "--txs-per-block", "300", "--reorder-window", "12", "--xor", "--max-file-bytes", "1000000");
    assertThat(g.exitCode()).as(g.err()).isZero();
    tally = GeneratorTally.read(blocks.resolve(GeneratorTally.FILE_NAME));
    data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--network", "synthetic", "--blocks", blocks.toString(), "--batch-tx", "5000");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("unresolved inputs: 0").contains("(xor-obfuscated)");
  }

  private static long scalar(String sql) {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      Object v = w.query(sql).rows().get(0).get(0);
      return ((Number) v).longValue();
    }
  }

  @Test
  void everythingTheGeneratorWroteArrives() {
    assertThat(scalar("SELECT COUNT(*) FROM btc.blocks")).isEqualTo(tally.blocks());
    assertThat(scalar("SELECT COUNT(*) FROM btc.transactions")).isEqualTo(tally.transactions());
    assertThat(scalar("SELECT COUNT(*) FROM btc.tx_inputs WHERE NOT is_coinbase")).isEqualTo(tally.inputs());
    assertThat(scalar("SELECT COUNT(*) FROM btc.tx_outputs")).isEqualTo(tally.outputs());
    assertThat(scalar("SELECT CAST(SUM(value) AS BIGINT) FROM btc.tx_outputs")).isEqualTo(tally.totalOutputValue());
    assertThat(scalar("SELECT COUNT(*) FROM btc.transactions WHERE has_witness")).isEqualTo(tally.segwitTransactions()); // coinbases with a witness commitment count
    for (ScriptType type : ScriptType.values()) {
      assertThat(scalar("SELECT COUNT(*) FROM btc.tx_outputs WHERE script_type = '" + type.sqlName() + "'"))
          .as(type.sqlName())
          .isEqualTo(tally.outputs(type));
    }
  }

  @Test
  void everyInputIsResolvedAndFeesAreExact() {
    assertThat(scalar("SELECT COUNT(*) FROM btc.tx_inputs WHERE NOT is_coinbase AND (value IS NULL OR spent_tx_id IS NULL)")).isZero();
    assertThat(scalar("SELECT CAST(SUM(value) AS BIGINT) FROM btc.tx_inputs WHERE NOT is_coinbase")).isEqualTo(tally.totalInputValue());
    assertThat(scalar("SELECT COUNT(*) FROM btc.transactions WHERE fee IS NULL OR fee < 0")).isZero();
    // per transaction: sum(inputs) - sum(outputs) = fee
    assertThat(scalar(
            "SELECT COUNT(*) FROM btc.transactions t WHERE NOT is_coinbase AND fee <> "
                + "(SELECT SUM(value) FROM btc.tx_inputs i WHERE i.tx_id = t.tx_id) - "
                + "(SELECT SUM(value) FROM btc.tx_outputs o WHERE o.tx_id = t.tx_id)"))
        .isZero();
    assertThat(scalar("SELECT CAST(SUM(fee) AS BIGINT) FROM btc.blocks")).isEqualTo(tally.totalFees());
    // a spend points at the output it spends: same value and owner
    assertThat(scalar(
            "SELECT COUNT(*) FROM btc.tx_inputs i JOIN btc.tx_outputs o ON o.tx_id = i.spent_tx_id AND o.vout = i.spent_vout"
                + " WHERE i.value <> o.value OR i.address_id IS DISTINCT FROM o.address_id OR i.spent_block_height <> o.block_height"
                + " OR i.script_type <> o.script_type"))
        .isZero();
    assertThat(scalar("SELECT COUNT(*) - COUNT(DISTINCT (spent_tx_id, spent_vout)) FROM btc.tx_inputs WHERE NOT is_coinbase")).isZero();
  }

  @Test
  void unspentSetMatchesTheGeneratorsTally() {
    assertThat(scalar("SELECT COUNT(*) FROM btc.outputs WHERE spent_txid IS NULL AND script_type <> 'op_return'"))
        .isEqualTo(tally.unspentOutputs());
    assertThat(scalar("SELECT CAST(SUM(value) AS BIGINT) FROM btc.outputs WHERE spent_txid IS NULL AND script_type <> 'op_return'"))
        .isEqualTo(tally.unspentValue());
    assertThat(scalar("SELECT CAST(SUM(balance) AS BIGINT) FROM btc.addresses"))
        .isEqualTo(scalar("SELECT CAST(SUM(value) AS BIGINT) FROM btc.outputs WHERE spent_txid IS NULL AND address IS NOT NULL"));
    assertThat(scalar("SELECT COUNT(*) FROM btc.addresses WHERE balance < 0")).isZero();
    assertThat(scalar("SELECT tip_height FROM main.bds_chains WHERE chain = 'btc'")).isEqualTo(tally.blocks() - 1);
  }

  @Test
  void aWarehouseKeepsOneNetworkPerChain() {
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--network", "regtest",
        "--blocks", RealData.dir("bitcoin-mainnet-raw").resolve("blk-mainnet-0-438.dat").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    // the regtest magic differs from mainnet's, so the files are refused before the warehouse is touched
    assertThat(r.err()).contains("CORRUPT_BLOCK_FILE");
    Cli.Result mainnet = Cli.run(data, "import", "--chain", "btc",
        "--blocks", RealData.dir("bitcoin-mainnet-raw").resolve("blk-mainnet-0-438.dat").toString());
    assertThat(mainnet.exitCode()).isEqualTo(1);
    assertThat(mainnet.err()).contains("CHECKPOINT_MISMATCH").contains("the warehouse holds btc synthetic, not mainnet");
    assertThat(scalar("SELECT COUNT(*) FROM btc.blocks")).isEqualTo(tally.blocks());
  }

  @Test
  void sqlFormatsAndErrors() {
    Cli.Result csv = Cli.run(data, "sql", "--format", "csv", "SELECT height, hash FROM btc.blocks WHERE height < 2 ORDER BY height");
    assertThat(csv.exitCode()).isZero();
    assertThat(csv.out()).startsWith("height,hash\r\n0,").hasLineCount(3);
    Cli.Result json = Cli.run(data, "sql", "--format", "json", "SELECT 9007199254740993::BIGINT AS big, NULL AS nothing, 'a,\"b' AS s");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out().trim()).isEqualTo("{\"columns\":[\"big\",\"nothing\",\"s\"],\"rows\":[[9007199254740993,null,\"a,\\\"b\"]]}");
    Cli.Result table = Cli.run(data, "sql", "SELECT COUNT(*) AS n FROM btc.transactions");
    assertThat(table.out()).contains("n").contains(String.valueOf(tally.transactions())).contains("(1 row)");
    Cli.Result bad = Cli.run(data, "sql", "SELECT nope FROM btc.blocks");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("nope");
    Cli.Result format = Cli.run(data, "sql", "--format", "xml", "SELECT 1");
    assertThat(format.exitCode()).isEqualTo(1);
    assertThat(format.err()).contains("unknown format 'xml'");
    Cli.Result status = Cli.run(data, "status");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("btc (synthetic): tip " + (tally.blocks() - 1)).contains("tx_outputs").contains(String.format("%,d", tally.outputs()));
  }
}
