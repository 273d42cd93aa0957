package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.core.BlockImporter;
import org.openbds.core.FileTrees;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportResult;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.xrp.binary.HashedLedgerIntegrity;
import org.openbds.xrp.codec.XrpLedgerDecoder;
import org.openbds.xrp.replay.LedgerReplay;
import org.openbds.xrp.source.LedgerFileSource;
import org.openbds.xrp.split.XrpSplitter;

/**
 * Import speed of recorded XRP Ledger ledgers at volume: one recorded mainnet ledger (the template) replayed as
 * {@code ledgers} consecutive ledgers with rewritten indexes and header hashes ({@link LedgerReplay}), written as files,
 * then imported into a fresh embedded warehouse with every check on (header and transaction tree hashes, XRP
 * conservation per transaction, coins across ledgers). Only the import is timed; afterwards the warehouse must hold
 * every ledger and transaction, and its coins must have fallen by exactly the fees burnt.
 */
public final class XrpImportBenchmark {
  public record Result(int ledgers, long transactions, ImportResult importResult, long warehouseBytes, long jsonBytes) {
    public double ledgersPerSecond() {
      return importResult.blocks() / (importResult.elapsedNanos() / 1e9);
    }
  }

  private final Path template;
  private final int ledgers;
  private final Path work;
  private final ImportConfig config;

  public XrpImportBenchmark(Path template, int ledgers, Path work, ImportConfig config) {
    this.template = requireNonNull(template, "template is null");
    this.ledgers = ledgers;
    this.work = requireNonNull(work, "work is null");
    this.config = requireNonNull(config, "config is null");
  }

  public Result run(PrintWriter log) throws IOException {
    Path files = work.resolve("ledgers-" + ledgers);
    LedgerReplay replay = LedgerReplay.of(Files.readAllBytes(template), 1_000_000, ledgers);
    int perLedger = replay.transactionsPerLedger();
    long fees = replay.feesPerLedger();
    if (!Files.isDirectory(files) || jsonFiles(files).size() != ledgers) {
      FileTrees.delete(files);
      log.printf("writing %,d ledgers of %d transactions into %s%n", ledgers, perLedger, files);
      log.flush();
      replay.writeTo(files);
    } else {
      log.printf("reusing %,d ledgers in %s%n", ledgers, files);
    }
    long jsonBytes = 0;
    for (Path f : jsonFiles(files)) {
      jsonBytes += Files.size(f);
    }
    Path data = work.resolve("data");
    FileTrees.delete(data);
    XrpSplitter splitter = new XrpSplitter(new XrpLedgerDecoder(0, HashedLedgerIntegrity.standard()));
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data); LedgerFileSource source = LedgerFileSource.open(files)) {
      log.printf("importing with %d decode thread(s)%n", config.decodeThreads());
      log.flush();
      ImportResult result = new BlockImporter<>(warehouse, new ChainId("xrp"), "mainnet", splitter, config, p -> {}).run(source);
      List<Object> row = warehouse.query("SELECT COUNT(*), SUM(tx_count), MAX(total_coins) - MIN(total_coins),"
          + " (SELECT COUNT(*) FROM xrp.transactions) FROM xrp.ledgers").rows().get(0);
      expect("ledgers", ledgers, row.get(0));
      expect("transactions in ledgers", (long) ledgers * perLedger, row.get(1));
      expect("coins burnt after the first ledger", (ledgers - 1) * fees, row.get(2));
      expect("transactions", (long) ledgers * perLedger, row.get(3));
      return new Result(ledgers, (long) ledgers * perLedger, result, warehouse.sizeBytes(), jsonBytes);
    }
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
  }

  private static void expect(String what, long expected, Object actual) {
    if (actual == null || ((Number) actual).longValue() != expected) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, what + ": expected " + expected + ", the warehouse holds " + actual);
    }
  }
}
