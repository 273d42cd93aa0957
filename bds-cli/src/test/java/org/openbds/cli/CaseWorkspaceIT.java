package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.ChainId;
import org.openbds.api.Software;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.forensics.Investigations;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.metrics.MetricCatalog;
import org.openbds.server.ApiKeys;
import org.openbds.server.ApiServer;
import org.openbds.server.ChainStatus;
import org.openbds.server.ServerConfig;

/**
 * The case workspace in a real browser over a real server: a generated chain imported by {@code bds import}, clustered
 * by {@code bds cluster}, with labels from {@code bds labels import}, served by {@code bds serve}'s {@link ApiServer};
 * headless Chromium ({@code src/test/js/case-workspace.mjs}) starts a trace from the form, expands the graph from a
 * frontier output, filters it by value, collapses a cluster, notes a transaction, saves, reloads and exports the case.
 * Each step's graph is checked against what this test works out from the API's own answers (which must be what
 * {@link Investigations} — what {@code bds trace} runs — gives): the same nodes and edges, grown by exactly the
 * expansion, hiding exactly the flows below the value and the nodes left without any, one node for the cluster's
 * addresses. The saved case is the warehouse's row; the exported JSON is that case. No console error, failed request
 * or error answer is allowed.
 *
 * <p>Screenshots stay in {@code target/case-screenshots/}; with {@code -Dbds.docs-screenshots=true} they are also
 * copied to {@code docs/screenshots/case-workspace*.png}.
 */
class CaseWorkspaceIT {
  private static final ChainId LTC = new ChainId("ltc");
  private static final Path SCRIPT = Path.of("src/test/js/case-workspace.mjs");
  private static final Path SCREENSHOTS = Path.of("target", "case-screenshots");
  private static final List<String> SHOTS = List.of("case-workspace", "case-workspace-filter", "case-workspace-taint", "case-workspace-saved");
  private static final int HOPS = 3;
  private static final String NOTE = "first hop: funds split here";
  private static final String TITLE = "Generated theft, first look";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The flow graph of case files as the workspace draws it (see bds-web/src/casegraph.ts), worked out here. */
  record Graph(Map<String, String> nodes, Map<String, JsonNode> edges) {
    static Graph of(JsonNode... cases) {
      Graph g = new Graph(new TreeMap<>(), new TreeMap<>());
      for (JsonNode c : cases) {
        for (JsonNode s : c.get("steps")) {
          String txid = s.get("txid").asText();
          g.nodes.putIfAbsent("tx:" + txid, "tx");
          for (JsonNode in : s.get("inputs")) {
            String id = "in:" + txid + ":" + in.get("vin").asText();
            if (!g.edges.containsKey(id)) {
              g.edges.put(id, edge(holder(g, in.get("address"), in.get("spends").asText()), "tx:" + txid, in.get("value"), s.get("time")));
            }
          }
          for (JsonNode out : s.get("outputs")) {
            String id = "out:" + txid + ":" + out.get("vout").asText();
            if (!g.edges.containsKey(id)) {
              g.edges.put(id, edge("tx:" + txid, holder(g, out.get("address"), txid + ":" + out.get("vout").asText()), out.get("value"), s.get("time")));
            }
          }
        }
        for (JsonNode e : c.get("frontier")) {
          holder(g, e.get("address"), e.get("output").asText());
        }
      }
      return g;
    }

    private static String holder(Graph g, JsonNode address, String outpoint) {
      String id = address.isNull() ? "output:" + outpoint : "addr:" + address.asText();
      g.nodes.putIfAbsent(id, address.isNull() ? "output" : "address");
      return id;
    }

    private static JsonNode edge(String source, String target, JsonNode value, JsonNode time) {
      return JSON.createObjectNode().put("source", source).put("target", target).put("value", value.asText()).put("time", time.asText());
    }

    /** The edges below {@code min} and the nodes all of whose edges are among them. */
    Set<String> hiddenBelow(BigInteger min) {
      return DrawnGraphs.hiddenBelow(edges, min);
    }
  }

  /** What the test picked to work on, from the warehouse. */
  private record Plan(String from, String expandOutput, long cluster, Set<String> clusterMembers, BigInteger minValue) {}

