package org.openbds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Software;
import org.openbds.api.Warehouse;
import org.openbds.forensics.Investigations;
import org.openbds.forensics.account.AccountTrace;
import org.openbds.forensics.labels.Label;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.forensics.trace.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds trace}: follows funds forward or backward from an address or an output, with a taint model. */
@Command(
    name = "trace",
    description = "Follow funds from an address or an output (txid:vout), forward (where they went) or backward (where they came from),"
        + " hop by hop with a taint model; optionally write the result as a case file.")
final class TraceCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--chain", required = true, description = "Chain id (ltc, btc…).")
  String chain;

  @Option(names = "--from", required = true,
      description = "Bitcoin family: an address (every output it received) or one output, txid:vout. Ethereum family: an address, or a"
          + " transaction hash (its transfers of the asset), optionally :index for one of them.")
  String from;

  @Option(names = "--direction", defaultValue = "forward", description = "forward or backward (default: ${DEFAULT-VALUE}).")
  String direction;

  @Option(names = "--hops", defaultValue = "5", description = "How many transactions deep, 1 to 100 (default: ${DEFAULT-VALUE}).")
  int hops;

  @Option(names = "--taint", defaultValue = "haircut", description = "Taint model: poison, haircut or fifo (default: ${DEFAULT-VALUE}).")
  String taint;

  @Option(names = "--min-value", defaultValue = "0", description = "Do not follow taint below this many base units (satoshis, wei, token units).")
  String minValue;

  @Option(names = "--asset", defaultValue = "native",
      description = "Ethereum family: native (ether) or an ERC-20 token's contract address (default: ${DEFAULT-VALUE}).")
  String asset;

  @Option(names = "--until", description = "Forward: do not follow spends after this date or instant (UTC).")
  String until;

  @Option(names = "--since", description = "Backward: do not follow transactions before this date or instant (UTC).")
  String since;

  @Option(names = "--stop-at", paramLabel = "ADDRESS=NOTE", description = "Stop at this address, saying why (repeatable): --stop-at addr=exchange.")
  Map<String, String> stopAt = new LinkedHashMap<>();

  @Option(names = "--stop-at-labels", split = ",", paramLabel = "CATEGORY", description = "Stop at addresses labelled so (bds labels): --stop-at-labels exchange,mixer.")
  List<String> stopAtLabels = new java.util.ArrayList<>();

  @Option(names = "--stop-at-cluster", split = ",", paramLabel = "ID",
      description = "Stop at every address of this cluster (bds address shows its id; repeatable): --stop-at-cluster 1234.")
  List<Long> stopAtClusters = new java.util.ArrayList<>();

  @Option(names = "--max-transactions", defaultValue = "100000", description = "Stop after this many transactions, saying so (default: ${DEFAULT-VALUE}).")
  int maxTransactions;

  @Option(names = "--out", description = "Write the case file (JSON) here.")
  Path out;

  @Override
  public Integer call() {
    ChainId id = new ChainId(chain);
    String family = Forensics.requireTraceableChain(chain);
    if (!minValue.matches("[0-9]{1,78}")) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--min-value takes a whole number of base units, 0 or more, not '" + minValue + "'");
    }
    MetricsCommand.requireWarehouse(parent, id);
    try (Warehouse warehouse = Warehouses.open(parent)) {
      MetricsCommand.requireChain(warehouse, id);
      Investigations investigations = new Investigations(warehouse, id, family);
      if (investigations.model() == Investigations.FlowModel.UTXO) {
        org.openbds.api.LookupIndexes.ensure(warehouse, id, org.openbds.forensics.flow.UtxoWarehouseFlowGraph.INDEXES, spec.commandLine().getErr()::println);
      }
      Investigations.TraceOutcome outcome;
      try {
        Investigations.TraceParameters parameters = new Investigations.TraceParameters(
            from, asset, Direction.parse(direction), TaintModel.parse(taint), hops, new java.math.BigInteger(minValue),
            Optional.ofNullable(until).map(u -> Forensics.instant(u, "--until", true)),
            Optional.ofNullable(since).map(s -> Forensics.instant(s, "--since", false)), stopAt, stopAtLabels, maxTransactions);
        long t0 = System.nanoTime();
        outcome = investigations.trace(parameters, stopAtClusters);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (outcome.account().isPresent()) {
          printAccounts(outcome.account().get(), seconds, outcome.labels());
        } else {
          print(outcome.trace(), seconds, outcome.labels());
        }
      } catch (IllegalArgumentException e) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
      }
      if (out != null) {
        String json = investigations.caseFile(outcome, Software.VERSION, Instant.now());
        try {
          Files.writeString(out, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new BdsException(ErrorCode.IO_FAILURE, "cannot write the case file " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("case file written to %s%n", out);
      }
    }
    return 0;
  }

  private void printAccounts(AccountTrace t, double seconds, Map<String, List<Label>> labels) {
    PrintWriter w = spec.commandLine().getOut();
    w.printf("%s trace (%s) of %s from %s: %,d transactions, %,d accounts in the frontier, in %.3f s%n", t.request().direction().name().toLowerCase(),
        t.request().model().name().toLowerCase(), t.request().asset(), from, t.steps().size(), t.frontier().size(), seconds);
    w.printf("  started %s, frontier %s, fees %s (base units)%s%n", t.started(), t.frontierAmount(), t.fees(),
        t.truncated() ? "; TRUNCATED at " + t.request().maxTransactions() + " transactions" : "");
    int shown = 0;
    for (AccountTrace.Edge e : t.frontier()) {
      if (shown++ == 20) {
        w.printf("  … %,d more in the case file (--out)%n", t.frontier().size() - 20);
        break;
      }
      String label = labels.containsKey(e.address()) ? " [" + labels.get(e.address()).get(0).category() + ": " + labels.get(e.address()).get(0).name() + "]" : "";
      w.printf("  %s%s %s of %s (%s, hop %d%s)%n", e.address(), label, e.taint(), e.value(), e.reason().name().toLowerCase(), e.hop(),
          e.note().isEmpty() ? "" : ": " + e.note());
    }
  }

  private void print(Trace t, double seconds, Map<String, List<Label>> labels) {
    PrintWriter w = spec.commandLine().getOut();
    Map<Trace.Reason, long[]> reasons = new EnumMap<>(Trace.Reason.class);
    for (Trace.Edge e : t.frontier()) {
      reasons.computeIfAbsent(e.reason(), r -> new long[1])[0]++;
    }
    w.printf("%s trace (%s) from %s: %,d transactions, %,d outputs in the frontier, in %.3f s%n", t.request().direction().name().toLowerCase(),
        t.request().model().name().toLowerCase(), from, t.steps().size(), t.frontier().size(), seconds);
    w.printf("  started %s, frontier %s, fees %s (base units)%s%n", t.started().toDecimal(8), t.frontierAmount().toDecimal(8), t.fees().toDecimal(8),
        t.truncated() ? "; TRUNCATED at " + t.request().maxTransactions() + " transactions" : "");
    reasons.forEach((r, n) -> w.printf("  %-18s %,d outputs%n", r.name().toLowerCase(), n[0]));
    int shown = 0;
    for (Trace.Edge e : t.frontier()) {
      if (shown++ == 20) {
        w.printf("  … %,d more in the case file (--out)%n", t.frontier().size() - 20);
        break;
      }
      String label = e.address().filter(labels::containsKey).map(a -> " [" + labels.get(a).get(0).category() + ": " + labels.get(a).get(0).name() + "]")
          .orElse("");
      w.printf("  %s %s%s %s of %,d (%s%s)%n", e.outpoint(), e.address().orElse("-"), label, e.taint().amount().toDecimal(8), e.value(),
          e.reason().name().toLowerCase(), e.note().isEmpty() ? "" : ": " + e.note());
    }
  }
}
