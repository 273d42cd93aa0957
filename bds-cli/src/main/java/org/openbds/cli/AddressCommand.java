package org.openbds.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.forensics.Investigations;
import org.openbds.forensics.address.AddressProfile;
import org.openbds.forensics.labels.Label;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds address}: an address's balance, activity, labels and cluster, with the evidence of its merges. */
@Command(name = "address", description = "Show an address: balance, activity, labels, and its cluster with the merges that brought it in.")
final class AddressCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--chain", required = true, description = "Chain id (ltc, btc…).")
  String chain;

  @Option(names = "--others", defaultValue = "20", description = "List at most this many other addresses of the cluster (default: ${DEFAULT-VALUE}).")
  int others;

  @Parameters(paramLabel = "ADDRESS", description = "The address.")
  String address;

  @Override
  public Integer call() {
    ChainId id = new ChainId(chain);
    String family = Forensics.requireUtxoChain(chain);
    MetricsCommand.requireWarehouse(parent, id);
    if (others < 0 || others > 10_000) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--others must be between 0 and 10000");
    }
    try (Warehouse warehouse = Warehouses.open(parent)) {
      MetricsCommand.requireChain(warehouse, id);
      AddressProfile p = new Investigations(warehouse, id, family).address(address, others)
          .orElseThrow(() -> new BdsException(ErrorCode.INVALID_ARGUMENT, "no address '" + address + "' on " + id));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s on %s%n", p.address(), p.chain());
      out.printf("  balance %,d (received %,d, sent %,d; base units), %,d transactions, %,d unspent outputs%n", p.balance(), p.received(), p.sent(),
          p.transactions(), p.unspentOutputs());
      p.first().ifPresent(a -> out.printf("  first active in block %,d (%s UTC)%n", a.height(), a.time()));
      p.last().ifPresent(a -> out.printf("  last active in block %,d (%s UTC)%n", a.height(), a.time()));
      if (p.labels().isEmpty()) {
        out.println("  no labels");
      }
      for (Label l : p.labels()) {
        out.printf("  label %s%s%n", l.describe(), l.note().map(n -> " — " + n).orElse(""));
      }
      if (p.cluster().isEmpty()) {
        out.println("  in no cluster of more than one address (or the chain was not clustered: bds cluster)");
      }
      p.cluster().ifPresent(c -> {
        out.printf("  cluster %d: %,d addresses (%s)%n", c.id(), c.size(), c.configuration());
        c.others().forEach(o -> out.printf("    %s%n", o));
        if (c.size() - 1 > c.others().size()) {
          out.printf("    … and %,d more%n", c.size() - 1 - c.others().size());
        }
        out.println("  merges this address took part in:");
        c.merges().forEach(m -> out.printf("    block %,d, tx %s: %s with %s%n", m.blockHeight(), m.txid(), m.heuristic(), m.linkedTo()));
      });
    }
    return 0;
  }
}
