package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.ChainId;
import org.openbds.api.Hash32;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.rpc.BitcoinRpcClient;
import org.openbds.bitcoin.verify.BitcoinReconciler;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * A real {@code litecoind -regtest} makes a chain with wallet payments of several shapes; its own block files are then
 * imported and reconciled with the node: every block against {@code getblockstats}, the unspent set against
 * {@code gettxoutsetinfo}, the tip, and the warehouse's own row counts.
 */
class LitecoindBlockFilesIT {
  @TempDir Path dir;

  @Test
  void importedBlockFilesAgreeWithTheNode() throws Exception {
    if (!Files.isExecutable(TestingLitecoind.BINARY)) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    Path nodeDir = dir.resolve("node");
    long tip;
    Path blocks;
    try (TestingLitecoind node = new TestingLitecoind(nodeDir)) {
      RegtestPayments.make(node, 20261123);
      blocks = node.blocksDirectory();
      tip = node.call("getblockcount").asLong();
      // the same blocks over RPC, raw and batched, decode to what the node reports
      BitcoinRpcClient rpc = BitcoinRpcClient.fromUrl(node.url(), Optional.empty(), Duration.ofSeconds(30));
      assertThat(rpc.blockCount()).isEqualTo(tip);
      assertThat(rpc.blockHash(tip + 1)).isEmpty();
      List<Hash32> hashes = new ArrayList<>();
      for (long h = 1; h <= tip; h++) {
        hashes.add(rpc.blockHash(h).orElseThrow());
      }
      List<byte[]> raw = rpc.rawBlocks(hashes);
      for (int i = 0; i < raw.size(); i++) {
        BitcoinBlock block = new BitcoinBlockCodec(true).decodeBlock(raw.get(i), i + 1, "rpc");
        assertThat(block.hash()).isEqualTo(hashes.get(i));
        assertThat(block.transactionCount()).isEqualTo(node.call("getblockheader", hashes.get(i).toHex()).get("nTx").asInt());
      }
    }
    Path data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "ltc", "--network", "regtest", "--blocks", blocks.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("unresolved inputs: 0");

    try (TestingLitecoind node = new TestingLitecoind(nodeDir);
        DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      // small batches and chunks, so that their boundaries fall inside the chain
      BitcoinReconciler reconciler =
          new BitcoinReconciler(
              BitcoinRpcClient.fromUrl(node.url(), Optional.empty(), Duration.ofSeconds(30)), RetryPolicy.none(), 2, 7, 40);
      List<String> notes = new ArrayList<>();
      List<ReconciliationCheck> checks = reconciler.reconcile(w, new ChainId("ltc"), 0, Long.MAX_VALUE, notes::add);
      assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
      assertThat(checks).extracting(ReconciliationCheck::name)
          .startsWith("tip.hash", "getblockstats.blockhash", "getblockstats.txs")
          .contains("getblockstats.totalfee", "getblockstats.avgfeerate", "getblockstats.swtotal_weight")
          .endsWith("gettxoutsetinfo.txouts", "gettxoutsetinfo.total_amount", "rows.transactions", "rows.tx_inputs",
              "rows.tx_outputs", "rows.heights");
      assertThat(checks.get(1).scope()).isEqualTo("blocks 1.." + tip);
      assertThat(checks.get(1).checked()).isEqualTo(tip);
      assertThat(notes).contains("getblockstats 40/" + tip, "getblockstats " + tip + "/" + tip);
      // the chain really exercised the fee, witness and size figures
      assertThat(w.query("SELECT COUNT(*) FROM ltc.transactions WHERE has_witness AND NOT is_coinbase").rows().get(0).get(0))
          .isNotEqualTo(0L);
      JsonNode utxoSet = node.call("gettxoutsetinfo");
      assertThat(w.query("SELECT tip_height, tip_hash FROM main.bds_chains WHERE chain = 'ltc'").rows().get(0))
          .containsExactly(tip, utxoSet.get("bestblock").asText());
    }
  }
}
