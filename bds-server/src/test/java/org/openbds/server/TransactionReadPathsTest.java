package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;

/**
 * A transaction's answer is read one way without the lookup indexes (by {@code tx_id} and block height, row groups
 * pruned) and another with them (plain equalities and IN lists the indexes answer, reads side by side): every
 * transaction of a chain answers the same both ways, and each answer's inputs and outputs are the whole-chain views'.
 */
class TransactionReadPathsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyTransactionAnswersTheSameWithAndWithoutTheLookupIndexesAndAsTheViewsSay() throws Exception {
    try (DuckDbWarehouse warehouse = TestingWarehouse.bitcoin(dir, 1_500)) {
      List<String> txids = new ArrayList<>();
      for (List<Object> row : warehouse.query("SELECT txid FROM btc.transactions ORDER BY tx_id").rows()) {
        txids.add((String) row.get(0));
      }
      Map<String, String> plain = answers(warehouse, "false", txids);
      assertThat(count(warehouse, "SELECT count(*) FROM duckdb_indexes() WHERE schema_name = 'btc'")).as("no index was made").isZero();
      Map<String, String> indexed = answers(warehouse, "true", txids);
      assertThat(count(warehouse, "SELECT count(*) FROM duckdb_indexes() WHERE schema_name = 'btc' AND index_name LIKE 'bds_lookup_%'"))
          .isEqualTo(BitcoinExplorer.LOOKUP_INDEXES.size());
      for (String txid : txids) {
        assertThat(indexed.get(txid)).as(txid).isEqualTo(plain.get(txid));
      }

      Map<String, List<List<Object>>> viewInputs = byTxid(warehouse,
          "SELECT txid, spent_txid, spent_vout, address, value FROM btc.inputs ORDER BY txid, vin");
      Map<String, List<List<Object>>> viewOutputs = byTxid(warehouse,
          "SELECT txid, address, value, spent_txid, spent_vin FROM btc.outputs ORDER BY txid, vout");
      int withScriptDetails = 0;
      int manyReferences = 0;
      for (String txid : txids) {
        JsonNode tx = JSON.readTree(indexed.get(txid));
        List<List<Object>> ins = viewInputs.getOrDefault(txid, List.of());
        assertThat(tx.path("inputs")).as(txid).hasSize(ins.size());
        for (int i = 0; i < ins.size(); i++) {
          JsonNode in = tx.path("inputs").get(i);
          assertThat(in.path("vin").asInt()).isEqualTo(i);
          assertThat(text(in.path("spent_txid"))).as(txid + " input " + i).isEqualTo(ins.get(i).get(1));
          assertThat(in.path("spent_vout").isNull() ? null : in.path("spent_vout").asLong()).isEqualTo(number(ins.get(i).get(2)));
          assertThat(text(in.path("address"))).isEqualTo(ins.get(i).get(3));
          assertThat(in.path("value").isNull() ? null : in.path("value").asLong()).isEqualTo(number(ins.get(i).get(4)));
        }
        List<List<Object>> outs = viewOutputs.get(txid);
        assertThat(tx.path("outputs")).as(txid).hasSize(outs.size());
        for (int o = 0; o < outs.size(); o++) {
          JsonNode out = tx.path("outputs").get(o);
          assertThat(out.path("vout").asInt()).isEqualTo(o);
          assertThat(text(out.path("address"))).as(txid + " output " + o).isEqualTo(outs.get(o).get(1));
          assertThat(out.path("value").asLong()).isEqualTo(number(outs.get(o).get(2)));
          assertThat(text(out.path("spent_txid"))).isEqualTo(outs.get(o).get(3));
          assertThat(out.path("spent_vin").isNull() ? null : out.path("spent_vin").asLong()).isEqualTo(number(outs.get(o).get(4)));
          if (!out.path("required_sigs").isNull() || !out.path("data").isNull()) {
            withScriptDetails++;
          }
        }
        if (ins.size() + outs.size() > 16) {
          manyReferences++;
        }
      }
      // the chain has what each read path treats apart: outputs with script details, and more than 16 references
      assertThat(withScriptDetails).isPositive();
      assertThat(manyReferences).isPositive();
    }
  }

  private Map<String, String> answers(DuckDbWarehouse warehouse, String lookupIndexes, List<String> txids) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (ApiServer server = new ApiServer(
        ServerConfig.fromSettings(Map.of("server.port", "0", "warehouse.address-totals", "false", "warehouse.lookup-indexes", lookupIndexes)),
        ApiKeys.load(dir.resolve("no-keys")), warehouse, ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      String base = "http://127.0.0.1:" + server.start() + "/api/v1/chains/btc/transactions/";
      for (String txid : txids) {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + txid)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        out.put(txid, r.body());
      }
    }
    return out;
  }

  private static Map<String, List<List<Object>>> byTxid(DuckDbWarehouse warehouse, String sql) {
    Map<String, List<List<Object>>> out = new HashMap<>();
    for (List<Object> row : warehouse.query(sql).rows()) {
      out.computeIfAbsent((String) row.get(0), k -> new ArrayList<>()).add(row);
    }
    return out;
  }

  private static long count(DuckDbWarehouse warehouse, String sql) {
    return ((Number) warehouse.query(sql).rows().get(0).get(0)).longValue();
  }

  private static String text(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? null : n.asText();
  }

  private static Long number(Object o) {
    return o == null ? null : ((Number) Objects.requireNonNull(o)).longValue();
  }
}
