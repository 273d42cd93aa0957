package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;

/**
 * {@code bds metrics list/get --chain xrp} on seven recorded mainnet ledgers imported with {@code bds import}: the XRP
 * Ledger's catalog, and values that agree with plain SQL over the warehouse's tables.
 */
class XrpMetricsCommandTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void importLedgers() throws IOException {
    Path ledgers = Files.createDirectories(dir.resolve("ledgers"));
    for (long i = 11119612L; i <= 11119618L; i++) {
      Files.createSymbolicLink(ledgers.resolve(i + ".json"),
          RealData.dir("xrp").resolve("ledgers/ripple+rippled-historical-database/test/mock/ledgers/" + i + ".json"));
    }
    data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "xrp", "--ledgers", ledgers.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void listShowsTheXrpCatalog() throws Exception {
    Cli.Result r = Cli.run(data, "metrics", "list", "--chain", "xrp", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
    assertThat(rows.size()).isEqualTo(MetricCatalog.load().metrics("xrp").size()).isGreaterThanOrEqualTo(40);
    for (JsonNode row : rows) {
      assertThat(row.get(3).asText()).isEqualTo("xrp");
    }
  }

  @Test
  void getComputesValuesThatAgreeWithSql() throws Exception {
    Map<String, String> sql = Map.of(
        "BlkCnt", "SELECT count(*) FROM xrp.ledgers WHERE CAST(close_time AS DATE) = CAST(? AS DATE)",
        "TxCnt", "SELECT count(*) FROM xrp.transactions WHERE family <> 'pseudo' AND CAST(close_time AS DATE) = CAST(? AS DATE)",
        "FeeTotNtv", "SELECT sum(fee) FROM xrp.transactions WHERE CAST(close_time AS DATE) = CAST(? AS DATE)",
        "FeeBurnNtv", "SELECT sum(fees_burnt) FROM xrp.ledgers WHERE CAST(close_time AS DATE) = CAST(? AS DATE)",
        "SplyCur", "SELECT total_coins FROM xrp.ledgers WHERE ledger_index = (SELECT max(ledger_index) FROM xrp.ledgers"
            + " WHERE CAST(close_time AS DATE) = CAST(? AS DATE))",
        "AdrActCnt", "SELECT count(DISTINCT account) FROM xrp.transactions WHERE family <> 'pseudo'"
            + " AND CAST(close_time AS DATE) = CAST(? AS DATE)");
    Cli.Result r = Cli.run(data, "metrics", "get", "--chain", "xrp", "BlkCnt", "TxCnt", "FeeTotNtv", "FeeBurnNtv", "SplyCur", "AdrActCnt",
        "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
    assertThat(rows.size()).isEqualTo(sql.size());
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      for (JsonNode row : rows) {
        String day = row.get(0).asText();
        String metric = row.get(1).asText();
        Object expected = w.query(sql.get(metric), day).rows().get(0).get(0);
        assertThat(new BigDecimal(row.get(3).asText())).as("%s on %s", metric, day).isEqualByComparingTo(new BigDecimal(expected.toString()));
      }
    }
    assertThat(Cli.run(data, "metrics", "compute", "--chain", "xrp").out()).contains("already current");
    assertThat(Cli.run(data, "metrics", "get", "--chain", "xrp", "NoSuchMetric").err()).contains("no xrp metric 'NoSuchMetric'");
  }
}
