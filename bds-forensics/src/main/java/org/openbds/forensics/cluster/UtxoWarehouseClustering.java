package org.openbds.forensics.cluster;

import static java.util.Objects.requireNonNull;

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
import org.openbds.forensics.read.KeyedRows;

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
  public record Result(String mode, long fromHeight, long toHeight, long transactions, long merges, long coinJoins, long clusteredAddresses,
      Timings timings) {}

  /** Where an update's time went, in seconds: reading the transactions (SQL and decoding), the heuristics, writing. */
  public record Timings(double read, double cluster, double write) {
    static final Timings NONE = new Timings(0, 0, 0);
  }

  /** The index a block's update finds the stored clusters of its addresses by. */
  private static final String INDEX = "clusters_address_id";

  private final Warehouse warehouse;
  private final ChainId chain;
  private final ClusterConfig config;

  /** Whether this instance made sure the tables exist (they are never dropped). */
  private boolean created;

  public UtxoWarehouseClustering(Warehouse warehouse, ChainId chain, ClusterConfig config) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.chain = requireNonNull(chain, "chain is null");
    this.config = requireNonNull(config, "config is null");
  }

  /** The configuration the chain's stored clusters were made with; empty when it was never clustered. */
  public static Optional<ClusterConfig> stored(Warehouse warehouse, ChainId chain) {
    boolean exists = !warehouse.query(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = 'cluster_state'", chain.value()).rows().isEmpty();
    if (!exists) {
      return Optional.empty();
    }
    List<List<Object>> rows = warehouse.query("SELECT configuration FROM " + chain.value() + ".cluster_state").rows();
    return rows.isEmpty() ? Optional.empty() : Optional.of(ClusterConfig.parse((String) rows.get(0).get(0)));
  }

  /**
   * The addresses of stored cluster {@code clusterId} (its id is its smallest address id), at most {@code limit}.
   *
   * @throws IllegalArgumentException if the chain has no clusters, or none with this id, or it is larger than the limit
   */
  public static List<String> members(Warehouse warehouse, ChainId chain, long clusterId, int limit) {
    if (stored(warehouse, chain).isEmpty()) {
      throw new IllegalArgumentException(chain + " has no clusters yet; compute them with bds cluster --chain " + chain);
    }
    List<String> out = new java.util.ArrayList<>();
    for (List<Object> r : warehouse.query("SELECT d.address FROM " + chain.value() + ".clusters c JOIN " + chain.value() + ".address_dictionary d"
        + " USING (address_id) WHERE c.cluster_id = ? ORDER BY c.address_id LIMIT ?", clusterId, limit + 1).rows()) {
      out.add((String) r.get(0));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(chain + " has no cluster " + clusterId + " (a cluster's id is its first address's id; bds address shows it)");
    }
    if (out.size() > limit) {
      throw new IllegalArgumentException("cluster " + clusterId + " has more than " + limit + " addresses; search from some of them instead");
    }
    return out;
  }

  /** Brings the clusters to the chain's tip; {@code full} computes them anew from the first block. */
  public Result update(boolean full) {
    return update(full, Long.MAX_VALUE);
  }

  /** As {@link #update(boolean)}, to block {@code upTo} at most (the chain's tip if lower). */
  public Result update(boolean full, long upTo) {
    createTables();
    Optional<Long> tip = scalar("SELECT max(height) FROM " + s() + ".blocks").map(t -> Math.min(t, upTo));
    if (tip.isEmpty()) {
      return new Result("empty", 0, -1, 0, 0, 0, 0, Timings.NONE);
    }
    List<List<Object>> state = warehouse.query("SELECT configuration, height FROM " + s() + ".cluster_state").rows();
    if (full || state.isEmpty() || !config.id().equals(state.get(0).get(0))) {
      return computeAll(tip.get());
    }
    long height = ((Number) state.get(0).get(1)).longValue();
    // the last clustered block the chain still has: below it nothing changed; above it, a reorg replaced blocks. Most
    // often it is the last one clustered, which two point reads confirm.
    Optional<Long> common = Boolean.TRUE.equals(warehouse.query("SELECT (SELECT hash FROM " + s() + ".cluster_blocks WHERE height = " + height + ") = (SELECT hash FROM "
        + s() + ".blocks WHERE height = " + height + ")").rows().get(0).get(0)) ? Optional.of(height) : Optional.empty();
    if (common.isEmpty()) {
      common = scalar(
          "SELECT max(c.height) FROM " + s() + ".cluster_blocks c JOIN " + s() + ".blocks b ON b.height = c.height AND b.hash = c.hash");
    }
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
    long[] clustering = new long[1];
    long t0 = System.nanoTime();
    readTransactions(0, tip, tx -> {
      long c0 = System.nanoTime();
      count[0]++;
      if (clusters.add(tx).coinJoin()) {
        coinJoins.add(tx.txId());
        coinJoins.add(tx.blockHeight());
      }
      clustering[0] += System.nanoTime() - c0;
    });
    long t1 = System.nanoTime();
    long[] members = new long[1];
    warehouse.loadAtomically(
        List.of("DROP INDEX IF EXISTS " + s() + "." + INDEX, "DELETE FROM " + s() + ".clusters", "DELETE FROM " + s() + ".cluster_merges",
            "DELETE FROM " + s() + ".cluster_coinjoins"),
        List.of(
            new TableLoad(chain.value(), "clusters", w -> clusters.forEachClustered((address, cluster) -> {
              members[0]++;
              writeMember(w, address, cluster);
            })),
            new TableLoad(chain.value(), "cluster_merges", merges::write),
            new TableLoad(chain.value(), "cluster_coinjoins", w -> writePairs(w, coinJoins))),
        withIndex(stateStatements(0, tip)));
    long t2 = System.nanoTime();
    return new Result("full", 0, tip, count[0], merges.size(), coinJoins.size() / 2, members[0],
        new Timings((t1 - t0 - clustering[0]) / 1e9, clustering[0] / 1e9, (t2 - t1) / 1e9));
  }

  /** Clusters the blocks above {@code from} up to {@code tip}, going on from the stored clusters. */
  private Result advance(long from, long tip) {
    if (from >= tip) {
      return new Result("current", from, tip, 0, 0, 0, 0, Timings.NONE);
    }
    long t0 = System.nanoTime();
    List<ClusterTransaction> txs = new ArrayList<>();
    readTransactions(from + 1, tip, txs::add);
    // the stored clusters of the addresses these transactions may merge (the table is kept in address order)
    java.util.Set<Object> touched = new java.util.LinkedHashSet<>();
    for (ClusterTransaction tx : txs) {
      for (long a : tx.inputAddresses()) {
        touched.add(a);
      }
      for (ClusterTransaction.Output o : tx.outputs()) {
        if (o.address() >= 0 && o.firstSeen()) {
          touched.add(o.address());
        }
      }
    }
    Map<Long, Long> seed = new HashMap<>();
    for (List<Object> row : new KeyedRows(warehouse, s()).read("t.address_id, t.cluster_id", "clusters", "address_id", touched, "")) {
      seed.put(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue());
    }
    long t1 = System.nanoTime();
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
    long t2 = System.nanoTime();
    List<String> before = new ArrayList<>();
    if (!renamed.isEmpty()) {
      StringBuilder values = new StringBuilder();
      renamed.forEach((gone, into) -> values.append(values.length() == 0 ? "" : ", ").append('(').append(gone).append(", ").append(into).append(')'));
      // a cluster's id is its smallest address id, so its members lie at or above it: the rows below the smallest
      // renamed id are skipped by their row groups' bounds (the table grows in address order)
      long lowest = java.util.Collections.min(renamed.keySet());
      before.add("UPDATE " + s() + ".clusters SET cluster_id = m.into_id FROM (VALUES " + values + ") AS m(gone_id, into_id)"
          + " WHERE " + s() + ".clusters.cluster_id = m.gone_id AND " + s() + ".clusters.address_id >= " + lowest);
    }
    List<TableLoad> loads = new ArrayList<>();
    if (!joined.isEmpty()) {
      loads.add(new TableLoad(chain.value(), "clusters", w -> joined.forEach((address, cluster) -> writeMember(w, address, cluster))));
    }
    if (merges.size() > 0) {
      loads.add(new TableLoad(chain.value(), "cluster_merges", merges::write));
    }
    if (!coinJoins.isEmpty()) {
      loads.add(new TableLoad(chain.value(), "cluster_coinjoins", w -> writePairs(w, coinJoins)));
    }
    // the state goes on from the stored one (same configuration, no block above it recorded: update rolled those back)
    warehouse.loadAtomically(before, loads, List.of(
        "INSERT INTO " + s() + ".cluster_blocks SELECT height, hash FROM " + s() + ".blocks WHERE height BETWEEN " + (from + 1) + " AND " + tip,
        "UPDATE " + s() + ".cluster_state SET height = " + tip + ", computed_at = now()::TIMESTAMP"));
    return new Result("incremental", from + 1, tip, txs.size(), merges.size(), coinJoins.size() / 2, joined.size(),
        new Timings((t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9));
  }

  /**
   * Drops what the blocks above {@code height} merged and rebuilds the clusters from the merges that remain, as after
   * a reorg; the next update clusters those blocks again.
   */
  public void rollBackTo(long height) {
    createTables();
    AddressClusters rebuilt = new AddressClusters(config, m -> {});
    warehouse.stream(
        "SELECT address_id, other_address_id FROM " + s() + ".cluster_merges WHERE block_height <= " + height + " ORDER BY block_height, tx_id",
        row -> rebuilt.relink(row.getLong(1), row.getLong(2)));
    warehouse.loadAtomically(
        List.of(
            "DROP INDEX IF EXISTS " + s() + "." + INDEX,
            "DELETE FROM " + s() + ".clusters",
            "DELETE FROM " + s() + ".cluster_merges WHERE block_height > " + height,
            "DELETE FROM " + s() + ".cluster_coinjoins WHERE block_height > " + height),
        List.of(new TableLoad(chain.value(), "clusters", w -> rebuilt.forEachClustered((address, cluster) -> writeMember(w, address, cluster)))),
        withIndex(stateStatements(height + 1, height)));
  }

  /**
   * The transactions of blocks {@code from..to} that clustering looks at, in chain order: those with at least two
   * input addresses (one, with a change heuristic), with the largest count of their outputs sharing one positive value
   * and — for a change heuristic — their outputs and whether each output's address is seen for the first time there.
   * Lists travel as text (a JDBC array costs microseconds a row, and there are millions of rows).
   */
  private void readTransactions(long from, long to, java.util.function.Consumer<ClusterTransaction> each) {
    boolean change = config.change() != ClusterConfig.ChangeHeuristic.NONE;
    String range = " BETWEEN " + from + " AND " + to;
    String ins = "ins AS (SELECT tx_id, min(block_height) AS block_height, string_agg(address_id::VARCHAR, ',') AS inputs FROM "
        + s() + ".tx_inputs WHERE address_id IS NOT NULL AND block_height" + range + " GROUP BY tx_id HAVING count(DISTINCT address_id) >= "
        + (change ? 1 : 2) + ")";
    String equal = "equal AS (SELECT tx_id, max(n) AS n FROM (SELECT tx_id, count(*) AS n FROM " + s() + ".tx_outputs WHERE value > 0 AND block_height"
        + range + " AND tx_id IN (SELECT tx_id FROM ins) GROUP BY tx_id, value HAVING count(*) >= 2) AS per_value GROUP BY tx_id)";
    String sql;
    if (!change) {
      sql = "WITH " + ins + ", " + equal + " SELECT i.tx_id, i.block_height, i.inputs, coalesce(e.n, 0), NULL FROM ins i LEFT JOIN equal e USING (tx_id)"
          + " ORDER BY i.tx_id";
    } else {
      String firsts = "firsts AS (SELECT o.address_id, min(o.tx_id) AS first_tx FROM " + s() + ".tx_outputs o JOIN " + s() + ".address_dictionary d"
          + " ON d.address_id = o.address_id AND d.first_height = o.block_height WHERE o.block_height" + range + " GROUP BY o.address_id)";
      String outs = "outs AS (SELECT o.tx_id, string_agg(o.value::VARCHAR || ':' || coalesce(o.address_id, -1)::VARCHAR || ':'"
          + " || (CASE WHEN f.first_tx IS NULL THEN 0 ELSE 1 END)::VARCHAR, ',') AS outputs FROM " + s() + ".tx_outputs o"
          + " LEFT JOIN firsts f ON f.address_id = o.address_id AND f.first_tx = o.tx_id WHERE o.block_height" + range
          + " AND o.tx_id IN (SELECT tx_id FROM ins) GROUP BY o.tx_id)";
      sql = "WITH " + ins + ", " + equal + ", " + firsts + ", " + outs + " SELECT i.tx_id, i.block_height, i.inputs, coalesce(e.n, 0), o.outputs"
          + " FROM ins i LEFT JOIN equal e USING (tx_id) LEFT JOIN outs o USING (tx_id) ORDER BY i.tx_id";
    }
    warehouse.stream(sql, row -> each.accept(transaction(row)));
  }

  private static ClusterTransaction transaction(ResultSet row) throws SQLException {
    String inputs = row.getString(3);
    long[] in = new long[count(inputs)];
    int at = 0;
    for (int i = 0; i < in.length; i++) {
      int end = inputs.indexOf(',', at);
      end = end < 0 ? inputs.length() : end;
      in[i] = Long.parseLong(inputs, at, end, 10);
      at = end + 1;
    }
    String outputs = row.getString(5);
    List<ClusterTransaction.Output> outs = new ArrayList<>();
    if (outputs != null) {
      for (String o : outputs.split(",")) {
        String[] f = o.split(":");
        outs.add(new ClusterTransaction.Output(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2].equals("1")));
      }
    }
    return new ClusterTransaction(row.getLong(1), row.getLong(2), in, row.getInt(4), outs);
  }

  private static int count(String list) {
    int n = 1;
    for (int i = 0; i < list.length(); i++) {
      if (list.charAt(i) == ',') {
        n++;
      }
    }
    return n;
  }

  private void createTables() {
    if (created) {
      return;
    }
    created = true;
    warehouse.executeAtomically(List.of(
        "CREATE TABLE IF NOT EXISTS " + s() + ".clusters (address_id BIGINT NOT NULL, cluster_id BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + s() + ".cluster_merges (tx_id BIGINT NOT NULL, block_height BIGINT NOT NULL, heuristic VARCHAR NOT NULL,"
            + " address_id BIGINT NOT NULL, other_address_id BIGINT NOT NULL, cluster_id BIGINT NOT NULL, other_cluster_id BIGINT NOT NULL,"
            + " into_cluster_id BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + s() + ".cluster_coinjoins (tx_id BIGINT NOT NULL, block_height BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + s() + ".cluster_blocks (height BIGINT NOT NULL, hash VARCHAR NOT NULL)",
        "CREATE INDEX IF NOT EXISTS " + INDEX + " ON " + s() + ".clusters (address_id)",
        "CREATE TABLE IF NOT EXISTS " + s() + ".cluster_state (configuration VARCHAR NOT NULL, height BIGINT NOT NULL, computed_at TIMESTAMP NOT NULL)"));
  }

  /** {@code statements}, then the index of {@code clusters} made again (a whole table is loaded faster without it). */
  private List<String> withIndex(List<String> statements) {
    List<String> out = new ArrayList<>(statements);
    out.add("CREATE INDEX IF NOT EXISTS " + INDEX + " ON " + s() + ".clusters (address_id)");
    return out;
  }

  /** The statements that record the blocks {@code from..to} as clustered, the clusters being computed to {@code to}. */
  private List<String> stateStatements(long from, long to) {
    return List.of(
        "DELETE FROM " + s() + ".cluster_blocks WHERE height >= " + from,
        "INSERT INTO " + s() + ".cluster_blocks SELECT height, hash FROM " + s() + ".blocks WHERE height BETWEEN " + from + " AND " + to,
        "DELETE FROM " + s() + ".cluster_state",
        "INSERT INTO " + s() + ".cluster_state VALUES ('" + config.id() + "', " + to + ", now()::TIMESTAMP)");
  }

  /** One row of {@code clusters}. */
  private static void writeMember(org.openbds.api.RowWriter w, long address, long cluster) {
    w.beginRow();
    w.putLong(address);
    w.putLong(cluster);
    w.endRow();
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
