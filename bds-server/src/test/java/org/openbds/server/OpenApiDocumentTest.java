package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;

/** The served OpenAPI document and the server's routes are the same set, with the same path parameters and roles. */
class OpenApiDocumentTest {
  @TempDir Path dir;

  @Test
  void theDocumentListsExactlyTheRoutesOfTheServer() throws Exception {
    JsonNode doc;
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      doc = new ObjectMapper().readTree(in);
    }
    Map<String, String> documented = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> p = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String key = op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey();
        documented.put(key, op.getValue().path("x-role").asText());
        TreeSet<String> declared = new TreeSet<>();
        for (JsonNode param : op.getValue().path("parameters")) {
          if (param.path("in").asText().equals("path")) {
            declared.add(param.path("name").asText());
          }
        }
        TreeSet<String> inPath = new TreeSet<>();
        Matcher m = Pattern.compile("\\{([a-z]+)}").matcher(p.getKey());
        while (m.find()) {
          inPath.add(m.group(1));
        }
        assertThat(declared).as(key + " path parameters").isEqualTo(inPath);
        assertThat(op.getValue().path("responses").has("200")).as(key).isTrue();
      }
    }
    Map<String, String> served = new TreeMap<>();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(dir);
        ApiServer server =
            new ApiServer(ServerConfig.defaults(), ApiKeys.load(dir), w, ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
      for (ApiServer.Route r : server.routes()) {
        served.put(r.method().name() + " " + r.path(), r.role().label());
      }
    }
    assertThat(documented).isEqualTo(served);
  }
}
