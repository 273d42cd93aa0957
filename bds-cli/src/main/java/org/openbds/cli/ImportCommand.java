package org.openbds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.BlockSource;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.ErrorCode;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.core.BlockImporter;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds import}: bulk-loads a node's block files into the warehouse, resuming after the checkpoint. */
@Command(name = "import", description = "Import block files (blk*.dat) or recorded XRP Ledger ledgers into the warehouse.")
final class ImportCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--chain", required = true, description = "Chain id: btc, ltc, bch, doge, bsv (block files), xrp (recorded ledgers).")
  String chain;

  @Option(names = "--network", defaultValue = "mainnet", description = "mainnet, testnet, regtest or synthetic (default: ${DEFAULT-VALUE}).")
  String network;

  @Option(names = "--blocks", description = "Bitcoin family: a blocks directory (blk*.dat, optional xor.dat) or one block file.")
  Path blocks;

  @Option(names = "--ledgers", description = "XRP Ledger: a directory of recorded ledger answers (one .json file per ledger, consecutive) or one file.")
  Path ledgers;

  @Option(names = "--start-height", description = "Height of the first block when the files hold a chain segment without genesis.")
  Long startHeight;

  @Option(names = "--stop-at", description = "Stop after applying this height.")
  Long stopAt;

  @Option(names = "--threads", description = "Decoding threads (default: available processors less two, at least one).")
  Integer threads;

  @Option(names = "--batch-tx", description = "Commit after this many transactions (default: ${DEFAULT-VALUE}).", defaultValue = "500000")
  int batchTransactions;

  @Option(names = "--input-scripts", description = "Also store every input's script and witness bytes.")
  boolean inputScripts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if ((blocks == null) == (ledgers == null)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "give either --blocks (block files) or --ledgers (recorded XRP Ledger ledgers)");
    }
    Path files = blocks != null ? blocks : ledgers;
    ChainFamily family = ChainFamilies.load().forChain(chain);
    ChainSupport support = family.open(new ChainId(chain), network, new SplitOptions(inputScripts));
    ImportConfig config = ImportConfig.defaults().withBatchTransactions(batchTransactions);
    if (threads != null) {
      config = config.withDecodeThreads(threads);
    }
    if (stopAt != null) {
      config = config.withStopAfterHeight(stopAt);
    }
    long started = System.nanoTime();
    try (Warehouse warehouse = Warehouses.open(parent);
        BlockSource source = support.blockFiles(files, startHeight == null ? OptionalLong.empty() : OptionalLong.of(startHeight))) {
      ProgressPrinter progress = new ProgressPrinter(err, System.console() != null);
      ImportResult result =
          new BlockImporter<>(warehouse, support.chain(), network, support.splitter(), config, progress).run(source);
      progress.finish();
      printSummary(out, support, source, files, result, warehouse, System.nanoTime() - started);
    }
    return 0;
  }

  private void printSummary(PrintWriter out, ChainSupport support, BlockSource source, Path files, ImportResult r, Warehouse warehouse, long nanos) {
    out.printf("imported %s (%s) from %s%n", support.chain(), support.network(), files);
    out.printf("  resumed after: %s%n", r.startedAfter().map(Object::toString).orElse("(fresh chain)"));
    out.printf("  tip:           %s%n", r.tip().map(Object::toString).orElse("(no blocks)"));
    out.printf("  applied:       %,d blocks, %,d transactions, %,d bytes%n", r.blocks(), r.transactions(), r.bytes());
    out.printf("  time:          %.1f s (%,.0f tx/s)%n", nanos / 1e9, r.transactionsPerSecond());
    if (source instanceof org.openbds.bitcoin.blockfile.BlockFileSource) {
      var blockFiles = (org.openbds.bitcoin.blockfile.BlockFileSource) source;
      out.printf(
          "  block files:   %d file(s)%s, %,d records, %,d duplicates, %,d stale, %,d unconnected%n",
          blockFiles.fileCount(),
          blockFiles.obfuscated() ? " (xor-obfuscated)" : "",
          blockFiles.index().entries().size(),
          blockFiles.index().duplicates(),
          blockFiles.chain().staleBlocks(),
          blockFiles.chain().unconnectedBlocks());
    }
    for (Map.Entry<String, Long> c : new java.util.TreeMap<>(support.splitter().counters()).entrySet()) {
      out.printf("  %-14s %,d%n", c.getKey() + ":", c.getValue());
    }
    out.printf("  warehouse:     %s (%,d bytes)%n", Warehouses.describe(parent), warehouse.sizeBytes());
    if (r.blocks() == 0 && r.startedAfter().isPresent() && source.expectedTip().isPresent()
        && source.expectedTip().getAsLong() < r.startedAfter().get().height()) {
      out.printf("  note: the files end at height %,d, below the warehouse tip %,d: nothing new to import%n",
          source.expectedTip().getAsLong(), r.startedAfter().get().height());
    }
  }
}
