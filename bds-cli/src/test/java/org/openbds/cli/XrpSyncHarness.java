package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SplitOptions;
import org.openbds.api.TableSchema;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.ImportConfig;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.xrp.replay.LedgerReplay;
import org.openbds.xrp.rpc.FakeRippled;
import org.openbds.xrp.split.XrpTables;

/**
 * What the XRP sync tests share: a chain of replayed mainnet ledgers (the recorded 83-transaction ledger 94084608,
 * repeated with every header hash computed anew) served by a {@link FakeRippled}, in-process sync into the embedded
 * warehouse, and checks of what the warehouse holds.
 */
final class XrpSyncHarness {
  static final ChainId XRP = new ChainId("xrp");
  /** The first replayed ledger: every test syncs with {@code --start-height FIRST}. */
  static final long FIRST = 94_100_000L;
  static final int TRANSACTIONS_PER_LEDGER = 83;
  static final List<String> TABLES = XrpTables.TABLES.stream().map(TableSchema::name).toList();

  private XrpSyncHarness() {}

  /** A replayed chain of ledgers from {@link #FIRST}, each as the {@code result} of a {@code ledger} answer. */
  static final class ReplayedChain {
    private final List<byte[]> ledgers = new ArrayList<>();
    private final LedgerReplay replay;

    ReplayedChain(int capacity) {
      Path template = RealData.dir("xrp").resolve("ledgers/XRPLF+xrpl4j/xrpl4j-core/src/test/resources/special-object-ledgers/ledger-result-94084608.json");
      try {
        replay = LedgerReplay.of(Files.readAllBytes(template), FIRST, capacity);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(replay.transactionsPerLedger()).isEqualTo(TRANSACTIONS_PER_LEDGER);
    }

    /** Ledger {@code index} as served, made on first use (the chain is made in order). */
    synchronized String ledger(long index) {
      while (ledgers.size() <= index - FIRST) {
        ledgers.add(replay.next());
      }
      return new String(ledgers.get((int) (index - FIRST)), StandardCharsets.UTF_8);
    }

    /** Has {@code node} hold ledgers {@code first} through {@code last}, validated. */
    void serve(FakeRippled node, long first, long last) {
      for (long i = first; i <= last; i++) {
        node.put(ledger(i));
      }
    }

    /** Drops burnt by each ledger. */
    long feesPerLedger() {
      return replay.feesPerLedger();
    }
  }

  static ChainSupport support() {
    return ChainFamilies.load().forChain("xrp").open(XRP, "mainnet", SplitOptions.defaults());
  }

  static NodeSettings settings(String url, RetryPolicy retry) {
    return new NodeSettings(url, Optional.empty(), Duration.ofSeconds(10), 2, retry);
  }

  /** Syncs from {@link #FIRST} (or the checkpoint) to the node's latest validated ledger, in-process. */
  static ChainSynchronizer.Result syncToTip(Path data, String url, SyncListener listener) {
    ChainSupport support = support();
    SyncConfig config = SyncConfig.defaults().withExitAtTip(true).withStartHeight(FIRST)
        .withImportConfig(ImportConfig.defaults().withBatchTransactions(800));
    try (Warehouse warehouse = DuckDbWarehouse.open(data);
        NodeSource node = support.node(settings(url, RetryPolicy.forever()))) {
      return new ChainSynchronizer<>(warehouse, XRP, "mainnet", support.splitter(), node, config, listener).run();
    }
  }

  /** {@code bds sync --chain xrp --rpc url --start-height FIRST --exit-at-tip}, plus {@code more} options. */
  static Cli.Result cliSync(Path data, String url, String... more) {
    List<String> args = new ArrayList<>(List.of("sync", "--chain", "xrp", "--rpc", url, "--start-height", String.valueOf(FIRST), "--exit-at-tip", "--no-metrics"));
    args.addAll(List.of(more));
    return Cli.run(data, args.toArray(new String[0]));
  }

  /** {@code bds verify --chain xrp --format json}: asserts it exits 0 with every check passed; returns the checks. */
  static List<JsonNode> verify(Path data, String url) {
    Cli.Result r = Cli.run(data, "verify", "--chain", "xrp", "--rpc", url, "--format", "json");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode report;
    try {
      report = new ObjectMapper().readTree(r.out());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(report.path("passed").asBoolean()).as(r.out()).isTrue();
    List<JsonNode> checks = new ArrayList<>();
    report.path("checks").forEach(checks::add);
    assertThat(checks).allSatisfy(c -> assertThat(c.path("passed").asBoolean()).as(c.toString()).isTrue());
    assertThat(checks).extracting(c -> c.path("name").asText())
        .contains("tip.hash", "ledgers.complete", "ledgers.hash", "ledgers.total_coins", "ledgers.transaction_hash", "ledgers.tx_count", "node.complete_ledgers");
    return checks;
  }

  /**
   * Asserts that the warehouse holds exactly ledgers {@link #FIRST} through {@code last}, each once with its 83
   * transactions, linked and with coins falling by the fees burnt, the checkpoint at {@code last} and no row of any
   * table above it.
   */
  static void assertHoldsThrough(Path data, long last) {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      assertHoldsThrough(w, last);
    }
  }

  static void assertHoldsThrough(Warehouse w, long last) {
    long ledgers = last - FIRST + 1;
    assertThat(w.checkpoint(XRP).orElseThrow().height()).isEqualTo(last);
    List<Long> range = w.query("SELECT COUNT(*), COUNT(DISTINCT ledger_index), MIN(ledger_index), MAX(ledger_index), SUM(tx_count) FROM xrp.ledgers")
        .rows().get(0).stream().map(v -> ((Number) v).longValue()).toList();
    assertThat(range).containsExactly(ledgers, ledgers, FIRST, last, ledgers * TRANSACTIONS_PER_LEDGER);
    assertThat(count(w, "SELECT COUNT(*) FROM xrp.transactions")).isEqualTo(ledgers * TRANSACTIONS_PER_LEDGER);
    assertThat(count(w, "SELECT COUNT(*) FROM (SELECT ledger_index FROM xrp.transactions GROUP BY ledger_index HAVING COUNT(*) <> "
        + TRANSACTIONS_PER_LEDGER + ")")).isZero();
    assertThat(count(w, "SELECT COUNT(*) FROM xrp.ledgers l JOIN xrp.ledgers p ON p.ledger_index = l.ledger_index - 1"
        + " WHERE l.parent_hash = p.ledger_hash AND p.total_coins - l.fees_burnt = l.total_coins")).isEqualTo(ledgers - 1);
    for (String table : TABLES) {
      assertThat(count(w, "SELECT COUNT(*) FROM xrp." + table + " WHERE ledger_index > ? OR ledger_index < ?", last, FIRST)).as(table).isZero();
    }
  }

  static long count(Warehouse w, String sql, Object... parameters) {
    return ((Number) w.query(sql, parameters).rows().get(0).get(0)).longValue();
  }

  /** Row count and an order-independent hash of every row of every xrp table, and the checkpoint. */
  static Map<String, List<Object>> fingerprint(Path data) {
    return WarehouseFingerprint.of(data, "xrp", TABLES);
  }

  /** The checkpoint after a kill (-1 when there is none), checked against the rows: no batch is half there. */
  static long consistentTip(Path data) {
    if (!Files.exists(data.resolve(DuckDbWarehouse.FILE_NAME))) {
      return -1;
    }
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      if (w.chains().isEmpty() || w.checkpoint(XRP).isEmpty()) {
        return -1;
      }
      long tip = w.checkpoint(XRP).get().height();
      assertHoldsThrough(w, tip);
      return tip;
    }
  }
}
