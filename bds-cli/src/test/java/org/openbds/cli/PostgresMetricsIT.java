package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.FileTrees;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;

/**
 * The metrics on a PostgreSQL warehouse, end to end through the commands: a real {@code litecoind -regtest} chain with
 * wallet activity over many UTC days is synced once into PostgreSQL and once into the embedded warehouse, each keeping
 * its metrics current; both must store a value for the same metrics, days and instances, after new blocks and after a
 * real reorg, and the values must be the same: exactly for counts, sums and amounts, and to the last stored decimal (or
 * 12 significant digits) for the ratios and means DuckDB divides in floating point and PostgreSQL in exact decimals.
 * On PostgreSQL, the values kept current must equal a computation from scratch. Then {@code metrics get} and
 * {@code report} read the server.
 */
class PostgresMetricsIT {
  @TempDir Path dir;
  private Path server;
  private String url;

  @BeforeEach
  void startServer() throws Exception {
    server = Files.createTempDirectory("bds-metrics-postgres"); // a directory PostgreSQL's own system user can reach
    url = LocalPostgres.start(server, 0, "openbds").url().withPassword();
  }

  @AfterEach
  void stopServer() {
    LocalPostgres.stop(server);
    FileTrees.delete(server);
  }

  @Test
  void everyStoredValueEqualsTheEmbeddedWarehousesThroughNewBlocksAndAReorg() throws Exception {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    Random random = new Random(13);
    try (RegtestNode node = RegtestNode.start(binary.get(), dir.resolve("node"))) {
      long clock = Instant.parse("2026-05-30T20:00:00Z").getEpochSecond();
      node.call("setmocktime", clock);
      WalletActivity activity = WalletActivity.start(node, 13);
      for (int round = 0; round < 30; round++) {
        clock += random.nextInt(20 * 3600);
        node.call("setmocktime", clock);
        activity.round();
      }
      Path data = dir.resolve("data");
      String[] sync = {"sync", "--chain", "ltc", "--network", "regtest", "--rpc", node.url(), "--exit-at-tip"};
      syncBoth(data, sync);
      List<String> first = assertSameValues(data, "ltc", "after the first sync");
      assertThat(first.size()).as("values stored").isGreaterThan(1_000);

      for (int round = 0; round < 4; round++) {
        clock += random.nextInt(6 * 3600);
        node.call("setmocktime", clock);
        activity.round();
      }
      syncBoth(data, sync);
      assertSameValues(data, "ltc", "after new blocks");

      clock += 3600;
      node.call("setmocktime", clock);
      activity.reorg(4);
      Cli.Result reorged = Cli.run(data, prefixed(sync, "--warehouse", url));
      assertThat(reorged.exitCode()).as(reorged.err()).isZero();
      assertThat(reorged.out()).contains("reorg: rolled back").containsPattern("metrics: .* updated in \\d+ ms");
      Cli.Result embedded = Cli.run(data, sync);
      assertThat(embedded.exitCode()).as(embedded.err()).isZero();
      List<String> afterReorg = assertSameValues(data, "ltc", "after a reorg");
      try (Warehouse w = PostgresWarehouse.open(url)) {
        new MetricEngine(w, MetricCatalog.load()).recompute(SyncHarness.LTC, "bitcoin");
        assertThat(values(w, "ltc")).as("PostgreSQL: kept current through the reorg vs from scratch").isEqualTo(afterReorg);
      }

      LocalDate day = Instant.ofEpochSecond(clock).atZone(ZoneOffset.UTC).toLocalDate();
      Cli.Result get = Cli.run(data, "--warehouse", url, "metrics", "get", "--chain", "ltc", "TxCnt", "SplyCur", "--from", day.minusDays(40).toString(),
          "--to", day.toString(), "--format", "csv");
      assertThat(get.exitCode()).as(get.err()).isZero();
      Cli.Result same = Cli.run(data, "metrics", "get", "--chain", "ltc", "TxCnt", "SplyCur", "--from", day.minusDays(40).toString(), "--to", day.toString(),
          "--format", "csv");
      assertThat(get.out()).as("metrics get on both warehouses").isEqualTo(same.out()).contains("TxCnt");

      Path page = dir.resolve("report.html");
      String month = day.toString().substring(0, 7);
      Cli.Result report = Cli.run(data, "--warehouse", url, "report", "--chain", "ltc", "--month", month, "--out", page.toString());
      assertThat(report.exitCode()).as(report.err()).isZero();
      assertThat(Files.readString(page)).contains("<svg").contains(month);
    }
  }

