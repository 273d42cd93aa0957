package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.ImportConfig;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;

/** Runs live sync of ltc regtest in-process against a node, and reconciles the result with the node. */
final class SyncHarness {
  static final ChainId LTC = new ChainId("ltc");

  private SyncHarness() {}

  static ChainSupport support() {
    ChainFamily family = ChainFamilies.load().forChain("ltc");
    return family.open(LTC, "regtest", SplitOptions.defaults());
  }

  static NodeSettings settings(String url, RetryPolicy retry) {
    return new NodeSettings(url, Optional.empty(), Duration.ofSeconds(30), 2, retry);
  }

  /** Syncs to the node's tip and returns what the run did. */
  static ChainSynchronizer.Result syncToTip(Path data, String url, int batchTransactions, SyncListener listener) {
    ChainSupport support = support();
    SyncConfig config =
        SyncConfig.defaults().withExitAtTip(true).withImportConfig(ImportConfig.defaults().withBatchTransactions(batchTransactions));
    try (Warehouse warehouse = DuckDbWarehouse.open(data);
        NodeSource node = support.node(settings(url, RetryPolicy.forever()))) {
      return new ChainSynchronizer<>(warehouse, LTC, "regtest", support.splitter(), node, config, listener).run();
    }
  }

  /** Every reconciliation check over the whole warehouse; fails the test naming the checks that did not pass. */
  static List<ReconciliationCheck> reconcile(Path data, String url) {
    try (Warehouse warehouse = DuckDbWarehouse.open(data)) {
      return reconcile(warehouse, url);
    }
  }

  /** Every reconciliation check over {@code warehouse}; fails the test naming the checks that did not pass. */
  static List<ReconciliationCheck> reconcile(Warehouse warehouse, String url) {
    List<ReconciliationCheck> checks =
        support().reconciler(settings(url, RetryPolicy.upTo(Duration.ofSeconds(10)))).reconcile(warehouse, LTC, 0, Long.MAX_VALUE, note -> {});
    List<ReconciliationCheck> failed = new ArrayList<>();
    for (ReconciliationCheck c : checks) {
      if (!c.passed()) {
        failed.add(c);
      }
    }
    assertThat(failed).as("failed reconciliation checks").isEmpty();
    assertThat(checks).extracting(ReconciliationCheck::name).contains("tip.hash", "getblockstats.totalfee", "gettxoutsetinfo.txouts");
    return checks;
  }

  /** The checkpoint after a kill (-1 when there is none), checked against the block rows: no batch is half there. */
  static long consistentTip(Path data) {
    if (!java.nio.file.Files.exists(data.resolve(DuckDbWarehouse.FILE_NAME))) {
      return -1;
    }
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      if (w.chains().isEmpty() || w.checkpoint(LTC).isEmpty()) {
        return -1;
      }
      long tip = w.checkpoint(LTC).get().height();
      List<Object> blocks = w.query("SELECT COUNT(*), MAX(height), (SELECT COUNT(*) FROM ltc.transactions),"
          + " (SELECT SUM(tx_count) FROM ltc.blocks) FROM ltc.blocks").rows().get(0);
      assertThat(((Number) blocks.get(0)).longValue()).isEqualTo(tip + 1);
      assertThat(((Number) blocks.get(1)).longValue()).isEqualTo(tip);
      assertThat(((Number) blocks.get(2)).longValue()).isEqualTo(((Number) blocks.get(3)).longValue());
      return tip;
    }
  }
}
