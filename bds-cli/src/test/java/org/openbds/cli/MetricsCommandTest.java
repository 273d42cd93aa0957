package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;

/** {@code bds metrics} on a generated chain: the catalog, values that agree with plain SQL, and clear errors. */
class MetricsCommandTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void generateAndImport() {
    Path blocks = dir.resolve("blocks");
    Cli.Result g = Cli.run(dir.resolve("unused"), "generate", "--chain", "btc", "--txs", "30000", "--seed", "3",
        "--out", blocks.toString(), "--txs-per-block", "60");
    assertThat(g.exitCode()).as(g.err()).isZero();
    data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--network", "synthetic", "--blocks", blocks.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void listShowsTheCatalogOfAFamily() throws Exception {
    Cli.Result r = Cli.run(data, "metrics", "list", "--chain", "ltc", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("columns").toString()).isEqualTo("[\"id\",\"name\",\"unit\",\"family\",\"basis\",\"definition\"]");
    assertThat(json.get("rows").size()).isEqualTo(MetricCatalog.load().metrics("bitcoin").size());
    for (JsonNode row : json.get("rows")) {
      assertThat(row.get(3).asText()).isEqualTo("bitcoin");
    }
    Cli.Result table = Cli.run(data, "metrics", "list");
    assertThat(table.out()).contains("TxCnt").contains("bitcoin").contains("ethereum");
  }

  @Test
  void getComputesAndPrintsValuesThatAgreeWithSql() throws Exception {
    Cli.Result r = Cli.run(data, "metrics", "get", "--chain", "btc", "TxCnt", "BlkCnt", "--format", "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
    assertThat(rows.size()).isGreaterThanOrEqualTo(2);
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      for (JsonNode row : rows) {
        String day = row.get(0).asText();
        String metric = row.get(1).asText();
        String sql = metric.equals("TxCnt")
            ? "SELECT count(*) FROM btc.transactions WHERE NOT is_coinbase AND CAST(time AS DATE) = CAST(? AS DATE)"
            : "SELECT count(*) FROM btc.blocks WHERE CAST(time AS DATE) = CAST(? AS DATE)";
        long expected = ((Number) w.query(sql, day).rows().get(0).get(0)).longValue();
        assertThat(row.get(3).asLong()).as("%s on %s", metric, day).isEqualTo(expected);
        assertThat(row.get(3).isIntegralNumber()).as("integers print as integers").isTrue();
      }
    }
    Cli.Result csv = Cli.run(data, "metrics", "get", "--chain", "btc", "BlkCnt", "--from", "2024-01-01", "--to", "2024-01-01", "--format", "csv");
    assertThat(csv.out()).startsWith("day,metric,instance,value\r\n2024-01-01,BlkCnt,,");
    Cli.Result again = Cli.run(data, "metrics", "compute", "--chain", "btc");
    assertThat(again.out()).contains("already current");
  }

  @Test
  void badRequestsGetClearErrors() {
    assertThat(Cli.run(data, "metrics", "get", "--chain", "btc", "NoSuchMetric").err()).contains("no bitcoin metric 'NoSuchMetric'");
    assertThat(Cli.run(data, "metrics", "get", "--chain", "btc", "TxCnt", "--from", "yesterday").err())
        .contains("--from must be a day like 2026-01-31, not 'yesterday'");
    assertThat(Cli.run(data, "metrics", "get", "--chain", "ltc", "TxCnt").err()).contains("holds no ltc chain");
    assertThat(Cli.run(data, "metrics", "get", "--chain", "btc", "TxCnt", "--format", "xml").err()).contains("unknown format 'xml'");
    assertThat(Cli.run(dir.resolve("empty"), "metrics", "compute", "--chain", "btc").err()).contains("no warehouse in");
    List<String> unknownReference = List.of("metrics", "compute", "--chain", "btc", "--reference", "no_such_table=" + dir.resolve("x.tsv"));
    assertThat(Cli.run(data, unknownReference.toArray(new String[0])).err()).contains("no reference table named [no_such_table]");
  }
}
