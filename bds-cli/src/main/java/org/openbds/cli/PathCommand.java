package org.openbds.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.forensics.Investigations;
import org.openbds.forensics.account.AccountEvent;
import org.openbds.forensics.account.AccountPathFinder;
import org.openbds.forensics.path.PathFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds path}: the shortest money paths from one address to another, the most valuable first. */
@Command(name = "path", description = "The shortest money paths from address (or cluster) A to B (output by output through the transactions between),"
    + " the most valuable first.")
final class PathCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--chain", required = true, description = "Chain id (ltc, btc…).")
  String chain;

  @Option(names = "--max-hops", defaultValue = "6", description = "At most this many transactions between, 1 to 20 (default: ${DEFAULT-VALUE}).")
  int maxHops;

  @Option(names = "--paths", defaultValue = "5", description = "Show at most this many paths (default: ${DEFAULT-VALUE}).")
  int paths;

  @Parameters(index = "0", paramLabel = "A", description = "The address the money leaves, or cluster:ID for any address of a cluster.")
  String from;

  @Parameters(index = "1", paramLabel = "B", description = "The address it reaches, or cluster:ID.")
  String to;

  @Option(names = "--asset", defaultValue = "native",
      description = "Ethereum family: native (ether) or an ERC-20 token's contract address (default: ${DEFAULT-VALUE}).")
  String asset;

  @Override
  public Integer call() {
    ChainId id = new ChainId(chain);
    String family = Forensics.requireTraceableChain(chain);
    MetricsCommand.requireWarehouse(parent, id);
    if (paths < 1 || paths > 1_000) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--paths must be between 1 and 1000");
    }
    try (Warehouse warehouse = Warehouses.open(parent)) {
      MetricsCommand.requireChain(warehouse, id);
      long t0 = System.nanoTime();
      Investigations investigations = new Investigations(warehouse, id, family);
      if (investigations.model() == Investigations.FlowModel.UTXO) {
        org.openbds.api.LookupIndexes.ensure(warehouse, id, org.openbds.forensics.flow.UtxoWarehouseFlowGraph.INDEXES, spec.commandLine().getErr()::println);
      }
      if (investigations.model() == Investigations.FlowModel.ACCOUNT) {
        accountPaths(investigations, t0);
        return 0;
      }
      List<PathFinder.Path> found;
      try {
        found = investigations.paths(from, to, maxHops, paths);
      } catch (IllegalArgumentException e) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (found.isEmpty()) {
        out.printf("no path from %s to %s within %d transactions (%.3f s)%n", from, to, maxHops, (System.nanoTime() - t0) / 1e9);
        return 0;
      }
      out.printf("%d shortest path(s) of %d transaction(s) from %s to %s (%.3f s)%n", found.size(), found.get(0).hops(), from, to,
          (System.nanoTime() - t0) / 1e9);
      for (PathFinder.Path p : found) {
        out.printf("path: smallest output along it %,d (base units)%n", p.bottleneck());
        for (PathFinder.Step s : p.steps()) {
          out.printf("  %s (%,d) → tx %s, block %,d, %s → %s (%,d)%n", s.from(), s.fromValue(), s.transaction().txid(), s.transaction().blockHeight(),
              s.transaction().time(), s.to(), s.toValue());
        }
      }
    }
    return 0;
  }

  /** Paths between two accounts of an Ethereum-family chain. */
  private void accountPaths(Investigations investigations, long t0) {
    AccountPathFinder.Result result;
    try {
      result = investigations.accountPaths(from, to, asset, maxHops, paths);
    } catch (IllegalArgumentException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    double seconds = (System.nanoTime() - t0) / 1e9;
    String a = from.toLowerCase(java.util.Locale.ROOT);
    String b = to.toLowerCase(java.util.Locale.ROOT);
    if (result.paths().isEmpty()) {
      out.printf("no path of %s from %s to %s within %d transfers%s (%.3f s)%n", asset, a, b, maxHops,
          result.truncated() ? "; the search stopped after reading " + Investigations.MAX_PATH_ACCOUNTS + " accounts" : "", seconds);
      return;
    }
    out.printf("%d shortest path(s) of %d transfer(s) of %s from %s to %s (%.3f s)%n", result.paths().size(), result.paths().get(0).hops(), asset, a, b,
        seconds);
    for (AccountPathFinder.Path p : result.paths()) {
      out.printf("path: smallest transfer along it %s (base units)%n", p.bottleneck());
      for (AccountEvent e : p.transfers()) {
        out.printf("  %s → %s %s (%s, tx %s index %d, block %,d, %s)%n", e.from().orElseThrow(), e.to().orElseThrow(), e.value(),
            e.kind().name().toLowerCase(java.util.Locale.ROOT), e.transaction().orElse("-"), e.at().order(), e.at().block(), e.time());
      }
    }
  }
}
