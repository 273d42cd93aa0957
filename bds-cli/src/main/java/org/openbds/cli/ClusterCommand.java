package org.openbds.cli;

import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds cluster}: (re)computes the address clusters of a chain in its warehouse schema. */
@Command(
    name = "cluster",
    description = "Cluster a chain's addresses (multi-input heuristic, CoinJoins excluded; optional change heuristic): block by block from the"
        + " last run, or from scratch.")
final class ClusterCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--chain", required = true, description = "Chain id (ltc, btc…).")
  String chain;

  @Option(names = "--full", description = "Compute every cluster anew from the first block.")
  boolean full;

  @Option(names = "--change", defaultValue = "none", description = "Change heuristic: none or fresh-v1 (default: ${DEFAULT-VALUE}).")
  String change;

  @Override
  public Integer call() {
    ChainId id = new ChainId(chain);
    ClusterConfig config;
    try {
      config = new ClusterConfig(ClusterConfig.CoinJoinRule.V1, ClusterConfig.ChangeHeuristic.parse(change));
    } catch (IllegalArgumentException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
    Forensics.requireUtxoChain(chain);
    MetricsCommand.requireWarehouse(parent, id);
    try (Warehouse warehouse = Warehouses.open(parent)) {
      MetricsCommand.requireChain(warehouse, id);
      long t0 = System.nanoTime();
      UtxoWarehouseClustering.Result r = new UtxoWarehouseClustering(warehouse, id, config).update(full);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (r.mode().equals("current") || r.mode().equals("empty")) {
        spec.commandLine().getOut().printf("%s: clusters already current (%s; %.3f s)%n", id, config.id(), seconds);
      } else {
        spec.commandLine().getOut().printf(
            "%s: clusters %s for heights %,d..%,d: %,d transactions looked at, %,d merges, %,d CoinJoins left unmerged, %,d addresses %s (%s) in %.3f s"
                + " (read %.3f s, heuristics %.3f s, write %.3f s)%n",
            id, r.mode().equals("full") ? "computed" : "updated", r.fromHeight(), r.toHeight(), r.transactions(), r.merges(), r.coinJoins(),
            r.clusteredAddresses(), r.mode().equals("full") ? "in clusters" : "joined clusters", config.id(), seconds, r.timings().read(),
            r.timings().cluster(), r.timings().write());
      }
    }
    return 0;
  }
}
