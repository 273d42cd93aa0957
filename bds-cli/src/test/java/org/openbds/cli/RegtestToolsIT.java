package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.regtest.BulkBlock;
import org.openbds.bitcoin.regtest.BulkChainBuilder;
import org.openbds.bitcoin.regtest.HeightLimit;
import org.openbds.bitcoin.regtest.PaymentShape;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.Reorg;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.bitcoin.regtest.WalletActivityCounts;
import org.openbds.bitcoin.script.AddressEncoder;
import org.openbds.bitcoin.script.ScriptClassifier;
import org.openbds.bitcoin.script.ScriptType;

/**
 * The regtest toolkit against a real {@code litecoind -regtest}: the node's life cycle, seeded wallet traffic checked
 * block by block with our own codec, a forced reorg, and bulk blocks of thousands of transactions.
 */
class RegtestToolsIT {
  /** The P2WSH of OP_TRUE on Litecoin regtest, as {@code decodescript 51} reports it: anyone can mine to it. */
  private static final String ANYONE = "rltc1qft5p2uhsdcdc3l2ua4ap5qqfg4pjaqlp250x7us7a8qqhrxrxfsqc6h8ge";
  private static final long SEED = 20261123;

  private static Path binary;

  @TempDir Path dir;

  private final ScriptClassifier classifier =
      new ScriptClassifier(new AddressEncoder(ChainProfiles.load("ltc").network("regtest")), true);

  @BeforeAll
  static void needsLitecoind() {
    if (RegtestNode.findBinary().isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping RegtestToolsIT");
      assumeTrue(false, "litecoind missing");
    }
    binary = RegtestNode.findBinary().orElseThrow();
  }

  @Test
  void stopRestartAndKillKeepTheChain() {
    try (RegtestNode node = RegtestNode.start(binary, dir.resolve("node"))) {
      assertThat(node.url()).isEqualTo("http://bds:bds@127.0.0.1:" + node.rpcPort());
      node.call("generatetoaddress", 10, ANYONE);
      List<String> chain = hashes(node);
      long firstPid = node.pid();

      long started = System.nanoTime();
      node.stop();
      double stopSeconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("regtest node stopped in %.2f s%n", stopSeconds);
      assertThat(stopSeconds).isLessThan(5);
      assertThat(node.isRunning()).isFalse();
      assertThat(node.blocksDirectory().resolve("blk00000.dat")).isRegularFile();
      assertThatThrownBy(() -> node.call("getblockcount"))
          .isInstanceOf(BdsException.class)
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.NODE_UNAVAILABLE));

      node.restart();
      assertThat(node.pid()).isNotEqualTo(firstPid);
      assertThat(hashes(node)).isEqualTo(chain);

      // a crash right after a flush loses nothing
      node.call("generatetoaddress", 5, ANYONE);
      node.flush();
      chain = hashes(node);
      node.kill();
      assertThat(node.isRunning()).isFalse();
      node.restart();
      assertThat(hashes(node)).isEqualTo(chain);

