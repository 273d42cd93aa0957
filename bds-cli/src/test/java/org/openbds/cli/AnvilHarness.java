package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SplitOptions;
import org.openbds.api.TableSchema;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.split.EthTables;

/** Runs live sync of eth on an anvil devnet in-process, reconciles the result with the node and fingerprints it. */
final class AnvilHarness {
  static final ChainId ETH = new ChainId("eth");

  private AnvilHarness() {}

  /** The anvil binary; prints a notice and skips the calling test class when there is none. */
  static Path requireAnvil(String testClass) {
    Optional<Path> found = AnvilNode.findBinary();
    if (found.isEmpty()) {
      System.out.println("NOTICE: anvil is not installed (./bds test installs it into .tools); skipping " + testClass);
    }
    assumeTrue(found.isPresent(), "anvil missing");
    return found.get();
  }

  static ChainSupport support() {
    ChainFamily family = ChainFamilies.load().forChain("eth");
    return family.open(ETH, "dev", SplitOptions.defaults());
  }

  /** 30 s per request, two in flight, retries for up to 30 s; the trace API detected. */
  static NodeSettings settings(String url) {
    return new NodeSettings(url, Optional.empty(), Duration.ofSeconds(30), 2, RetryPolicy.upTo(Duration.ofSeconds(30)));
  }

  static ChainSynchronizer.Result syncToTip(Path data, String url) {
    return syncToTip(data, settings(url));
  }

  /** Syncs to the node's tip with these settings and returns what the run did. */
  static ChainSynchronizer.Result syncToTip(Path data, NodeSettings settings) {
    ChainSupport support = support();
    try (Warehouse warehouse = DuckDbWarehouse.open(data);
        NodeSource node = support.node(settings)) {
      return new ChainSynchronizer<>(warehouse, ETH, "dev", support.splitter(), node, SyncConfig.defaults().withExitAtTip(true), new SyncListener() {}).run();
    }
  }

  /** Every reconciliation check over the whole warehouse, passed or not. */
  static List<ReconciliationCheck> checks(Path data, String url) {
    try (Warehouse warehouse = DuckDbWarehouse.open(data)) {
      return support().reconciler(settings(url)).reconcile(warehouse, ETH, 0, Long.MAX_VALUE, note -> {});
    }
  }

  /** Every reconciliation check over the whole warehouse; fails the test naming the checks that did not pass. */
  static List<ReconciliationCheck> reconcile(Path data, String url) {
    List<ReconciliationCheck> checks = checks(data, url);
    assertThat(checks).filteredOn(c -> !c.passed()).as("failed reconciliation checks").isEmpty();
    assertThat(checks).extracting(ReconciliationCheck::name)
        .contains("tip.hash", "blocks.hash", "eth_getBalance", "balanceOf.erc20", "balanceOf.erc1155", "ownerOf.erc721");
    return checks;
  }

  /** The names of every eth table. */
  static List<String> tables() {
    List<String> tables = new ArrayList<>();
    EthTables.TABLES.forEach(t -> tables.add(t.name()));
    return tables;
  }

  /** Row counts and hashes of every eth table, and the checkpoint. */
  static Map<String, List<Object>> fingerprint(Path data) {
    return WarehouseFingerprint.of(data, "eth", tables());
  }

  static long count(Warehouse w, String sql, Object... parameters) {
    return ((Number) w.query(sql, parameters).rows().get(0).get(0)).longValue();
  }

  /** The number a query of the warehouse in {@code data} answers. */
  static long count(Path data, String sql, Object... parameters) {
    try (Warehouse w = DuckDbWarehouse.open(data)) {
      return count(w, sql, parameters);
    }
  }

  /**
   * The checkpoint (-1 when there is none), checked against the rows: the blocks table holds exactly the heights up
   * to it, no table holds a row above it, and every block's transactions and every transaction's logs are there.
   */
  static long consistentTip(Path data) {
    if (!Files.exists(data.resolve(DuckDbWarehouse.FILE_NAME))) {
      return -1;
    }
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      if (w.chains().isEmpty() || w.checkpoint(ETH).isEmpty()) {
        assertThat(w.chains().isEmpty() ? 0 : count(w, "SELECT COUNT(*) FROM eth.blocks")).as("blocks without a checkpoint").isZero();
        return -1;
      }
      long tip = w.checkpoint(ETH).get().height();
      List<Object> blocks = w.query("SELECT COUNT(*), MAX(number), MAX(hash) FILTER (WHERE number = ?) FROM eth.blocks", tip).rows().get(0);
      assertThat(((Number) blocks.get(0)).longValue()).as("blocks up to the checkpoint " + tip).isEqualTo(tip + 1);
      assertThat(((Number) blocks.get(1)).longValue()).as("the top block").isEqualTo(tip);
      assertThat((String) blocks.get(2)).isEqualTo("0x" + w.checkpoint(ETH).get().hash());
      for (TableSchema t : EthTables.TABLES) {
        assertThat(count(w, "SELECT COUNT(*) FROM eth." + t.name() + " WHERE " + t.heightColumn() + " > ?", tip))
            .as("rows of %s above the checkpoint %d", t.name(), tip)
            .isZero();
      }
      assertThat(count(w, "SELECT COUNT(*) FROM eth.transactions"))
          .isEqualTo(count(w, "SELECT COALESCE(SUM(transaction_count), 0) FROM eth.blocks"));
      assertThat(count(w, "SELECT COUNT(*) FROM eth.logs"))
          .isEqualTo(count(w, "SELECT COALESCE(SUM(log_count), 0) FROM eth.transactions"));
      return tip;
    }
  }
}