  @Test
  void anInvestigatorWorksACaseInChromium() throws Exception {
    TestingChromium chromium = TestingChromium.require("CaseWorkspaceIT");
    Path data = makeChain();
    JsonNode verdict;
    Plan plan;
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data)) {
      plan = plan(warehouse);
      verdict = browse(chromium, warehouse, plan);
      assertThat(verdict.path("failure").asText()).as("a step failed").isEmpty();
      assertThat(texts(verdict.get("consoleErrors"))).as("console errors").isEmpty();
      assertThat(texts(verdict.get("pageErrors"))).as("page errors").isEmpty();
      assertThat(texts(verdict.get("failedRequests"))).as("failed requests").isEmpty();
      assertThat(texts(verdict.get("errorAnswers"))).as("error answers").isEmpty();
      assertThat(verdict.get("scrollWidth").asInt()).as("no horizontal scrolling").isLessThanOrEqualTo(verdict.get("innerWidth").asInt());
      JsonNode steps = verdict.get("steps");

      // the trace: the API's answer is what bds trace runs, and the graph has exactly its nodes and edges
      JsonNode trace = steps.at("/trace/answer/body");
      assertThat(steps.at("/trace/answer/status").asInt()).isEqualTo(200);
      assertThat(trace).isEqualTo(expectedCase(warehouse, plan.from(), trace));
      Graph traced = Graph.of(trace);
      assertThat(nodeIds(steps.get("trace"))).isEqualTo(traced.nodes().keySet());
      assertThat(edgeIds(steps.get("trace"))).isEqualTo(traced.edges().keySet());
      assertThat(steps.at("/trace/stats").asText()).startsWith(traced.nodes().size() + " nodes · " + traced.edges().size() + " edges · 0 hidden");
      assertThat(steps.at("/trace/timeline").asInt()).isEqualTo(trace.get("steps").size());
      assertThat(steps.at("/trace/frontier").asInt()).isEqualTo(trace.get("frontier").size());

      // the expansion: the graph grew by exactly what the further trace holds that it did not
      JsonNode expansion = steps.at("/expand/answer/body");
      assertThat(expansion).isEqualTo(expectedCase(warehouse, plan.expandOutput(), expansion));
      Graph expanded = Graph.of(trace, expansion);
      assertThat(expanded.nodes().size()).as("the expansion adds nodes").isGreaterThan(traced.nodes().size());
      assertThat(nodeIds(steps.get("expand"))).isEqualTo(expanded.nodes().keySet());
      assertThat(edgeIds(steps.get("expand"))).isEqualTo(expanded.edges().keySet());
      assertThat(texts(steps.at("/expand/added/nodes"))).hasSize(expanded.nodes().size() - traced.nodes().size());
      assertThat(texts(steps.at("/expand/added/edges"))).hasSize(expanded.edges().size() - traced.edges().size());

      // the value filter hides the flows below it and the nodes left without a flow, nothing else
      Set<String> hidden = expanded.hiddenBelow(plan.minValue());
      assertThat(hidden).as("some flows are below the value").isNotEmpty();
      assertThat(hiddenIds(steps.get("filter"))).isEqualTo(hidden);
      assertThat(hiddenIds(steps.get("filter"))).as("and some are not").hasSizeLessThan(expanded.nodes().size() + expanded.edges().size());
      assertThat(hiddenIds(steps.get("unfiltered"))).isEmpty();

      // the cluster: its addresses in the graph become one node, every edge stays (moved to it)
      Set<String> collapsedNodes = new TreeSet<>(expanded.nodes().keySet());
      collapsedNodes.removeAll(plan.clusterMembers());
      collapsedNodes.add("cluster:" + plan.cluster());
      assertThat(nodeIds(steps.get("collapse"))).isEqualTo(collapsedNodes);
      assertThat(edgeIds(steps.get("collapse"))).isEqualTo(expanded.edges().keySet());
      for (JsonNode e : steps.at("/collapse/elements/edges")) {
        JsonNode original = expanded.edges().get(e.get("id").asText());
        String source = plan.clusterMembers().contains(original.get("source").asText()) ? "cluster:" + plan.cluster() : original.get("source").asText();
        assertThat(e.get("source").asText()).as(e.get("id").asText()).isEqualTo(source);
      }
      assertThat(texts(steps.at("/collapse/legend"))).contains("tainted none", "tainted 76–100 %");

      // the note, the saved case and the reload
      assertThat(String.join("\n", texts(steps.at("/note/notes")))).contains(NOTE);
      String id = steps.at("/saved/hash").asText().substring("#/cases/".length());
      List<List<Object>> row = warehouse.query("SELECT name, document FROM main.bds_cases WHERE id = ?", id).rows();
      assertThat(row).hasSize(1);
      assertThat(row.get(0).get(0)).isEqualTo(TITLE);
      JsonNode document = JSON.readTree((String) row.get(0).get(1));
      assertThat(document.get("case")).isEqualTo(trace);
      assertThat(document.get("expansions")).containsExactly(expansion);
      assertThat(document.at("/notes/nodes/tx:" + steps.at("/note/txid").asText()).asText()).isEqualTo(NOTE);
      assertThat(document.at("/view/collapsed")).hasSize(1);
      assertThat(document.at("/view/collapsed/0").asLong()).isEqualTo(plan.cluster());
      assertThat(document.at("/view/colour").asText()).isEqualTo("taint");
      for (String step : List.of("saved", "reloaded")) {
        assertThat(nodeIds(steps.get(step))).as(step).isEqualTo(collapsedNodes);
        assertThat(edgeIds(steps.get(step))).as(step).isEqualTo(expanded.edges().keySet());
        assertThat(hiddenIds(steps.get(step))).as(step).isEmpty();
      }
      JsonNode reloaded = steps.get("reloaded");
      assertThat(reloaded.get("title").asText()).isEqualTo(TITLE);
      assertThat(reloaded.get("colour").asText()).isEqualTo("taint");
      assertThat(String.join("\n", texts(reloaded.get("notes")))).contains(NOTE);
      assertThat(texts(reloaded.get("saved"))).anyMatch(s -> s.startsWith(TITLE));

      // the exports: the case as the warehouse keeps it, and a picture of the whole graph
      JsonNode exported = JSON.readTree(Path.of(steps.at("/exported/json").asText()).toFile());
      assertThat(exported.get("case")).isEqualTo(trace);
      assertThat(exported.get("expansions")).containsExactly(expansion);
      assertThat(exported.get("notes")).isEqualTo(document.get("notes"));
      assertThat(exported.at("/view/collapsed")).isEqualTo(document.at("/view/collapsed"));
      assertThat(steps.at("/exported/jsonName").asText()).endsWith(".json");
      BufferedImage png = ImageIO.read(Path.of(steps.at("/exported/png").asText()).toFile());
      assertThat(png).as("the exported PNG").isNotNull();
      assertThat(png.getWidth()).isGreaterThan(400);
    }
    for (String name : SHOTS) {
      BufferedImage image = ImageIO.read(SCREENSHOTS.resolve(name + ".png").toFile());
      assertThat(image.getWidth()).as(name).isEqualTo(1280);
      assertThat(image.getHeight()).as(name).isEqualTo(900);
    }
    if (Boolean.getBoolean("bds.docs-screenshots")) {
      Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("screenshots");
      Files.createDirectories(docs);
      for (String name : SHOTS) {
        Files.copy(SCREENSHOTS.resolve(name + ".png"), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      }
      System.out.println("case workspace: screenshots copied to " + docs);
    }
  }

  /** A generated Litecoin chain imported, clustered and labelled through the bds command. */
  private Path makeChain() throws Exception {
    Path blocks = dir.resolve("blocks");
    Cli.Result g = Cli.run(dir.resolve("unused"), "generate", "--chain", "ltc", "--txs", "4000", "--seed", "5", "--out", blocks.toString(),
        "--txs-per-block", "30", "--hot-address-percent", "10");
    assertThat(g.exitCode()).as(g.err()).isZero();
    Path data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "ltc", "--network", "synthetic", "--blocks", blocks.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Cli.Result c = Cli.run(data, "cluster", "--chain", "ltc", "--full");
    assertThat(c.exitCode()).as(c.err()).isZero();
    String busy;
    String second;
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      List<List<Object>> top = w.query("SELECT address FROM ltc.outputs WHERE address IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2").rows();
      busy = (String) top.get(0).get(0);
      second = (String) top.get(1).get(0);
    }
    Path labels = dir.resolve("labels.yaml");
    Files.writeString(labels, "source: test list\nauthor: tester\ndate: 2026-11-20\nlabels:\n"
        + "  - chain: ltc\n    address: " + busy + "\n    category: exchange\n    name: Busy Exchange\n"
        + "  - chain: ltc\n    address: " + second + "\n    category: mixer\n    name: Second Mixer\n");
    Cli.Result l = Cli.run(data, "labels", "import", labels.toString());
    assertThat(l.exitCode()).as(l.err()).isZero();
    return data;
  }

  /**
   * A start output whose trace is small enough to read, has a frontier output to expand from that adds to the graph,
   * and meets two or more addresses of one cluster; and a value that hides some of the flows.
   */
  private static Plan plan(DuckDbWarehouse warehouse) {
    List<List<Object>> candidates = warehouse.query("SELECT o.txid || ':' || o.vout FROM ltc.outputs o WHERE o.spent_txid IS NOT NULL AND o.value > 0"
        + " AND o.address IS NOT NULL ORDER BY o.block_height, o.txid, o.vout LIMIT 400").rows();
    Investigations investigations = new Investigations(warehouse, LTC, "bitcoin");
    for (List<Object> candidate : candidates) {
      String from = (String) candidate.get(0);
      JsonNode trace = caseOf(warehouse, from);
      int steps = trace.get("steps").size();
      if (steps < 6 || steps > 25) {
        continue;
      }
      Graph traced = Graph.of(trace);
      for (JsonNode e : trace.get("frontier")) {
        if (!e.get("reason").asText().equals("hop_limit") || e.get("address").isNull() || !traced.edges().containsKey("out:" + e.get("output").asText())) {
          continue;
        }
        JsonNode further = caseOf(warehouse, e.get("output").asText());
        Graph expanded = Graph.of(trace, further);
        int added = expanded.nodes().size() - traced.nodes().size();
        if (added < 3 || expanded.nodes().size() > 90) {
          continue;
        }
        List<String> addresses = new ArrayList<>();
        expanded.nodes().forEach((id, kind) -> {
          if (kind.equals("address")) {
            addresses.add(id.substring("addr:".length()));
          }
        });
        Map<Long, Set<String>> byCluster = new TreeMap<>();
        investigations.clusters(addresses).byAddress().forEach((a, m) -> byCluster.computeIfAbsent(m.id(), k -> new TreeSet<>()).add("addr:" + a));
        Optional<Map.Entry<Long, Set<String>>> cluster = byCluster.entrySet().stream().filter(x -> x.getValue().size() >= 2).findFirst();
        if (cluster.isEmpty()) {
          continue;
        }
        List<BigInteger> values = new ArrayList<>();
        expanded.edges().values().forEach(x -> values.add(new BigInteger(x.get("value").asText())));
        values.sort(null);
        return new Plan(from, e.get("output").asText(), cluster.get().getKey(), cluster.get().getValue(), values.get(values.size() / 2));
      }
    }
    throw new AssertionError("no start output of the generated chain makes a readable case with a cluster in it");
  }

  /** The case file of the workspace's trace from {@code from}, as {@code bds trace} makes it. */
  private static JsonNode caseOf(DuckDbWarehouse warehouse, String from) {
    Investigations i = new Investigations(warehouse, LTC, "bitcoin");
    try {
      return JSON.readTree(i.caseFile(i.trace(parameters(from)), Software.VERSION, Instant.EPOCH));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The case file {@code bds trace} makes from {@code from}, stamped with the same time as {@code answer}. */
  private static JsonNode expectedCase(DuckDbWarehouse warehouse, String from, JsonNode answer) throws Exception {
    Investigations i = new Investigations(warehouse, LTC, "bitcoin");
    return JSON.readTree(i.caseFile(i.trace(parameters(from)), Software.VERSION, Instant.parse(answer.get("created_at").asText())));
  }

  private static Investigations.TraceParameters parameters(String from) {
    return new Investigations.TraceParameters(from, Direction.FORWARD, TaintModel.HAIRCUT, HOPS, 0, Optional.empty(), Optional.empty(), Map.of(),
        List.of("exchange"), 10_000);
  }

  /** Serves the warehouse on a free port while case-workspace.mjs works the case; returns its verdict, also kept as a file. */
  private JsonNode browse(TestingChromium chromium, DuckDbWarehouse warehouse, Plan plan) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    try (DirectoryStream<Path> old = Files.newDirectoryStream(SCREENSHOTS)) {
      for (Path file : old) {
        Files.delete(file);
      }
    }
    JsonNode verdict;
    try (ApiServer server = new ApiServer(ServerConfig.fromSettings(Map.of("server.port", "0", "server.access-log", "false")), ApiKeys.load(dir),
        warehouse, ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(), System.err)) {
      int port = server.start();
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("base", "http://127.0.0.1:" + port + "/");
      config.put("screenshots", SCREENSHOTS.toAbsolutePath().toString());
      config.put("chromium", TestingChromium.CHROMIUM.toString());
      config.put("chain", LTC.value());
      config.put("from", plan.from());
      config.put("hops", HOPS);
      config.put("taint", "haircut");
      config.put("stopAtLabels", List.of("exchange"));
      config.put("expandOutput", plan.expandOutput());
      config.put("minValue", plan.minValue().toString());
      config.put("cluster", plan.cluster());
      config.put("note", NOTE);
      config.put("title", TITLE);
      verdict = chromium.run(SCRIPT, 300, JSON.writeValueAsString(config));
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(SCREENSHOTS.resolve("verdict.json").toFile(), verdict);
    return verdict;
  }

  private static Set<String> nodeIds(JsonNode step) {
    Set<String> out = new TreeSet<>();
    step.at("/elements/nodes").forEach(n -> out.add(n.get("id").asText()));
    return out;
  }

  private static Set<String> edgeIds(JsonNode step) {
    Set<String> out = new TreeSet<>();
    step.at("/elements/edges").forEach(n -> out.add(n.get("id").asText()));
    return out;
  }

  private static Set<String> hiddenIds(JsonNode step) {
    Set<String> out = new TreeSet<>();
    step.at("/elements/nodes").forEach(n -> {
      if (n.get("hidden").asBoolean()) {
        out.add(n.get("id").asText());
      }
    });
    step.at("/elements/edges").forEach(n -> {
      if (n.get("hidden").asBoolean()) {
        out.add(n.get("id").asText());
      }
    });
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