      // a crash without one may lose the newest blocks, never the flushed ones, and never forks the chain
      node.call("generatetoaddress", 3, ANYONE);
      List<String> longer = hashes(node);
      node.kill();
      node.restart();
      List<String> after = hashes(node);
      assertThat(after.size()).isBetween(chain.size(), longer.size());
      assertThat(longer.subList(0, after.size())).isEqualTo(after);
    }
  }

  @Test
  void walletActivityMakesEveryPaymentShape() {
    WalletActivityCounts counts;
    try (RegtestNode node = RegtestNode.start(binary, dir.resolve("node"))) {
      WalletActivity activity = WalletActivity.start(node, SEED);
      activity.rounds(8);
      counts = activity.counts();
      System.out.println("wallet activity: " + counts);
      for (PaymentShape shape : PaymentShape.values()) {
        assertThat(counts.payments(shape)).as(shape.description()).isPositive();
      }
      long tip = node.rpc().blockCount();
      assertThat(counts.blocksMined()).isEqualTo(tip);
      assertThat(node.call("getrawmempool")).isEmpty();

      // what the mined blocks hold, read by our codec
      Set<ScriptType> types = EnumSet.noneOf(ScriptType.class);
      int mostInputs = 0;
      int mostOutputs = 0;
      for (BitcoinBlock block : blocks(node, WalletActivity.INITIAL_BLOCKS + 1, tip)) {
        for (BitcoinTransaction tx : block.transactions()) {
          if (tx.isCoinbase()) {
            continue; // its witness commitment is an OP_RETURN output too
          }
          mostInputs = Math.max(mostInputs, tx.inputs().size());
          mostOutputs = Math.max(mostOutputs, tx.outputs().size());
          for (TxOutput out : tx.outputs()) {
            types.add(classifier.classify(out.script()).type());
          }
        }
      }
      assertThat(types).contains(ScriptType.P2PKH, ScriptType.P2SH, ScriptType.P2WPKH, ScriptType.OP_RETURN);
      assertThat(mostInputs).isGreaterThanOrEqualTo(5);
      assertThat(mostOutputs).isGreaterThanOrEqualTo(10);

      long sum = activity.userBalances().values().stream().mapToLong(Long::longValue).sum();
      JsonNode trusted = node.wallet(WalletActivity.USERS_WALLET).call("getbalances").get("mine").get("trusted");
      assertThat(sum).isPositive().isEqualTo(trusted.decimalValue().movePointRight(8).longValueExact());
    }
    // the same seed makes the same choices on another node
    try (RegtestNode again = RegtestNode.start(binary, dir.resolve("again"))) {
      WalletActivity activity = WalletActivity.start(again, SEED);
      activity.rounds(8);
      assertThat(activity.counts()).isEqualTo(counts);
    }
  }

  @Test
  void reorgMovesTheNodeToALongerBranch() {
    try (RegtestNode node = RegtestNode.start(binary, dir.resolve("node"))) {
      WalletActivity activity = WalletActivity.start(node, SEED + 1);
      activity.rounds(3);
      long before = node.rpc().blockCount();

      Reorg reorg = activity.reorg(3);
      assertThat(reorg.depth()).isEqualTo(3);
      assertThat(reorg.newTipHeight()).isEqualTo(before + 1);
      assertThat(node.call("getbestblockhash").asText()).isEqualTo(reorg.newTip().toHex());
      List<String> chain = hashes(node);
      for (Hash32 orphan : reorg.orphanedBlocks()) {
        assertThat(chain).doesNotContain(orphan.toHex());
        assertThat(node.call("getblockheader", orphan.toHex()).get("confirmations").asInt()).isEqualTo(-1);
      }
      List<String> forks = new ArrayList<>();
      for (JsonNode tip : node.call("getchaintips")) {
        forks.add(tip.get("hash").asText() + " " + tip.get("status").asText());
      }
      assertThat(forks).contains(reorg.orphanedBlocks().get(2).toHex() + " valid-fork");

      // the activity carries on, and the users' balances still add up after the reorg
      activity.round();
      long sum = activity.userBalances().values().stream().mapToLong(Long::longValue).sum();
      JsonNode trusted = node.wallet(WalletActivity.USERS_WALLET).call("getbalances").get("mine").get("trusted");
      assertThat(sum).isEqualTo(trusted.decimalValue().movePointRight(8).longValueExact());
      assertThat(activity.counts().reorgs()).isEqualTo(1);
    }
  }

  @Test
  void bulkBlocksOfTwoThousandTransactions() {
    try (RegtestNode node = RegtestNode.start(binary, dir.resolve("node"))) {
      // room for the set-up blocks and three bulk blocks, no more
      HeightLimit limit = new HeightLimit(123);
      BulkChainBuilder builder = BulkChainBuilder.start(node, SEED, limit);
      assertThat(builder.coinbaseAddress()).isEqualTo(ANYONE);
      List<BulkBlock> made = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        long started = System.nanoTime();
        made.add(builder.buildBlock(2000));
        System.out.printf("bulk block of 2000 transactions built and mined in %.3f s%n", (System.nanoTime() - started) / 1e9);
      }
      assertThat(builder.tally().blocks()).isEqualTo(3);
      assertThat(builder.tally().transactions()).isEqualTo(6000);
      for (BulkBlock block : made) {
        JsonNode stats = node.call("getblockstats", block.height());
        assertThat(stats.get("txs").asInt()).isEqualTo(2001);
        assertThat(stats.get("blockhash").asText()).isEqualTo(block.hash().toHex());
        assertThat(node.call("getblock", block.hash().toHex(), 1).get("weight").asLong()).isLessThan(4_000_000);
      }
      Set<ScriptType> types = EnumSet.noneOf(ScriptType.class);
      int mostInputs = 0;
      for (BitcoinBlock block : blocks(node, made.get(2).height(), made.get(2).height())) {
        for (BitcoinTransaction tx : block.transactions().subList(1, block.transactions().size())) {
          mostInputs = Math.max(mostInputs, tx.inputs().size());
          tx.outputs().forEach(o -> types.add(classifier.classify(o.script()).type()));
        }
      }
      assertThat(types).containsExactlyInAnyOrder(ScriptType.P2WSH, ScriptType.P2SH, ScriptType.OP_RETURN);
      assertThat(mostInputs).isGreaterThanOrEqualTo(2);

      assertThatThrownBy(() -> builder.buildBlock(2000))
          .isInstanceOf(BdsException.class)
          .hasMessageContaining("past the height limit 123")
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
      assertThat(node.rpc().blockCount()).isEqualTo(123);
    }
  }

  @Test
  void aNodeThatCannotStartSaysWhy() {
    assertThatThrownBy(() -> RegtestNode.start(dir.resolve("no-such-litecoind"), dir.resolve("elsewhere")))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("no litecoind at")
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    try (RegtestNode node = RegtestNode.start(binary, dir.resolve("node"))) {
      // a second node cannot lock the same data directory: it exits, and the error quotes its log
      assertThatThrownBy(() -> RegtestNode.start(binary, dir.resolve("node")))
          .isInstanceOf(BdsException.class)
          .hasMessageContaining("exited with status")
          .hasMessageContaining("lock")
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.NODE_ERROR));
      assertThat(node.rpc().blockCount()).isZero();
    }
  }

  /** The node's best chain, hashes from height 0 up. */
  private static List<String> hashes(RegtestNode node) {
    List<String> hashes = new ArrayList<>();
    long tip = node.rpc().blockCount();
    for (long h = 0; h <= tip; h++) {
      hashes.add(node.rpc().blockHash(h).orElseThrow().toHex());
    }
    return hashes;
  }

  private static List<BitcoinBlock> blocks(RegtestNode node, long from, long to) {
    List<Hash32> hashes = new ArrayList<>();
    for (long h = from; h <= to; h++) {
      hashes.add(node.rpc().blockHash(h).orElseThrow());
    }
    List<byte[]> raw = node.rpc().rawBlocks(hashes);
    BitcoinBlockCodec codec = new BitcoinBlockCodec(true);
    List<BitcoinBlock> blocks = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      blocks.add(codec.decodeBlock(raw.get(i), from + i, "rpc"));
    }
    return blocks;
  }
}
