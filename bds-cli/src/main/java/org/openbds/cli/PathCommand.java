package org.openbds.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.forensics.Investigations;
import org.openbds.forensics.path.PathFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds path}: the shortest money paths from one address to another, the most valuable first. */
@Command(name = "path", description = "The shortest money paths from address A to address B (output by output through the transactions between),"
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

  @Parameters(index = "0", paramLabel = "A", description = "The address the money leaves.")
  String from;

  @Parameters(index = "1", paramLabel = "B", description = "The address it reaches.")
  String to;

  @Override
  public Integer call() {
    ChainId id = new ChainId(chain);
    String family = Forensics.requireUtxoChain(chain);
    MetricsCommand.requireWarehouse(parent.data, id);
    if (paths < 1 || paths > 1_000) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--paths must be between 1 and 1000");
    }
    try (Warehouse warehouse = Warehouses.open(parent.data)) {
      MetricsCommand.requireChain(warehouse, id);
      long t0 = System.nanoTime();
      List<PathFinder.Path> found;
      try {
        found = new Investigations(warehouse, id, family).paths(from, to, maxHops, paths);
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
}
