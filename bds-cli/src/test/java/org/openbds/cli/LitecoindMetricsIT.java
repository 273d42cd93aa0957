package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.QueryResult;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;

/**
 * Metrics against a real {@code litecoind -regtest}: seeded wallet scenarios spread over many UTC days (the node's clock
 * is moved forward between rounds), compared day by day with the node's own {@code getblockstats} and, at the tip,
 * {@code gettxoutsetinfo}; then a real reorg, after which the incrementally updated values must equal a computation
 * from scratch.
 */
class LitecoindMetricsIT {
  private static final List<String> DAILY = List.of("BlkCnt", "TxCnt", "FeeTotNtv", "IssTotNtv");

  @TempDir Path dir;

  @Test
  void dailyFiguresAgreeWithTheNodeAndSurviveAReorg() throws Exception {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    for (long seed : new long[] {3, 8}) {
      Random random = new Random(seed);
      try (RegtestNode node = RegtestNode.start(binary.get(), dir.resolve("node-" + seed))) {
        long clock = Instant.parse("2026-03-30T20:00:00Z").getEpochSecond() + random.nextInt(86_400);
        node.call("setmocktime", clock);
        WalletActivity activity = WalletActivity.start(node, seed);
        for (int round = 0; round < 45; round++) {
          clock += random.nextInt(14 * 3600);
          node.call("setmocktime", clock);
          activity.round();
        }
        Path data = dir.resolve("data-" + seed);
        SyncHarness.syncToTip(data, node.url(), 500_000, new SyncListener() {});
        try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
          MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
          engine.update(SyncHarness.LTC, "bitcoin");
          int days = assertAgreesWithTheNode(node, engine);
          assertThat(days).as("seed %d: blocks spread over several UTC days", seed).isGreaterThan(5);

          clock += 3600;
          node.call("setmocktime", clock);
          activity.reorg(3 + random.nextInt(5));
        }
        SyncHarness.syncToTip(data, node.url(), 500_000, new SyncListener() {});
        try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
          MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
          assertThat(engine.update(SyncHarness.LTC, "bitcoin").full()).as("a reorg recomputes only the days it touches").isFalse();
          assertAgreesWithTheNode(node, engine);
          List<String> incremental = snapshot(w);
          engine.recompute(SyncHarness.LTC, "bitcoin");
          assertThat(incremental).as("seed %d: values after the reorg vs a computation from scratch", seed).isEqualTo(snapshot(w));
        }
      }
    }
  }

  @Test
  void syncKeepsTheMetricsCurrentThroughNewBlocksAndAReorg() throws Exception {
    Optional<Path> binary = RegtestNode.findBinary();
    assumeTrue(binary.isPresent(), "litecoind missing");
    try (RegtestNode node = RegtestNode.start(binary.get(), dir.resolve("node"))) {
      WalletActivity activity = WalletActivity.start(node, 21);
      activity.rounds(5);
      Path data = dir.resolve("data");
      Cli.Result first = Cli.run(data, "sync", "--chain", "ltc", "--network", "regtest", "--rpc", node.url(), "--exit-at-tip");
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).containsPattern("metrics: \\d{4}-\\d{2}-\\d{2} \\.\\. \\d{4}-\\d{2}-\\d{2} computed in \\d+ ms");
      activity.rounds(3);
      Cli.Result more = Cli.run(data, "sync", "--chain", "ltc", "--network", "regtest", "--rpc", node.url(), "--exit-at-tip");
      assertThat(more.out()).containsPattern("metrics: .* updated in \\d+ ms");
      activity.reorg(2);
      Cli.Result second = Cli.run(data, "sync", "--chain", "ltc", "--network", "regtest", "--rpc", node.url(), "--exit-at-tip");
      assertThat(second.exitCode()).as(second.err()).isZero();
      assertThat(second.out()).contains("reorg: rolled back").containsPattern("metrics: .* updated in \\d+ ms");
      long blocks = node.call("getblockcount").asLong() + 1;
      try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
        Object stored = w.query("SELECT sum(value) FROM ltc.metrics WHERE metric = 'BlkCnt'").rows().get(0).get(0);
        assertThat(((BigDecimal) stored).longValueExact()).as("BlkCnt over all days = the node's blocks").isEqualTo(blocks);
        List<String> kept = snapshot(w);
        new MetricEngine(w, MetricCatalog.load()).recompute(SyncHarness.LTC, "bitcoin");
        assertThat(kept).isEqualTo(snapshot(w));
      }
    }
  }

  /** Compares the daily figures with the node's per-block statistics and the supply with its UTXO set; returns the days. */
  private static int assertAgreesWithTheNode(RegtestNode node, MetricEngine engine) {
    long tip = node.call("getblockcount").asLong();
    Map<LocalDate, long[]> byDay = new TreeMap<>();
    for (long h = 0; h <= tip; h++) {
      long time;
      long txs;
      long fees;
      long subsidy;
      if (h == 0) {
        // nodes keep no undo data for the genesis block, so getblockstats refuses it: its coinbase is all there is
        JsonNode genesis = node.call("getblock", node.call("getblockhash", 0).asText(), 2);
        time = genesis.get("time").asLong();
        txs = genesis.get("tx").size() - 1;
        fees = 0;
        subsidy = 0;
        for (JsonNode out : genesis.get("tx").get(0).get("vout")) {
          subsidy += out.get("value").decimalValue().movePointRight(8).longValueExact();
        }
      } else {
        JsonNode stats = node.call("getblockstats", h);
        time = stats.get("time").asLong();
        txs = stats.get("txs").asLong() - 1;
        fees = stats.get("totalfee").asLong();
        subsidy = stats.get("subsidy").asLong();
      }
      LocalDate day = Instant.ofEpochSecond(time).atZone(ZoneOffset.UTC).toLocalDate();
      long[] sums = byDay.computeIfAbsent(day, d -> new long[4]);
      sums[0] += 1;
      sums[1] += txs;
      sums[2] += fees;
      sums[3] += subsidy;
    }
    LocalDate first = byDay.keySet().iterator().next();
    LocalDate last = ((TreeMap<LocalDate, long[]>) byDay).lastKey();
    QueryResult values = engine.values(SyncHarness.LTC, "bitcoin", DAILY, first, last);
    Map<String, BigDecimal> stored = new TreeMap<>();
    for (List<Object> row : values.rows()) {
      stored.put(row.get(0) + " " + row.get(1), (BigDecimal) row.get(3));
    }
    for (var e : byDay.entrySet()) {
      for (int i = 0; i < DAILY.size(); i++) {
        String key = e.getKey() + " " + DAILY.get(i);
        assertThat(stored.get(key)).as(key + " vs getblockstats").isNotNull();
        assertThat(stored.get(key).longValueExact()).as(key + " vs getblockstats").isEqualTo(e.getValue()[i]);
      }
    }
    JsonNode utxo = node.call("gettxoutsetinfo");
    QueryResult supply = engine.values(SyncHarness.LTC, "bitcoin", List.of("UTXOCnt", "SplyCur"), last, last);
    assertThat(supply.rows()).hasSize(2);
    for (List<Object> row : supply.rows()) {
      BigDecimal v = (BigDecimal) row.get(3);
      if ("UTXOCnt".equals(row.get(1))) {
        assertThat(v.longValueExact()).as("UTXOCnt vs gettxoutsetinfo.txouts").isEqualTo(utxo.get("txouts").asLong());
      } else {
        assertThat(v.longValueExact()).as("SplyCur vs gettxoutsetinfo.total_amount")
            .isEqualTo(utxo.get("total_amount").decimalValue().movePointRight(8).longValueExact());
      }
    }
    return byDay.size();
  }

  private static List<String> snapshot(DuckDbWarehouse w) {
    return w.query("SELECT day, metric, instance, value FROM ltc.metrics ORDER BY ALL").rows().stream().map(Object::toString).toList();
  }
}
