package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.ethereum.rpc.EthRpcClient;

/**
 * A real anvil devnet with seeded {@link EvmActivity}, synced to its tip by the real {@link ChainSynchronizer} into a
 * fresh embedded warehouse as chain {@code eth}, network {@code dev}; and the node's own answers, read once after the
 * sync: every block with its full transactions, and every transaction and receipt by hash. The node does not move
 * afterwards. {@link #close()} closes the warehouse and stops anvil.
 */
final class TestingDevnetWarehouse implements AutoCloseable {
  static final ChainId ETH = new ChainId("eth");

  private final AnvilNode node;
  private final EvmActivity activity;
  private final DuckDbWarehouse warehouse;
  private final long tip;
  private final List<JsonNode> blocks;
  private final Map<String, JsonNode> transactions;
  private final Map<String, JsonNode> receipts;

  private TestingDevnetWarehouse(AnvilNode node, EvmActivity activity, DuckDbWarehouse warehouse) {
    this.node = node;
    this.activity = activity;
    this.warehouse = warehouse;
    this.tip = node.rpc().blockNumber();
    List<EthRpcClient.Call> calls = new ArrayList<>();
    for (long n = 0; n <= tip; n++) {
      calls.add(EthRpcClient.Call.of("eth_getBlockByNumber", "0x" + Long.toHexString(n), true));
    }
    this.blocks = node.rpc().batch(calls).stream().map(EthRpcClient.Answer::get).toList();
    List<String> hashes = new ArrayList<>();
    blocks.forEach(b -> b.path("transactions").forEach(t -> hashes.add(t.path("hash").asText())));
    this.transactions = byHash(node, hashes, "eth_getTransactionByHash");
    this.receipts = byHash(node, hashes, "eth_getTransactionReceipt");
  }

  /**
   * Starts anvil in {@code dir}, runs the activity of {@code seed} for {@code rounds} rounds and syncs it; anvil is
   * stopped again if any of it fails.
   */
  static TestingDevnetWarehouse start(Path anvil, Path dir, long seed, int rounds) {
    AnvilNode node = AnvilNode.start(anvil, dir.resolve("node"));
    DuckDbWarehouse warehouse = null;
    try {
      EvmActivity activity = EvmActivity.start(node, seed);
      activity.rounds(rounds);
      warehouse = DuckDbWarehouse.open(dir.resolve("data"));
      sync(node, warehouse);
      return new TestingDevnetWarehouse(node, activity, warehouse);
    } catch (RuntimeException | AssertionError e) {
      if (warehouse != null) {
        warehouse.close();
      }
      node.close();
      throw e;
    }
  }

  /** Syncs {@code warehouse} to the tip of {@code node} as chain {@code eth}, network {@code dev}. */
  static void sync(AnvilNode node, Warehouse warehouse) {
    ChainSupport support = ChainFamilies.load().forChain(ETH.value()).open(ETH, "dev", SplitOptions.defaults());
    NodeSettings settings = new NodeSettings(node.url(), Optional.empty(), Duration.ofSeconds(30), 2, RetryPolicy.upTo(Duration.ofSeconds(30)));
    try (NodeSource source = support.node(settings)) {
      ChainSynchronizer.Result r =
          new ChainSynchronizer<>(warehouse, ETH, "dev", support.splitter(), source, SyncConfig.defaults().withExitAtTip(true), new SyncListener() {})
              .run();
      assertThat(r.tip().orElseThrow().height()).as("the synced tip").isEqualTo(node.rpc().blockNumber());
    }
  }

  private static Map<String, JsonNode> byHash(AnvilNode node, List<String> hashes, String method) {
    List<EthRpcClient.Answer> answers = node.rpc().batch(hashes.stream().map(h -> EthRpcClient.Call.of(method, h)).toList());
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (int i = 0; i < hashes.size(); i++) {
      out.put(hashes.get(i), answers.get(i).get());
    }
    return out;
  }

  AnvilNode node() {
    return node;
  }

  EvmActivity activity() {
    return activity;
  }

  DuckDbWarehouse warehouse() {
    return warehouse;
  }

  /** The node's tip, which is the warehouse's. */
  long tip() {
    return tip;
  }

  /** {@code eth_getBlockByNumber(n, true)} for every height from genesis to the tip, by height. */
  List<JsonNode> blocks() {
    return blocks;
  }

  /** {@code eth_getTransactionByHash} of every transaction, in chain order. */
  Map<String, JsonNode> transactions() {
    return transactions;
  }

  /** {@code eth_getTransactionReceipt} of every transaction, by hash. */
  Map<String, JsonNode> receipts() {
    return receipts;
  }

  @Override
  public void close() {
    try {
      warehouse.close();
    } finally {
      node.close();
    }
  }
}
