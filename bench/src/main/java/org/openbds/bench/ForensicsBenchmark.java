package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.ChainId;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.api.LookupIndexes;
import org.openbds.forensics.flow.UtxoWarehouseFlowGraph;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.forensics.trace.Trace;
import org.openbds.forensics.trace.TraceRequest;
import org.openbds.forensics.trace.Tracer;

/**
 * Forensics over the API benchmark's generated warehouse (made by {@link ApiBenchmark#prepare} in {@code work} when
 * missing): every cluster from scratch; the clusters of the last blocks dropped and brought back one block at a time,
 * each update timed; 5-hop forward traces from the busiest address's latest spent deposit and from every deposit of a
 * busy ordinary address, each on a fresh flow graph (nothing read before).
 */
public final class ForensicsBenchmark {
  private static final ChainId CHAIN = new ChainId("btc");

  /** Everything measured. */
  public record Result(long transactions, double fullSeconds, UtxoWarehouseClustering.Result full, double rollbackSeconds, List<Long> warmUpMillis,
      List<Long> incrementalMillis, List<TraceTime> traces) {

    /** The {@code q}-quantile (0..1) of the one-block updates, nearest rank. */
    public long incrementalQuantile(double q) {
      List<Long> sorted = incrementalMillis.stream().sorted().toList();
      return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
    }
  }

  /** One trace: what it started from, how far it went, how long it took. */
  public record TraceTime(String what, int startOutputs, int transactions, int frontier, double seconds) {}

  private final ApiBenchmark warehouseMaker;
  private final int warmUp;
  private final int blocks;

  /** Times {@code blocks} one-block updates after {@code warmUp} others (reported apart). */
  public ForensicsBenchmark(ApiBenchmark warehouseMaker, int warmUp, int blocks) {
    this.warehouseMaker = requireNonNull(warehouseMaker, "warehouseMaker is null");
    this.warmUp = warmUp;
    this.blocks = blocks;
  }

  public Result run(PrintWriter log) throws Exception {
    Path data = warehouseMaker.prepare(log);
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data)) {
      long transactions = ((Number) warehouse.query("SELECT count(*) FROM btc.transactions").rows().get(0).get(0)).longValue();
      long tip = ((Number) warehouse.query("SELECT max(height) FROM btc.blocks").rows().get(0).get(0)).longValue();
      UtxoWarehouseClustering clustering = new UtxoWarehouseClustering(warehouse, CHAIN, ClusterConfig.DEFAULT);
      long t0 = System.nanoTime();
      UtxoWarehouseClustering.Result full = clustering.update(true);
      double fullSeconds = (System.nanoTime() - t0) / 1e9;
      log.printf("full clustering: %.2f s (read %.2f, heuristics %.2f, write %.2f): %,d merges, %,d addresses in clusters%n", fullSeconds,
          full.timings().read(), full.timings().cluster(), full.timings().write(), full.merges(), full.clusteredAddresses());
      log.flush();

      // a reorg: the clusters of the last blocks are dropped and rebuilt from the merges before them; then the blocks
      // come back one at a time, as a live sync brings them. The first ones after it run code not yet compiled and read
      // what is not yet cached (they are as slow after a pause): they are timed apart, as a warm-up, and the steady
      // state is measured on the blocks after them.
      long r0 = System.nanoTime();
      clustering.rollBackTo(tip - blocks - warmUp);
      double rollbackSeconds = (System.nanoTime() - r0) / 1e9;
      log.printf("clusters of the last %d blocks dropped (rebuilt from the merges before them) in %.2f s%n", blocks + warmUp, rollbackSeconds);
      List<Long> warm = new ArrayList<>();
      List<Long> incremental = new ArrayList<>();
      for (long h = tip - blocks - warmUp + 1; h <= tip; h++) {
        boolean warming = h <= tip - blocks;
        (warming ? warm : incremental).add(timedUpdate(clustering, h, (warming ? "warm-up block " : "block ") + String.format("%,d", h), log));
      }

      // the lookup indexes a trace reads through, as bds trace and bds serve make them
      LookupIndexes.ensure(warehouse, CHAIN, UtxoWarehouseFlowGraph.INDEXES, m -> {
        log.println(m);
        log.flush();
      });
      List<TraceTime> traces = new ArrayList<>();
      String hot = (String) warehouse.query(
          "SELECT d.address FROM btc.address_dictionary d WHERE d.address_id = (SELECT address_id FROM btc.tx_outputs WHERE address_id IS NOT NULL"
              + " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)").rows().get(0).get(0);
      List<Object> deposit = warehouse.query(
          "SELECT t.txid, o.vout FROM btc.tx_outputs o JOIN btc.transactions t ON t.tx_id = o.tx_id JOIN btc.tx_inputs i ON i.spent_tx_id = o.tx_id"
              + " AND i.spent_vout = o.vout WHERE o.address_id = (SELECT address_id FROM btc.address_dictionary WHERE address = ?)"
              + " ORDER BY o.tx_id DESC LIMIT 1", hot).rows().get(0);
      traces.add(trace(warehouse, "5 hops forward from the busiest address's latest spent deposit",
          List.of(new Outpoint((String) deposit.get(0), ((Number) deposit.get(1)).intValue())), log));
      String busy = (String) warehouse.query(
          "SELECT d.address FROM btc.address_dictionary d WHERE d.address_id = (SELECT address_id FROM btc.tx_outputs WHERE address_id IS NOT NULL"
              + " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 100)").rows().get(0).get(0);
      List<Outpoint> deposits = new UtxoWarehouseFlowGraph(warehouse, CHAIN).outputsPaying(busy);
      traces.add(trace(warehouse, "5 hops forward from every deposit of the 101st busiest address", deposits, log));
      return new Result(transactions, fullSeconds, full, rollbackSeconds, warm, incremental, traces);
    }
  }

  /** Clusters block {@code height} (the one after the last clustered), returning the milliseconds it took. */
  private static long timedUpdate(UtxoWarehouseClustering clustering, long height, String what, PrintWriter log) {
    long s = System.nanoTime();
    UtxoWarehouseClustering.Result r = clustering.update(false, height);
    long ms = (System.nanoTime() - s) / 1_000_000;
    log.printf("%s: %d ms (%s; %,d transactions looked at, %,d merges; read %.1f ms, heuristics %.1f ms, write %.1f ms)%n", what, ms, r.mode(),
        r.transactions(), r.merges(), r.timings().read() * 1e3, r.timings().cluster() * 1e3, r.timings().write() * 1e3);
    log.flush();
    return ms;
  }

  private static TraceTime trace(DuckDbWarehouse warehouse, String what, List<Outpoint> start, PrintWriter log) {
    long t0 = System.nanoTime();
    Trace t = new Tracer(new UtxoWarehouseFlowGraph(warehouse, CHAIN)).trace(TraceRequest.of(start, Direction.FORWARD, TaintModel.HAIRCUT, 5));
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!t.frontierAmount().plus(t.fees()).equals(t.started())) {
      throw new IllegalStateException(what + ": the trace does not balance");
    }
    log.printf("%s: %,d start outputs, %,d transactions, %,d frontier outputs%s in %.3f s (balances exactly)%n", what, start.size(), t.steps().size(),
        t.frontier().size(), t.truncated() ? ", truncated" : "", seconds);
    log.flush();
    return new TraceTime(what, start.size(), t.steps().size(), t.frontier().size(), seconds);
  }
}
