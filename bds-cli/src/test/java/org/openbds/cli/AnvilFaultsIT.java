package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.Column;
import org.openbds.api.ErrorCode;
import org.openbds.api.NodeSettings;
import org.openbds.api.QueryResult;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.core.ChainSynchronizer;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.ethereum.split.EthTables;

/**
 * Ethereum sync when the node is not what sync hopes for: Parity-style and Geth-style traces of the same chain, a
 * node without {@code eth_getBlockReceipts}, garbage and truncated answers, a node away for a while, the wrong
 * network or trace option, and a node without any trace API. Each test runs its own anvil; a {@link FaultyRpcProxy}
 * in front of it plays the faulty node.
 */
class AnvilFaultsIT {
  private static Path binary;

  @TempDir Path dir;

  @BeforeAll
  static void needsAnvil() {
    binary = AnvilHarness.requireAnvil("AnvilFaultsIT");
  }

  @Test
  void parityAndGethTracesGiveTheSameTables() {
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"))) {
      EvmActivity.start(node, 41).rounds(10);
      Path parity = dir.resolve("parity");
      Path geth = dir.resolve("geth");
      AnvilHarness.syncToTip(parity, AnvilHarness.settings(node.url()).withOption("traces", "parity"));
      AnvilHarness.syncToTip(geth, AnvilHarness.settings(node.url()).withOption("traces", "geth"));
      // every table derived from the traces (balances, contracts) and all the others are the same
      List<String> derived = new ArrayList<>(AnvilHarness.tables());
      derived.remove(EthTables.TRACES);
      assertThat(WarehouseFingerprint.of(geth, "eth", derived)).isEqualTo(WarehouseFingerprint.of(parity, "eth", derived));
      AnvilHarness.reconcile(parity, node.url());
      AnvilHarness.reconcile(geth, node.url());

      // the traces table: the same rows; values differ only where the node's two answers say different things
      QueryResult fromParity = traces(parity);
      QueryResult fromGeth = traces(geth);
      assertThat(fromGeth.columns()).isEqualTo(fromParity.columns());
      assertThat(fromGeth.rows()).hasSameSizeAs(fromParity.rows()).hasSizeGreaterThan(500);
      List<String> columns = fromParity.columns();
      int depth = columns.indexOf("depth");
      int gasUsed = columns.indexOf("gas_used");
      int output = columns.indexOf("output");
      int error = columns.indexOf("error");
      int gas = columns.indexOf("gas");
      int transactionGas = columns.indexOf("transaction_gas");
      int transactionGasUsed = columns.indexOf("transaction_gas_used");
      int cumulativeGasUsed = columns.indexOf("cumulative_gas_used");
      Set<String> differing = new TreeSet<>();
      long topFrames = 0;
      for (int i = 0; i < fromParity.rows().size(); i++) {
        List<Object> p = fromParity.rows().get(i);
        List<Object> g = fromGeth.rows().get(i);
        for (int c = 0; c < columns.size(); c++) {
          if (!Objects.equals(p.get(c), g.get(c))) {
            differing.add(columns.get(c));
          }
        }
        String where = "trace " + p.get(1) + " of block " + p.get(0);
        if (p.get(depth).equals("0")) {
          topFrames++;
          // a top frame's gas used: trace_block leaves out the intrinsic gas (the transaction's gas limit less the
          // frame's gas) and counts the refund not yet made (at most a fifth of the gas used); anvil's callTracer
          // reports the block's cumulative gas up to the transaction (foundry-rs/foundry#15893; Geth itself reports
          // the transaction's gas used)
          long intrinsic = Long.parseLong((String) p.get(transactionGas)) - Long.parseLong((String) p.get(gas));
          long beforeRefund = Long.parseLong((String) p.get(gasUsed)) + intrinsic;
          long charged = Long.parseLong((String) p.get(transactionGasUsed));
          assertThat(intrinsic).as(where).isGreaterThanOrEqualTo(21_000);
          assertThat(charged).as(where).isBetween(beforeRefund - beforeRefund / 5, beforeRefund);
          assertThat(g.get(gasUsed)).as(where).isEqualTo(g.get(cumulativeGasUsed));
        } else {
          assertThat(g.get(gasUsed)).as(where).isEqualTo(p.get(gasUsed));
        }
        if (p.get(error) == null) {
          assertThat(g.get(output)).as(where).isEqualTo(p.get(output));
        } else {
          // a frame that failed: anvil's trace_block reports its (empty) revert data, its callTracer leaves it out
          assertThat(g.get(output)).as(where).satisfiesAnyOf(o -> assertThat(o).isEqualTo(p.get(output)), o -> assertThat(o).isNull());
        }
      }
      assertThat(differing).containsOnly("gas_used", "output");
      assertThat(topFrames).isEqualTo(AnvilHarness.count(parity, "SELECT COUNT(*) FROM eth.transactions"));
    }
  }

  /** The traces table as text, with each trace's transaction gas limit, gas used and cumulative gas used, in block order. */
  private static QueryResult traces(Path data) {
    StringBuilder columns = new StringBuilder();
    for (Column c : EthTables.TRACES_TABLE.columns()) {
      columns.append("CAST(t.").append(c.name()).append(" AS VARCHAR) AS ").append(c.name()).append(", ");
    }
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      return w.query("SELECT " + columns + "CAST(x.gas AS VARCHAR) AS transaction_gas, CAST(x.gas_used AS VARCHAR) AS transaction_gas_used,"
          + " CAST(x.cumulative_gas_used AS VARCHAR) AS cumulative_gas_used"
          + " FROM eth.traces t LEFT JOIN eth.transactions x ON x.hash = t.transaction_hash ORDER BY t.block_number, t.trace_index");
    }
  }

  @Test
  void withoutBlockReceiptsEveryTransactionReceiptIsFetched() {
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"));
        FaultyRpcProxy proxy = FaultyRpcProxy.start(node.url()).withoutMethods("eth_getBlockReceipts")) {
      EvmActivity.start(node, 42).rounds(8);
      Path proxied = dir.resolve("proxied");
      Path direct = dir.resolve("direct");
      AnvilHarness.syncToTip(proxied, proxy.url());
      AnvilHarness.syncToTip(direct, node.url());
      assertThat(AnvilHarness.fingerprint(proxied)).isEqualTo(AnvilHarness.fingerprint(direct));
      assertThat(proxy.answeredMissing("eth_getBlockReceipts")).isPositive();
      assertThat(proxy.forwarded("eth_getBlockReceipts")).isZero();
      try (DuckDbWarehouse w = DuckDbWarehouse.open(proxied)) {
        // one receipt call per transaction, none twice
        assertThat(proxy.forwarded("eth_getTransactionReceipt"))
            .isEqualTo(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.transactions"))
            .isGreaterThan(100);
      }
      AnvilHarness.reconcile(proxied, node.url());
    }
  }

  @Test
  void garbageOrTruncatedBlocksStopSyncWithOnlyWholeBlocksWritten() {
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"));
        FaultyRpcProxy proxy = FaultyRpcProxy.start(node.url())) {
      EvmActivity activity = EvmActivity.start(node, 43);
      activity.rounds(4);
      activity.bulk(3_000, 20);
      long spoiledHeight = 120;
      Path direct = dir.resolve("direct");
      AnvilHarness.syncToTip(direct, node.url());
      for (FaultyRpcProxy.Spoil spoil : FaultyRpcProxy.Spoil.values()) {
        Path data = dir.resolve(spoil.name());
        proxy.spoilBlock(spoiledHeight, spoil);
        Cli.Result r = Cli.run(data, "sync", "--chain", "eth", "--network", "dev", "--rpc", proxy.url(), "--exit-at-tip");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("MALFORMED_RESPONSE").contains("eth_getBlockByNumber").contains("malformed answer from the node");
        long tip = AnvilHarness.consistentTip(data);
        assertThat(tip).as("blocks fetched before the spoiled batch are kept, none at or above it").isBetween(0L, spoiledHeight - 1);
        assertThat(proxy.spoiledAnswers()).isPositive();

        proxy.heal();
        Cli.Result healed = Cli.run(data, "sync", "--chain", "eth", "--network", "dev", "--rpc", proxy.url(), "--exit-at-tip");
        assertThat(healed.exitCode()).as(healed.err()).isZero();
        assertThat(AnvilHarness.fingerprint(data)).isEqualTo(AnvilHarness.fingerprint(direct));
        AnvilHarness.reconcile(data, node.url());
        Cli.Result verify = Cli.run(data, "verify", "--chain", "eth", "--rpc", proxy.url());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("checks passed");
      }
      // the API says the same, with the error's category
      proxy.spoilBlock(spoiledHeight, FaultyRpcProxy.Spoil.TRUNCATED);
      assertThatThrownBy(() -> AnvilHarness.syncToTip(dir.resolve("api"), proxy.url()))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE))
          .hasMessageContaining("eth_getBlockByNumber");
    }
  }

  @Test
  void syncWaitsWhileTheNodeIsAwayAndEndsAtTheTip() {
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"));
        FaultyRpcProxy proxy = FaultyRpcProxy.start(node.url())) {
      EvmActivity activity = EvmActivity.start(node, 44);
      activity.rounds(4);
      activity.bulk(3_000, 20);
      Path direct = dir.resolve("direct");
      AnvilHarness.syncToTip(direct, node.url());
      Duration away = Duration.ofSeconds(3);
      NodeSettings patient = AnvilHarness.settings(proxy.url()).withRetry(RetryPolicy.upTo(Duration.ofSeconds(60)));
      for (FaultyRpcProxy.Outage outage : FaultyRpcProxy.Outage.values()) {
        // the second request for blocks starts the outage: the catch-up is under way
        proxy.outageAt("eth_getBlockByNumber", 2, away, outage);
        Path data = dir.resolve(outage.name());
        long started = System.nanoTime();
        ChainSynchronizer.Result result = AnvilHarness.syncToTip(data, patient);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("sync waited for the node").isGreaterThanOrEqualTo(away);
        assertThat(result.tip().map(BlockRef::height)).contains(node.rpc().blockNumber());
        assertThat(AnvilHarness.fingerprint(data)).isEqualTo(AnvilHarness.fingerprint(direct));
      }
      assertThat(proxy.busyAnswers()).as("HTTP 503 answers retried").isGreaterThanOrEqualTo(2);

      // a limit on the wait: the node stays away longer, and sync gives up with a retryable category
      proxy.outageAt("eth_chainId", 1, Duration.ofSeconds(5), FaultyRpcProxy.Outage.REFUSED);
      Cli.Result r =
          Cli.run(dir.resolve("impatient"), "sync", "--chain", "eth", "--network", "dev", "--rpc", proxy.url(), "--exit-at-tip", "--node-wait", "1");
      assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).contains("NODE_UNAVAILABLE").contains("eth_chainId");
      AnvilHarness.reconcile(dir.resolve(FaultyRpcProxy.Outage.REFUSED.name()), node.url());
    }
  }

  @Test
  void aWrongNetworkOrTraceOptionIsAConfigurationError() {
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"))) {
      node.mine(3);
      Path data = dir.resolve("data");
      Cli.Result mainnet = Cli.run(data, "sync", "--chain", "eth", "--network", "mainnet", "--rpc", node.url(), "--exit-at-tip");
      assertThat(mainnet.exitCode()).as(mainnet.err()).isEqualTo(1);
      assertThat(mainnet.err()).contains("INVALID_CONFIG").contains("chain id 31337").contains("--network dev");

      Cli.Result traces = Cli.run(data, "sync", "--chain", "eth", "--network", "dev", "--rpc", node.url(), "--traces", "foo", "--exit-at-tip");
      assertThat(traces.exitCode()).as(traces.err()).isEqualTo(1);
      assertThat(traces.err()).contains("INVALID_CONFIG").contains("traces").contains("foo").contains("auto, parity, geth or none");

      // neither run left the warehouse tied to a network or holding rows: the right command works on the same data
      try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
        assertThat(w.chains()).isEmpty();
      }
      Cli.Result dev = Cli.run(data, "sync", "--chain", "eth", "--network", "dev", "--rpc", node.url(), "--exit-at-tip");
      assertThat(dev.exitCode()).as(dev.err()).isZero();
      assertThat(AnvilHarness.consistentTip(data)).isEqualTo(3);
      // the same node as an ETC-family devnet, into the etc schema beside eth, and both read back with sql
      Cli.Result etc = Cli.run(data, "sync", "--chain", "etc", "--network", "dev", "--rpc", node.url(), "--exit-at-tip");
      assertThat(etc.exitCode()).as(etc.err()).isZero();
      Cli.Result sql = Cli.run(data, "sql", "--format", "csv",
          "SELECT (SELECT MAX(number) FROM eth.blocks) AS eth_tip, (SELECT MAX(number) FROM etc.blocks) AS etc_tip,"
              + " (SELECT COUNT(*) FROM eth.blocks e JOIN etc.blocks c USING (number, hash)) AS same_blocks");
      assertThat(sql.exitCode()).as(sql.err()).isZero();
      assertThat(sql.out().strip().lines()).containsExactly("eth_tip,etc_tip,same_blocks", "3,3,4");
    }
  }

  @Test
  void aNodeWithoutATraceApiNeedsTracesNoneAndThenMissesInternalTransfers() {
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"));
        FaultyRpcProxy proxy = FaultyRpcProxy.start(node.url()).withoutMethods("trace_block", "debug_traceBlockByNumber")) {
      EvmActivity.start(node, 45).rounds(6);
      Path data = dir.resolve("untraced");
      Cli.Result auto = Cli.run(data, "sync", "--chain", "eth", "--network", "dev", "--rpc", proxy.url(), "--exit-at-tip");
      assertThat(auto.exitCode()).as(auto.err()).isEqualTo(1);
      assertThat(auto.err()).contains("INVALID_CONFIG").contains("neither trace_block nor debug_traceBlockByNumber").contains("traces none");
      assertThatThrownBy(() -> AnvilHarness.support().node(AnvilHarness.settings(proxy.url())))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG));

      Cli.Result none = Cli.run(data, "sync", "--chain", "eth", "--network", "dev", "--rpc", proxy.url(), "--traces", "none", "--exit-at-tip");
      assertThat(none.exitCode()).as(none.err()).isZero();
      assertThat(proxy.forwarded("trace_block") + proxy.forwarded("debug_traceBlockByNumber")).isZero();
      Path traced = dir.resolve("traced");
      AnvilHarness.syncToTip(traced, node.url());
      // what does not come from traces is the same
      List<String> fromBlocksAndReceipts = List.of(EthTables.BLOCKS, EthTables.TRANSACTIONS, EthTables.LOGS, EthTables.TOKEN_TRANSFERS, EthTables.TOKENS);
      assertThat(WarehouseFingerprint.of(data, "eth", fromBlocksAndReceipts)).isEqualTo(WarehouseFingerprint.of(traced, "eth", fromBlocksAndReceipts));
      // no traces, and so no contracts (they come from the create traces)
      assertThat(AnvilHarness.count(data, "SELECT COUNT(*) FROM eth.traces")).isZero();
      assertThat(AnvilHarness.count(data, "SELECT COUNT(*) FROM eth.contracts")).isZero();
      assertThat(AnvilHarness.count(traced, "SELECT COUNT(*) FROM eth.contracts")).isPositive();
      // top-level values and fees are there, internal transfers are not
      assertThat(AnvilHarness.count(data, "SELECT COUNT(*) FROM eth.balance_changes WHERE kind = 'value'"))
          .isPositive()
          .isLessThan(AnvilHarness.count(traced, "SELECT COUNT(*) FROM eth.balance_changes WHERE kind = 'value'"));
      assertThat(AnvilHarness.count(data, "SELECT COUNT(*) FROM eth.balance_changes WHERE kind = 'fee'"))
          .isEqualTo(AnvilHarness.count(traced, "SELECT COUNT(*) FROM eth.balance_changes WHERE kind = 'fee'"));

      // the documented limitation shows: balances miss the internal transfers, and the reconciliation says so
      List<ReconciliationCheck> checks = AnvilHarness.checks(data, node.url());
      ReconciliationCheck balances = checks.stream().filter(c -> c.name().equals("eth_getBalance")).findFirst().orElseThrow();
      assertThat(balances.passed()).isFalse();
      assertThat(balances.mismatches()).isPositive().isLessThan(balances.checked());
      assertThat(checks).filteredOn(c -> !c.passed()).extracting(ReconciliationCheck::name).containsOnly("eth_getBalance");
      Cli.Result verify = Cli.run(data, "verify", "--chain", "eth", "--rpc", proxy.url());
      assertThat(verify.exitCode()).isEqualTo(1);
      assertThat(verify.out()).contains("eth_getBalance").contains("FAILED");
    }
  }
}
