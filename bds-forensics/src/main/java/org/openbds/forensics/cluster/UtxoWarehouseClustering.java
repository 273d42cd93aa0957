package org.openbds.forensics.cluster;

import static java.util.Objects.requireNonNull;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.ChainId;
import org.openbds.api.TableLoad;
import org.openbds.api.Warehouse;

/**
 * Clusters of a UTXO chain's addresses kept in its warehouse schema, next to the tables they are computed from:
 *
 * <ul>
 *   <li>{@code clusters(address_id, cluster_id)}: every address in a cluster of more than one;
 *   <li>{@code cluster_merges}: each merge with its transaction, block height and heuristic — the evidence;
 *   <li>{@code cluster_coinjoins}: the transactions recognised as CoinJoins, whose inputs were not merged;
 *   <li>{@code cluster_state} and {@code cluster_blocks}: the configuration, and the blocks (height and hash) the
 *       clusters are computed from.
 * </ul>
 *
 * {@link #update} goes on block by block from the stored state (seeded with the stored clusters of the addresses the
 * new blocks touch), computes everything anew when there is no state or it was made with another configuration, and
 * after a reorg first drops the merges of the orphaned blocks and rebuilds the clusters from the merges before them.
 * Each step writes its results in one transaction.
 */
public final class UtxoWarehouseClustering {
  /** What an update did. */
  public record Result(String mode, long fromHeight, long toHeight, long transactions, long merges, long coinJoins, long clusteredAddresses) {}

  private final Warehouse warehouse;
  private final ChainId chain;
  private final ClusterConfig config;

