package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.QueryResult;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;

/**
 * Ethereum-family metrics against a real anvil devnet whose clock is moved forward between rounds of seeded contract and
 * token activity: daily block, transaction and fee figures equal the node's blocks and receipts, the supply equals the
 * sum of the node's balances of every address the warehouse knows, and after a reorg the incrementally updated values
 * equal a computation from scratch.
 */
class AnvilMetricsIT {
  private static Path binary;

  @TempDir Path dir;

  @BeforeAll
  static void needsAnvil() {
    binary = AnvilHarness.requireAnvil("AnvilMetricsIT");
  }

  @Test
  void dailyFiguresAndSupplyAgreeWithTheNodeAndSurviveAReorg() {
    Random random = new Random(17);
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"))) {
      EvmActivity activity = EvmActivity.start(node, 17);
      for (int round = 0; round < 12; round++) {
        node.rpc().call("evm_increaseTime", 3600 + random.nextInt(20 * 3600));
        activity.round();
      }
      Path data = dir.resolve("data");
      AnvilHarness.syncToTip(data, node.url());
      try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
        MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
        engine.update(AnvilHarness.ETH, "ethereum");
        assertThat(assertAgreesWithTheNode(node, engine, w)).as("blocks spread over several UTC days").isGreaterThan(3);
      }
      activity.reorg(4);
      AnvilHarness.syncToTip(data, node.url());
      try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
        MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
        assertThat(engine.update(AnvilHarness.ETH, "ethereum").full()).isFalse();
        assertAgreesWithTheNode(node, engine, w);
        List<String> incremental = snapshot(w);
        engine.recompute(AnvilHarness.ETH, "ethereum");
        assertThat(incremental).as("values after the reorg vs a computation from scratch").isEqualTo(snapshot(w));
      }
    }
  }

  private static int assertAgreesWithTheNode(AnvilNode node, MetricEngine engine, DuckDbWarehouse w) {
    long tip = node.rpc().blockNumber();
    Map<LocalDate, BigInteger[]> byDay = new TreeMap<>();
    for (long n = 0; n <= tip; n++) {
      JsonNode block = node.rpc().call("eth_getBlockByNumber", "0x" + Long.toHexString(n), false);
      LocalDate day = Instant.ofEpochSecond(Long.decode(block.get("timestamp").asText())).atZone(ZoneOffset.UTC).toLocalDate();
      BigInteger[] sums = byDay.computeIfAbsent(day, d -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
      sums[0] = sums[0].add(BigInteger.ONE);
      for (JsonNode tx : block.get("transactions")) {
        JsonNode receipt = node.rpc().call("eth_getTransactionReceipt", tx.asText());
        sums[1] = sums[1].add(BigInteger.ONE);
        sums[2] = sums[2].add(quantity(receipt.get("gasUsed")).multiply(quantity(receipt.get("effectiveGasPrice"))));
      }
    }
    List<String> ids = List.of("BlkCnt", "TxCnt", "FeeTotNtv");
    LocalDate first = byDay.keySet().iterator().next();
    LocalDate last = ((TreeMap<LocalDate, BigInteger[]>) byDay).lastKey();
    Map<String, BigDecimal> stored = new TreeMap<>();
    for (List<Object> row : engine.values(AnvilHarness.ETH, "ethereum", ids, first, last).rows()) {
      stored.put(row.get(0) + " " + row.get(1), (BigDecimal) row.get(3));
    }
    for (var e : byDay.entrySet()) {
      for (int i = 0; i < ids.size(); i++) {
        String key = e.getKey() + " " + ids.get(i);
        assertThat(stored.get(key)).as(key).isNotNull();
        assertThat(stored.get(key).toBigIntegerExact()).as(key + " vs the node's blocks and receipts").isEqualTo(e.getValue()[i]);
      }
    }
    BigInteger balances = BigInteger.ZERO;
    for (List<Object> row : w.query("SELECT address FROM eth.addresses").rows()) {
      balances = balances.add(quantity(node.rpc().call("eth_getBalance", row.get(0), "latest")));
    }
    QueryResult supply = engine.values(AnvilHarness.ETH, "ethereum", List.of("SplyCur"), last, last);
    assertThat(supply.rows()).hasSize(1);
    assertThat(((BigDecimal) supply.rows().get(0).get(3)).toBigIntegerExact())
        .as("SplyCur vs the sum of eth_getBalance over the warehouse's addresses").isEqualTo(balances);
    return byDay.size();
  }

  private static BigInteger quantity(JsonNode hex) {
    return new BigInteger(hex.asText().substring(2), 16);
  }

  private static List<String> snapshot(DuckDbWarehouse w) {
    return w.query("SELECT day, metric, instance, value FROM eth.metrics ORDER BY ALL").rows().stream().map(Object::toString).toList();
  }
}
