package org.openbds.forensics.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.Hash32;
import org.openbds.api.WriteTransaction;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.BlockImporter;
import org.openbds.core.ImportConfig;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * Clusters of a generated chain imported by the real importer: equal to the connected components of the co-spends
 * (worked out here independently), the same whether computed at once or block by block, and right again after
 * blocks are rolled back and come back.
 */
class UtxoWarehouseClusteringTest {
  static final ChainId CHAIN = new ChainId("btc");

  @TempDir Path dir;

  @Test
  void clustersAreTheCoSpendComponentsAtOnceBlockByBlockAndThroughARollback() {
    ChainProfile profile = ChainProfiles.load("btc");
    Path blocks = dir.resolve("blocks");
    new SyntheticChainGenerator(GeneratorConfig.defaults(profile, blocks).withSeed(3).withTargetTransactions(4_000).withAverageTransactionsPerBlock(20))
        .generate();
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("data"))) {
      long tip = importTo(warehouse, profile, blocks, -1);
      long middle = tip / 2;
      UtxoWarehouseClustering clustering = new UtxoWarehouseClustering(warehouse, CHAIN, ClusterConfig.DEFAULT);

      UtxoWarehouseClustering.Result all = clustering.update(false);
      assertThat(all.mode()).isEqualTo("full");
      Map<Long, Long> expected = components(warehouse, tip);
      assertThat(expected).as("the generated chain has co-spends").isNotEmpty();
      assertThat(stored(warehouse)).isEqualTo(expected);
      assertThat(all.clusteredAddresses()).isEqualTo(expected.size());
      assertThat(count(warehouse, "SELECT count(*) FROM btc.cluster_merges")).isEqualTo(all.merges()).isPositive();
      // every merge names a transaction that spent both addresses (or their clusters' addresses) together
      assertThat(count(warehouse, "SELECT count(*) FROM btc.cluster_merges m WHERE NOT EXISTS (SELECT 1 FROM btc.tx_inputs a JOIN btc.tx_inputs b"
          + " ON a.tx_id = b.tx_id WHERE a.tx_id = m.tx_id AND a.address_id = m.address_id AND b.address_id = m.other_address_id)")).isZero();

      // nothing new: nothing to do
      assertThat(clustering.update(false).mode()).isEqualTo("current");

      // roll the chain back to the middle: the clusters are what the first half alone gives
      rollBack(warehouse, middle);
      UtxoWarehouseClustering.Result back = clustering.update(false);
      assertThat(back.mode()).isEqualTo("current");
      assertThat(stored(warehouse)).isEqualTo(components(warehouse, middle));
      assertThat(count(warehouse, "SELECT count(*) FROM btc.cluster_merges WHERE block_height > " + middle)).isZero();

      // the blocks come back, imported and clustered a few at a time: the same clusters as all at once
      for (long h = middle + 7; h < tip + 7; h += 7) {
        importTo(warehouse, profile, blocks, Math.min(h, tip));
        UtxoWarehouseClustering.Result step = clustering.update(false);
        assertThat(step.mode()).isEqualTo("incremental");
        assertThat(step.toHeight()).isEqualTo(Math.min(h, tip));
      }
      assertThat(stored(warehouse)).isEqualTo(expected);
      assertThat(count(warehouse, "SELECT count(*) FROM btc.cluster_merges")).isEqualTo(all.merges());
      assertThat(clustering.update(true).mode()).isEqualTo("full");
      assertThat(stored(warehouse)).isEqualTo(expected);
    }
  }

  private static long importTo(DuckDbWarehouse warehouse, ChainProfile profile, Path blocks, long stopAfter) {
    try (BlockFileSource source = BlockFileSource.open(blocks, profile.network(ChainProfiles.SYNTHETIC), OptionalLong.empty())) {
      ImportConfig defaults = ImportConfig.defaults();
      new BlockImporter<>(warehouse, CHAIN, ChainProfiles.SYNTHETIC, new BitcoinSplitter(profile, profile.network(ChainProfiles.SYNTHETIC), false),
          new ImportConfig(defaults.decodeThreads(), defaults.batchTransactions(), defaults.maxBatchBlocks(), stopAfter), p -> {}).run(source);
    }
    return count(warehouse, "SELECT max(height) FROM btc.blocks");
  }

  private static void rollBack(DuckDbWarehouse warehouse, long keep) {
    String hash = (String) warehouse.query("SELECT hash FROM btc.blocks WHERE height = ?", keep).rows().get(0).get(0);
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      tx.deleteFromHeight(keep + 1);
      tx.commit(new BlockRef(keep, Hash32.parse(hash)));
    }
  }

  /** address → cluster as stored. */
  private static Map<Long, Long> stored(DuckDbWarehouse warehouse) {
    Map<Long, Long> out = new HashMap<>();
    for (List<Object> row : warehouse.query("SELECT address_id, cluster_id FROM btc.clusters").rows()) {
      assertThat(out.put(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue())).as("one row per address").isNull();
    }
    return out;
  }

  /**
   * The connected components of "spent together" up to {@code height}, leaving out the transactions the clustering
   * marked as CoinJoins (each checked here to have the CoinJoin shape), named by their smallest address.
   */
  private static Map<Long, Long> components(DuckDbWarehouse warehouse, long height) {
    Set<Long> coinJoins = new HashSet<>();
    for (List<Object> row : warehouse.query("SELECT tx_id FROM btc.cluster_coinjoins WHERE block_height <= ?", height).rows()) {
      coinJoins.add(((Number) row.get(0)).longValue());
    }
    for (long tx : coinJoins) {
      long equal = count(warehouse, "SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM btc.tx_outputs WHERE tx_id = ? AND value > 0 GROUP BY value)", tx);
      long inputs = count(warehouse, "SELECT count(DISTINCT address_id) FROM btc.tx_inputs WHERE tx_id = ?", tx);
      assertThat(equal).as("CoinJoin " + tx).isGreaterThanOrEqualTo(2);
      assertThat(inputs).as("CoinJoin " + tx).isGreaterThanOrEqualTo(equal);
    }
    Map<Long, List<Long>> byTx = new HashMap<>();
    for (List<Object> row : warehouse.query(
        "SELECT tx_id, address_id FROM btc.tx_inputs WHERE address_id IS NOT NULL AND block_height <= ? ORDER BY tx_id", height).rows()) {
      long tx = ((Number) row.get(0)).longValue();
      if (!coinJoins.contains(tx)) {
        byTx.computeIfAbsent(tx, k -> new ArrayList<>()).add(((Number) row.get(1)).longValue());
      }
    }
    Map<Long, Set<Long>> edges = new HashMap<>();
    for (List<Long> addresses : byTx.values()) {
      for (long a : addresses) {
        for (long b : addresses) {
          if (a != b) {
            edges.computeIfAbsent(a, k -> new HashSet<>()).add(b);
          }
        }
      }
    }
    Map<Long, Long> out = new HashMap<>();
    for (long start : edges.keySet()) {
      if (out.containsKey(start)) {
        continue;
      }
      List<Long> component = new ArrayList<>();
      ArrayList<Long> stack = new ArrayList<>(List.of(start));
      Set<Long> seen = new HashSet<>(stack);
      while (!stack.isEmpty()) {
        long a = stack.remove(stack.size() - 1);
        component.add(a);
        for (long b : edges.getOrDefault(a, Set.of())) {
          if (seen.add(b)) {
            stack.add(b);
          }
        }
      }
      long name = component.stream().mapToLong(Long::longValue).min().orElseThrow();
      component.forEach(a -> out.put(a, name));
    }
    return out;
  }

  private static long count(DuckDbWarehouse warehouse, String sql, Object... parameters) {
    Object v = warehouse.query(sql, parameters).rows().get(0).get(0);
    return v == null ? -1 : ((Number) v).longValue();
  }
}
