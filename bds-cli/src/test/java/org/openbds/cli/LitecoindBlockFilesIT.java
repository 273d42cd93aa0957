package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * A real {@code litecoind -regtest} makes a chain with wallet payments of several shapes; its own block files are then
 * imported and every block is compared with the node's {@code getblockstats}, and the unspent set with
 * {@code gettxoutsetinfo}.
 */
class LitecoindBlockFilesIT {
  @TempDir Path dir;

  @Test
  void importedBlockFilesAgreeWithTheNode() throws Exception {
    if (!Files.isExecutable(TestingLitecoind.BINARY)) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    List<JsonNode> stats = new ArrayList<>();
    JsonNode utxoSet;
    long tip;
    try (TestingLitecoind node = new TestingLitecoind(dir.resolve("node"))) {
      node.call("createwallet", "w");
      String miner = node.call("getnewaddress").asText();
      node.call("generatetoaddress", 110, miner);
      Random random = new Random(20261123);
      String[] types = {"legacy", "p2sh-segwit", "bech32"};
      // stay below height 432, where this node's regtest activates MWEB
      for (int round = 0; round < 20; round++) {
        for (int k = 0; k < 1 + random.nextInt(6); k++) {
          String to = node.call("getnewaddress", "", types[random.nextInt(types.length)]).asText();
          BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(300_000_000), 8);
          node.call("sendtoaddress", to, amount);
        }
        if (round % 5 == 0) {
          // a payment to many outputs at once
          java.util.Map<String, BigDecimal> many = new java.util.LinkedHashMap<>();
          for (int k = 0; k < 12; k++) {
            many.put(node.call("getnewaddress", "", types[k % 3]).asText(), BigDecimal.valueOf(1_000_000 + k, 8));
          }
          node.call("sendmany", "", many);
        }
        node.call("generatetoaddress", 1 + random.nextInt(3), miner);
      }
      tip = node.call("getblockcount").asLong();
      for (long h = 1; h <= tip; h++) {
        stats.add(node.call("getblockstats", h));
      }
      // the same blocks over RPC, raw and batched, decode to what the node reports
      org.openbds.bitcoin.rpc.BitcoinRpcClient rpc =
          org.openbds.bitcoin.rpc.BitcoinRpcClient.fromUrl(node.url(), java.util.Optional.empty(), java.time.Duration.ofSeconds(30));
      assertThat(rpc.blockCount()).isEqualTo(tip);
      assertThat(rpc.blockHash(tip + 1)).isEmpty();
      List<org.openbds.api.Hash32> hashes = new ArrayList<>();
      for (JsonNode s : stats) {
        hashes.add(rpc.blockHash(s.get("height").asLong()).orElseThrow());
      }
      List<byte[]> raw = rpc.rawBlocks(hashes);
      for (int i = 0; i < raw.size(); i++) {
        var block = new org.openbds.bitcoin.codec.BitcoinBlockCodec(true).decodeBlock(raw.get(i), i + 1, "rpc");
        assertThat(block.hash().toHex()).isEqualTo(stats.get(i).get("blockhash").asText());
        assertThat(block.transactionCount()).isEqualTo(stats.get(i).get("txs").asInt());
      }
      utxoSet = node.call("gettxoutsetinfo");
    }
    Path data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "ltc", "--network", "regtest", "--blocks", dir.resolve("node/regtest/blocks").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("unresolved inputs: 0");
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      for (JsonNode s : stats) {
        long h = s.get("height").asLong();
        List<Object> ours =
            w.query(
                    "SELECT tx_count, input_count, output_count, output_value - coinbase_value, fee,"
                        + " (SELECT COUNT(*) FROM ltc.transactions t WHERE t.block_height = b.height AND t.has_witness AND NOT t.is_coinbase),"
                        + " hash FROM ltc.blocks b WHERE height = ?",
                    h)
                .rows()
                .get(0);
        assertThat(ours)
            .as("block %d", h)
            .containsExactly(
                s.get("txs").asInt(), s.get("ins").asInt(), s.get("outs").asInt(), s.get("total_out").asLong(),
                s.get("totalfee").asLong(), s.get("swtxs").asLong(), s.get("blockhash").asText());
      }
      // the node never puts the genesis coinbase into its UTXO set; we keep that output (it can never be spent)
      List<Object> unspent =
          w.query("SELECT COUNT(*), CAST(SUM(value) AS BIGINT) FROM ltc.outputs WHERE spent_txid IS NULL AND script_type <> 'op_return' AND block_height > 0")
              .rows()
              .get(0);
      assertThat(unspent.get(0)).isEqualTo(utxoSet.get("txouts").asLong());
      assertThat(unspent.get(1)).isEqualTo(utxoSet.get("total_amount").decimalValue().movePointRight(8).longValueExact());
      assertThat(w.query("SELECT tip_height, tip_hash FROM main.bds_chains WHERE chain = 'ltc'").rows().get(0))
          .containsExactly(tip, utxoSet.get("bestblock").asText());
    }
  }
}