  @Test
  void theEthereumFamilyAgreesOnAnAnvilChainThroughAReorg() {
    Path binary = AnvilHarness.requireAnvil("PostgresMetricsIT");
    Random random = new Random(29);
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("anvil"))) {
      EvmActivity activity = EvmActivity.start(node, 29);
      for (int round = 0; round < 10; round++) {
        node.rpc().call("evm_increaseTime", 3600 + random.nextInt(20 * 3600));
        activity.round();
      }
      Path data = dir.resolve("eth-data");
      String[] sync = {"sync", "--chain", "eth", "--network", "dev", "--rpc", node.url(), "--exit-at-tip"};
      syncBoth(data, sync);
      List<String> first = assertSameValues(data, "eth", "after the first sync");
      assertThat(first.size()).as("values stored").isGreaterThan(500);
      activity.reorg(3);
      syncBoth(data, sync);
      List<String> afterReorg = assertSameValues(data, "eth", "after a reorg");
      try (Warehouse w = PostgresWarehouse.open(url)) {
        new MetricEngine(w, MetricCatalog.load()).recompute(AnvilHarness.ETH, "ethereum");
        assertThat(values(w, "eth")).as("PostgreSQL: kept current through the reorg vs from scratch").isEqualTo(afterReorg);
      }
    }
  }

  private void syncBoth(Path data, String[] sync) {
    Cli.Result server = Cli.run(data, prefixed(sync, "--warehouse", url));
    assertThat(server.exitCode()).as(server.err()).isZero();
    assertThat(server.out()).containsPattern("metrics: .* (computed|updated) in \\d+ ms");
    Cli.Result embedded = Cli.run(data, sync);
    assertThat(embedded.exitCode()).as(embedded.err()).isZero();
  }

  /** Every stored value of both warehouses, which must agree; returns PostgreSQL's. */
  private List<String> assertSameValues(Path data, String chain, String when) {
    List<String> onServer;
    try (Warehouse w = PostgresWarehouse.open(url)) {
      onServer = values(w, chain);
    }
    List<String> embedded;
    try (Warehouse w = DuckDbWarehouse.open(data)) {
      embedded = values(w, chain);
    }
    assertThat(onServer.stream().map(PostgresMetricsIT::key).toList()).as("metrics, days and instances stored, " + when)
        .isEqualTo(embedded.stream().map(PostgresMetricsIT::key).toList());
    int exact = 0;
    for (int i = 0; i < onServer.size(); i++) {
      BigDecimal a = value(onServer.get(i));
      BigDecimal b = value(embedded.get(i));
      if (a.compareTo(b) == 0) {
        exact++;
        continue;
      }
      BigDecimal allowed = a.abs().multiply(new BigDecimal("1e-12")).max(new BigDecimal("1e-10"));
      assertThat(a.subtract(b).abs()).as(when + ": " + onServer.get(i) + " on PostgreSQL, " + embedded.get(i) + " embedded").isLessThanOrEqualTo(allowed);
    }
    assertThat(exact).as(when + ": values stored exactly alike").isGreaterThan(onServer.size() * 9 / 10);
    return onServer;
  }

  private static String key(String row) {
    return row.substring(0, row.indexOf(" = "));
  }

  private static BigDecimal value(String row) {
    String v = row.substring(row.indexOf(" = ") + 3);
    return new BigDecimal(v.substring(0, v.indexOf(' ')));
  }

  private static List<String> values(Warehouse w, String chain) {
    List<String> out = new ArrayList<>();
    for (List<Object> row : w.query("SELECT CAST(day AS VARCHAR), metric, instance, value, catalog_version FROM " + chain + ".metrics ORDER BY 1, 2, 3").rows()) {
      out.add(row.get(0) + " " + row.get(1) + " " + row.get(2) + " = " + ((BigDecimal) row.get(3)).stripTrailingZeros().toPlainString() + " (" + row.get(4) + ")");
    }
    return out;
  }

  private static String[] prefixed(String[] args, String... first) {
    String[] out = java.util.Arrays.copyOf(first, first.length + args.length);
    System.arraycopy(args, 0, out, first.length, args.length);
    return out;
  }
}
