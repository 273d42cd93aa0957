package org.openbds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.ErrorCode;
import org.openbds.api.NodeSettings;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bds verify}: reconciles a chain in the warehouse with a running node and prints one line per check. Exits 0
 * only when every check passed.
 */
@Command(
    name = "verify",
    description = "Reconcile the warehouse with a node: tip, per-block statistics, the unspent set, row counts.")
final class VerifyCommand implements Callable<Integer> {
  /**
   * gettxoutsetinfo reads the node's whole UTXO set before it answers, which takes minutes on a mainnet node; one
   * request may take this long.
   */
  static final Duration NODE_TIMEOUT = Duration.ofMinutes(20);

  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--chain", required = true, description = "Chain id in the warehouse: btc, ltc, bch, doge, bsv, eth, etc, xrp.")
  String chain;

  @Option(
      names = "--rpc",
      required = true,
      paramLabel = "URL",
      description = "The node's RPC URL, e.g. http://user:password@127.0.0.1:9332.")
  String rpc;

  @Option(names = "--cookie", paramLabel = "FILE", description = "The node's cookie file, when the URL carries no user:password.")
  Path cookie;

  @Option(
      names = "--from",
      paramLabel = "H",
      defaultValue = "0",
      description = "First height to check (default: the warehouse's first block).")
  long from;

  @Option(names = "--to", paramLabel = "H", description = "Last height to check (default: the warehouse's tip).")
  Long to;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean json = json(format);
    long last = to == null ? Long.MAX_VALUE : to;
    if (from < 0 || last < from) {
      throw new BdsException(
          ErrorCode.INVALID_ARGUMENT, "--from and --to must satisfy 0 <= from <= to, got " + from + ".." + last);
    }
    ChainId chainId = new ChainId(chain);
    NodeSettings node =
        new NodeSettings(rpc, Optional.ofNullable(cookie), NODE_TIMEOUT, 2, RetryPolicy.upTo(Duration.ofSeconds(30)));
    if (!Warehouses.exists(parent)) {
      throw new BdsException(ErrorCode.UNKNOWN_CHAIN, "no warehouse in " + parent.data + ": nothing to verify");
    }
    List<ReconciliationCheck> checks;
    try (Warehouse warehouse = Warehouses.open(parent)) {
      String network =
          warehouse
              .network(chainId)
              .orElseThrow(
                  () -> new BdsException(
                      ErrorCode.UNKNOWN_CHAIN,
                      "the warehouse " + Warehouses.describe(parent) + " holds no chain '" + chain + "' (it holds: " + warehouse.chains() + ")"));
      ChainSupport support = ChainFamilies.load().forChain(chain).open(chainId, network, SplitOptions.defaults());
      org.openbds.api.Reconciler reconciler = support.reconciler(node);
      try {
        checks = reconciler.reconcile(warehouse, chainId, from, last, note -> err.println("verify: " + note));
      } finally {
        if (reconciler instanceof AutoCloseable closeable) {
          closeAfterUse(closeable);
        }
      }
    }
    ReconciliationReport report = new ReconciliationReport(checks);
    if (json) {
      report.writeJson(out);
    } else {
      report.writeTable(out);
    }
    return report.allPassed() ? 0 : 1;
  }

  /** Releases the reconciler's connections; the checks' outcome is already in hand. */
  private static void closeAfterUse(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      throw new BdsException(ErrorCode.NODE_ERROR, "closing the connection to the node failed: " + e.getMessage(), e);
    }
  }

  private static boolean json(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "table" -> false;
      case "json" -> true;
      default -> throw new BdsException(ErrorCode.INVALID_ARGUMENT, "unknown format '" + format + "'; use table or json");
    };
  }
}