  public UtxoWarehouseClustering(Warehouse warehouse, ChainId chain, ClusterConfig config) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.chain = requireNonNull(chain, "chain is null");
    this.config = requireNonNull(config, "config is null");
  }

  /** Brings the clusters to the chain's tip; {@code full} computes them anew from the first block. */
  public Result update(boolean full) {
    createTables();
    Optional<Long> tip = scalar("SELECT max(height) FROM " + s() + ".blocks");
    if (tip.isEmpty()) {
      return new Result("empty", 0, -1, 0, 0, 0, 0);
    }
    List<List<Object>> state = warehouse.query("SELECT configuration, height FROM " + s() + ".cluster_state").rows();
    if (full || state.isEmpty() || !config.id().equals(state.get(0).get(0))) {
      return computeAll(tip.get());
    }
    long height = ((Number) state.get(0).get(1)).longValue();
    // the last clustered block the chain still has: below it nothing changed; above it, a reorg replaced blocks
    Optional<Long> common = scalar(
        "SELECT max(c.height) FROM " + s() + ".cluster_blocks c JOIN " + s() + ".blocks b ON b.height = c.height AND b.hash = c.hash");
    if (common.isEmpty()) {
      return computeAll(tip.get());
    }
    if (common.get() < height) {
      rollBackTo(common.get());
    }
    return advance(common.get(), tip.get());
  }

  private Result computeAll(long tip) {
    MergeLog merges = new MergeLog();
    AddressClusters clusters = new AddressClusters(config, merges);
    List<Long> coinJoins = new ArrayList<>();
    long[] count = new long[1];
    readTransactions(0, tip, tx -> {
      count[0]++;
      if (clusters.add(tx).coinJoin()) {
        coinJoins.add(tx.txId());
        coinJoins.add(tx.blockHeight());
      }
    });
    long[] members = new long[1];
    warehouse.loadAtomically(
        List.of("DELETE FROM " + s() + ".clusters", "DELETE FROM " + s() + ".cluster_merges", "DELETE FROM " + s() + ".cluster_coinjoins"),
        List.of(
            new TableLoad(chain.value(), "clusters", w -> clusters.forEachClustered((address, cluster) -> {
              members[0]++;
              w.beginRow();
              w.putLong(address);
              w.putLong(cluster);
              w.endRow();
            })),
            new TableLoad(chain.value(), "cluster_merges", merges::write),
            new TableLoad(chain.value(), "cluster_coinjoins", w -> writePairs(w, coinJoins))),
        stateStatements(0, tip));
    return new Result("full", 0, tip, count[0], merges.size(), coinJoins.size() / 2, members[0]);
  }

  /** Clusters the blocks above {@code from} up to {@code tip}, going on from the stored clusters. */
  private Result advance(long from, long tip) {
    if (from >= tip) {
      return new Result("current", from, tip, 0, 0, 0, 0);
    }
    List<ClusterTransaction> txs = new ArrayList<>();
    readTransactions(from + 1, tip, txs::add);
    Map<Long, Long> seed = new HashMap<>();
    warehouse.stream(
        "SELECT c.address_id, c.cluster_id FROM " + s() + ".clusters c WHERE c.address_id IN (SELECT address_id FROM " + s() + ".tx_inputs"
            + " WHERE block_height BETWEEN " + (from + 1) + " AND " + tip + " AND address_id IS NOT NULL UNION SELECT address_id FROM " + s()
            + ".tx_outputs WHERE block_height BETWEEN " + (from + 1) + " AND " + tip + " AND address_id IS NOT NULL)",
        row -> seed.put(row.getLong(1), row.getLong(2)));
    MergeLog merges = new MergeLog();
    AddressClusters clusters = AddressClusters.seeded(config, merges, seed);
    List<Long> coinJoins = new ArrayList<>();
    for (ClusterTransaction tx : txs) {
      if (clusters.add(tx).coinJoin()) {
        coinJoins.add(tx.txId());
        coinJoins.add(tx.blockHeight());
      }
    }
    // clusters that were merged away take their final name; addresses that were alone join the table (a stored
    // cluster's id is its smallest address, stored too, though the new blocks may not touch it)
    java.util.Set<Long> stored = new java.util.HashSet<>(seed.values());
    stored.addAll(seed.keySet());
    Map<Long, Long> renamed = new HashMap<>();
    Map<Long, Long> joined = new HashMap<>();
    merges.forEach(m -> {
      renamed.put(Math.max(m.cluster(), m.otherCluster()), 0L);
      for (long a : new long[] {m.address(), m.other(), m.cluster(), m.otherCluster()}) {
        if (!stored.contains(a)) {
          joined.put(a, 0L);
        }
      }
    });
    renamed.replaceAll((gone, x) -> clusters.clusterOf(gone));
    joined.replaceAll((a, x) -> clusters.clusterOf(a));
    List<String> before = new ArrayList<>();
    if (!renamed.isEmpty()) {
      StringBuilder values = new StringBuilder();
      renamed.forEach((gone, into) -> values.append(values.length() == 0 ? "" : ", ").append('(').append(gone).append(", ").append(into).append(')'));
      before.add("UPDATE " + s() + ".clusters SET cluster_id = m.into_id FROM (VALUES " + values + ") AS m(gone_id, into_id)"
          + " WHERE " + s() + ".clusters.cluster_id = m.gone_id");
    }
    warehouse.loadAtomically(
        before,
        List.of(
            new TableLoad(chain.value(), "clusters", w -> joined.forEach((address, cluster) -> {
              w.beginRow();
              w.putLong(address);
              w.putLong(cluster);
              w.endRow();
            })),
            new TableLoad(chain.value(), "cluster_merges", merges::write),
            new TableLoad(chain.value(), "cluster_coinjoins", w -> writePairs(w, coinJoins))),
        stateStatements(from + 1, tip));
    return new Result("incremental", from + 1, tip, txs.size(), merges.size(), coinJoins.size() / 2, joined.size());
  }

  /** Drops what the blocks above {@code height} merged and rebuilds the clusters from the merges that remain. */
  private void rollBackTo(long height) {
    AddressClusters rebuilt = new AddressClusters(config, m -> {});
    warehouse.stream(
        "SELECT address_id, other_address_id FROM " + s() + ".cluster_merges WHERE block_height <= " + height + " ORDER BY block_height, tx_id",
        row -> rebuilt.relink(row.getLong(1), row.getLong(2)));
    warehouse.loadAtomically(
        List.of(
            "DELETE FROM " + s() + ".clusters",
            "DELETE FROM " + s() + ".cluster_merges WHERE block_height > " + height,
            "DELETE FROM " + s() + ".cluster_coinjoins WHERE block_height > " + height),
        List.of(new TableLoad(chain.value(), "clusters", w -> rebuilt.forEachClustered((address, cluster) -> {
          w.beginRow();
          w.putLong(address);
          w.putLong(cluster);
          w.endRow();
        }))),
        stateStatements(height + 1, height));
  }

  /**
   * The transactions of blocks {@code from..to} that clustering looks at, in chain order: those with at least two
   * input addresses (one, with a change heuristic), with their outputs and whether each output's address is seen for
   * the first time there.
   */
  private void readTransactions(long from, long to, java.util.function.Consumer<ClusterTransaction> each) {
    int minInputs = config.change() == ClusterConfig.ChangeHeuristic.NONE ? 2 : 1;
    String range = " BETWEEN " + from + " AND " + to;
    String sql =
        "WITH ins AS (SELECT tx_id, list(address_id ORDER BY vin) AS inputs FROM " + s() + ".tx_inputs"
            + " WHERE address_id IS NOT NULL AND block_height" + range + " GROUP BY tx_id HAVING count(DISTINCT address_id) >= " + minInputs + "),"
            + " firsts AS (SELECT o.address_id, min(o.tx_id) AS first_tx FROM " + s() + ".tx_outputs o JOIN " + s() + ".address_dictionary d"
            + " ON d.address_id = o.address_id AND d.first_height = o.block_height WHERE o.block_height" + range + " GROUP BY o.address_id)"
            + " SELECT i.tx_id, any_value(o.block_height) AS block_height, any_value(i.inputs) AS inputs,"
            + " list(o.value ORDER BY o.vout) AS vals, list(coalesce(o.address_id, -1) ORDER BY o.vout) AS addrs,"
            + " list(f.first_tx IS NOT NULL ORDER BY o.vout) AS fresh"
            + " FROM ins i JOIN " + s() + ".tx_outputs o ON o.tx_id = i.tx_id AND o.block_height" + range
            + " LEFT JOIN firsts f ON f.address_id = o.address_id AND f.first_tx = o.tx_id"
            + " GROUP BY i.tx_id ORDER BY i.tx_id";
    warehouse.stream(sql, row -> each.accept(transaction(row)));
  }

  private static ClusterTransaction transaction(ResultSet row) throws SQLException {
    Object[] inputs = array(row.getArray(3));
    Object[] values = array(row.getArray(4));
    Object[] addresses = array(row.getArray(5));
    Object[] fresh = array(row.getArray(6));
    long[] in = new long[inputs.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = ((Number) inputs[i]).longValue();
    }
    List<ClusterTransaction.Output> outputs = new ArrayList<>(values.length);
    for (int o = 0; o < values.length; o++) {
      outputs.add(new ClusterTransaction.Output(((Number) values[o]).longValue(), ((Number) addresses[o]).longValue(), Boolean.TRUE.equals(fresh[o])));
    }
    return new ClusterTransaction(row.getLong(1), row.getLong(2), in, outputs);
  }

  private static Object[] array(Array a) throws SQLException {
    return (Object[]) a.getArray();
  }

  private void createTables() {
    warehouse.executeAtomically(List.of(
        "CREATE TABLE IF NOT EXISTS " + s() + ".clusters (address_id BIGINT NOT NULL, cluster_id BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + s() + ".cluster_merges (tx_id BIGINT NOT NULL, block_height BIGINT NOT NULL, heuristic VARCHAR NOT NULL,"
            + " address_id BIGINT NOT NULL, other_address_id BIGINT NOT NULL, cluster_id BIGINT NOT NULL, other_cluster_id BIGINT NOT NULL,"
            + " into_cluster_id BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + s() + ".cluster_coinjoins (tx_id BIGINT NOT NULL, block_height BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + s() + ".cluster_blocks (height BIGINT NOT NULL, hash VARCHAR NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + s() + ".cluster_state (configuration VARCHAR NOT NULL, height BIGINT NOT NULL, computed_at TIMESTAMP NOT NULL)"));
  }

  /** The statements that record the blocks {@code from..to} as clustered, the clusters being computed to {@code to}. */
  private List<String> stateStatements(long from, long to) {
    return List.of(
        "DELETE FROM " + s() + ".cluster_blocks WHERE height >= " + from,
        "INSERT INTO " + s() + ".cluster_blocks SELECT height, hash FROM " + s() + ".blocks WHERE height BETWEEN " + from + " AND " + to,
        "DELETE FROM " + s() + ".cluster_state",
        "INSERT INTO " + s() + ".cluster_state VALUES ('" + config.id() + "', " + to + ", now()::TIMESTAMP)");
  }

  private static void writePairs(org.openbds.api.RowWriter w, List<Long> pairs) {
    for (int i = 0; i < pairs.size(); i += 2) {
      w.beginRow();
      w.putLong(pairs.get(i));
      w.putLong(pairs.get(i + 1));
      w.endRow();
    }
  }

  private Optional<Long> scalar(String sql) {
    Object v = warehouse.query(sql).rows().get(0).get(0);
    return v == null ? Optional.empty() : Optional.of(((Number) v).longValue());
  }

  private String s() {
    return chain.value();
  }
}
