package org.openbds.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.Warehouse;
import org.openbds.core.SyncListener;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;

/**
 * Keeps a chain's clusters current while {@code bds sync} follows the node: after each batch of committed blocks (and
 * after a reorg's rollback) it updates them block by block with the configuration they were made with. Used only for
 * a chain that was clustered once ({@code bds cluster}).
 */
final class ClusterUpdates implements SyncListener {
  private final UtxoWarehouseClustering clustering;
  private final ChainId chain;
  private final PrintWriter out;

  ClusterUpdates(Warehouse warehouse, ChainId chain, ClusterConfig config, PrintWriter out) {
    this.clustering = new UtxoWarehouseClustering(warehouse, chain, config);
    this.chain = requireNonNull(chain, "chain is null");
    this.out = requireNonNull(out, "out is null");
  }

  @Override
  public void settled(BlockRef tip) {
    long t0 = System.nanoTime();
    UtxoWarehouseClustering.Result r = clustering.update(false);
    if (!r.mode().equals("current")) {
      out.printf("%s clusters: heights %,d..%,d %s, %,d merges, in %d ms%n", chain, r.fromHeight(), r.toHeight(),
          r.mode().equals("full") ? "computed" : "updated", r.merges(), (System.nanoTime() - t0) / 1_000_000);
      out.flush();
    }
  }
}
