package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
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
import org.openbds.ethereum.devnet.Abi;
import org.openbds.ethereum.devnet.AbiValue;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.forensics.Investigations;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.metrics.MetricCatalog;
import org.openbds.server.ApiKeys;
import org.openbds.server.ApiServer;
import org.openbds.server.ChainStatus;
import org.openbds.server.ServerConfig;

/**
 * The case workspace on an account chain, in a real browser over a real server: a theft scripted on a real anvil
 * (50 ether, above 2^64 wei, split through a forwarding contract's internal calls, merged, peeled to a labelled
 * exchange; and 500 tokens stolen the same way), synced by {@code bds sync}, served by {@code bds serve}'s
 * {@link ApiServer}. Headless Chromium ({@code src/test/js/case-workspace-accounts.mjs}) traces from the theft's hash
 * with the form, expands the graph from a frontier account and from a transfer, filters by value, notes a transfer,
 * saves, reloads and exports the case, and traces the tokens by their contract. Each step's graph is checked against
 * what this test works out from the API's answers (which must be what {@link Investigations} — what {@code bds trace}
 * runs — gives): the same nodes and edges, every edge's value and taint to the wei, the frontier's amounts as the page
 * prints them. No cluster is offered and none looked up; no console error, failed request or error answer is allowed.
 *
 * <p>The screenshot stays in {@code target/case-screenshots-accounts/}; with {@code -Dbds.docs-screenshots=true} it is
 * also copied to {@code docs/screenshots/case-workspace-accounts.png}.
 */
class CaseWorkspaceAccountsIT {
  private static final ChainId ETH = new ChainId("eth");
  private static final Path SCRIPT = Path.of("src/test/js/case-workspace-accounts.mjs");
  private static final Path SCREENSHOTS = Path.of("target", "case-screenshots-accounts");
  private static final String SHOT = "case-workspace-accounts";
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final int HOPS = 2;
  private static final String NOTE = "split through the forwarder";
  private static final String TITLE = "Anvil theft, accounts";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The flow graph of account case files as the workspace draws it (see bds-web/src/casegraph.ts), worked out here. */
  record Graph(Map<String, String> nodes, Map<String, JsonNode> edges) {
    static Graph of(JsonNode... cases) {
      Graph g = new Graph(new TreeMap<>(), new TreeMap<>());
      for (JsonNode c : cases) {
        for (JsonNode s : c.get("steps")) {
          String tx = "tx:" + s.get("txid").asText();
          g.nodes.putIfAbsent(tx, "tx");
          for (JsonNode t : s.get("transfers")) {
            String asset = t.get("asset").asText();
            String key = s.get("txid").asText() + ":" + t.get("index").asText() + (asset.equals("native") ? "" : ":" + asset);
            if (!t.get("from").isNull() && !g.edges.containsKey("send:" + key)) {
              g.edges.put("send:" + key, edge(g, "addr:" + t.get("from").asText(), tx, t));
            }
            if (!t.get("to").isNull() && !g.edges.containsKey("receive:" + key)) {
              g.edges.put("receive:" + key, edge(g, tx, "addr:" + t.get("to").asText(), t));
            }
          }
        }
        for (JsonNode e : c.get("frontier")) {
          g.nodes.putIfAbsent("addr:" + e.get("address").asText(), "address");
        }
      }
      return g;
    }

    private static JsonNode edge(Graph g, String source, String target, JsonNode transfer) {
      for (String n : List.of(source, target)) {
        g.nodes.putIfAbsent(n, n.startsWith("tx:") ? "tx" : "address");
      }
      return JSON.createObjectNode().put("source", source).put("target", target).put("value", transfer.get("value").asText())
          .put("taint", transfer.get("taint").asText()).put("transfer", transfer.get("kind").asText());
    }

    /** The edges below {@code min} and the nodes all of whose edges are among them. */
    Set<String> hiddenBelow(BigInteger min) {
      return DrawnGraphs.hiddenBelow(edges, min);
    }
  }

  /** What the script on anvil did that the test needs. */
  private record Theft(String theft, String split, String tokenTheft, String token, String exchange, List<String> mules) {}

  @Test
  void anInvestigatorWorksAnAccountCaseInChromium() throws Exception {
    TestingChromium chromium = TestingChromium.require("CaseWorkspaceAccountsIT");
    Optional<Path> anvil = AnvilNode.findBinary();
    if (anvil.isEmpty()) {
      System.out.println("NOTICE: anvil is not installed (./bds test installs it into .tools); skipping CaseWorkspaceAccountsIT");
    }
    assumeTrue(anvil.isPresent(), "anvil missing");
    Path data = dir.resolve("data");
    Theft theft;
    try (AnvilNode node = AnvilNode.start(anvil.get(), dir.resolve("anvil"))) {
      theft = stage(node);
      Cli.Result sync = Cli.run(data, "sync", "--chain", "eth", "--network", "dev", "--rpc", node.url(), "--exit-at-tip");
      assertThat(sync.exitCode()).as(sync.err()).isZero();
    }
    Path tags = dir.resolve("tags.yaml");
    Files.writeString(tags, "source: test script\nauthor: CaseWorkspaceAccountsIT\ndate: 2026-11-24\nlabels:\n  - {chain: eth, address: '"
        + theft.exchange() + "', category: exchange, name: Example Exchange}\n");
    Cli.Result labels = Cli.run(data, "labels", "import", tags.toString());
    assertThat(labels.exitCode()).as(labels.err()).isZero();

    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data)) {
      // the plan: expand from a mule the trace stopped at, and from the forwarder's internal payment to another
      JsonNode planned = caseOf(warehouse, theft.theft(), "native", Instant.EPOCH);
      String expandAccount = theft.mules().get(1);
      assertThat(texts(planned.get("frontier"), e -> e.get("reason").asText() + " " + e.get("address").asText())).contains("hop_limit " + expandAccount);
      String expandTransfer = null;
      for (JsonNode s : planned.get("steps")) {
        for (JsonNode t : s.get("transfers")) {
          if (s.get("txid").asText().equals(theft.split()) && t.get("kind").asText().equals("internal") && t.get("to").asText().equals(theft.mules().get(2))) {
            expandTransfer = theft.split() + ":" + t.get("index").asText();
          }
        }
      }
      assertThat(expandTransfer).as("the forwarder's internal payment to the second mule is in the trace").isNotNull();
      Graph whole = Graph.of(planned, caseOf(warehouse, expandAccount, "native", Instant.EPOCH), caseOf(warehouse, expandTransfer, "native", Instant.EPOCH));
      List<BigInteger> values = new ArrayList<>();
      whole.edges().values().forEach(x -> values.add(new BigInteger(x.get("value").asText())));
      values.sort(null);
      BigInteger minValue = values.get(values.size() / 2);

      JsonNode verdict = browse(chromium, warehouse, theft, expandAccount, expandTransfer, minValue);
      assertThat(verdict.path("failure").asText()).as("a step failed").isEmpty();
      assertThat(texts(verdict.get("consoleErrors"), JsonNode::asText)).as("console errors").isEmpty();
      assertThat(texts(verdict.get("pageErrors"), JsonNode::asText)).as("page errors").isEmpty();
      assertThat(texts(verdict.get("failedRequests"), JsonNode::asText)).as("failed requests").isEmpty();
      assertThat(texts(verdict.get("errorAnswers"), JsonNode::asText)).as("error answers").isEmpty();
      assertThat(texts(verdict.get("requests"), JsonNode::asText)).as("no cluster or address profile is asked for on an account chain")
          .noneMatch(r -> r.contains("/forensics/"));
      assertThat(verdict.get("scrollWidth").asInt()).as("no horizontal scrolling").isLessThanOrEqualTo(verdict.get("innerWidth").asInt());
      JsonNode steps = verdict.get("steps");

      // the trace: the API's answer is what bds trace runs, and the graph has exactly its nodes, edges and amounts
      assertThat(steps.at("/form/assetVisible").asBoolean()).as("the asset field on an Ethereum-family chain").isTrue();
      assertThat(steps.at("/form/placeholder").asText()).contains("tx hash");
      JsonNode trace = steps.at("/trace/answer/body");
      assertThat(steps.at("/trace/answer/status").asInt()).isEqualTo(200);
      assertThat(trace).isEqualTo(caseOf(warehouse, theft.theft(), "native", Instant.parse(trace.get("created_at").asText())));
      assertThat(trace.get("model").asText()).isEqualTo("account");
      assertThat(trace.at("/summary/balances").asBoolean()).isTrue();
      Graph traced = Graph.of(trace);
      assertDrawn(steps.get("trace"), traced);
      assertThat(traced.edges().values()).as("taint above 2^64 wei, drawn exactly")
          .anyMatch(e -> new BigInteger(e.get("taint").asText()).compareTo(BigInteger.TWO.pow(64)) > 0);
      assertThat(traced.edges().values()).as("internal transfers").anyMatch(e -> e.get("transfer").asText().equals("internal"));
      assertThat(steps.at("/trace/stats").asText()).startsWith(traced.nodes().size() + " nodes · " + traced.edges().size() + " edges · 0 hidden");
      assertThat(steps.at("/trace/timeline").asInt()).isEqualTo(trace.get("steps").size());
      assertFrontier(steps.at("/trace/frontier"), trace);
      assertThat(steps.at("/trace/clustersShown").asBoolean()).as("no clusters on an account chain").isFalse();
      assertThat(texts(steps.at("/trace/legend"), JsonNode::asText)).contains("native: a transaction's value", "internal: value a contract call moved");

      // the expansions: from an account (a forward trace from it) and from one transfer (hash:index)
      JsonNode fromAccount = steps.at("/expandAccount/answer/body");
      assertThat(steps.at("/expandAccount/button").asText()).isEqualTo("Expand from this account");
      assertThat(fromAccount).isEqualTo(caseOf(warehouse, expandAccount, "native", Instant.parse(fromAccount.get("created_at").asText())));
      Graph once = Graph.of(trace, fromAccount);
      assertThat(once.nodes().size()).as("the expansion from the account adds nodes").isGreaterThan(traced.nodes().size());
      assertDrawn(steps.get("expandAccount"), once);
      assertThat(texts(steps.at("/expandAccount/added/nodes"), JsonNode::asText)).hasSize(once.nodes().size() - traced.nodes().size());
      assertThat(texts(steps.at("/expandAccount/added/edges"), JsonNode::asText)).hasSize(once.edges().size() - traced.edges().size());
      JsonNode fromTransfer = steps.at("/expandTransfer/answer/body");
      assertThat(steps.at("/expandTransfer/button").asText()).isEqualTo("Expand from this transfer");
      assertThat(fromTransfer.at("/request/from").asText()).isEqualTo(expandTransfer);
      assertThat(fromTransfer).isEqualTo(caseOf(warehouse, expandTransfer, "native", Instant.parse(fromTransfer.get("created_at").asText())));
      Graph expanded = Graph.of(trace, fromAccount, fromTransfer);
      assertThat(expanded.nodes().size()).as("the expansion from the transfer adds nodes").isGreaterThan(once.nodes().size());
      assertDrawn(steps.get("expandTransfer"), expanded);
      assertThat(steps.at("/expandTransfer/selection").asText()).contains("internal #" + expandTransfer.substring(expandTransfer.indexOf(':') + 1));

      // the value filter hides the transfers below it on both sides of their transaction, and the nodes left without any
      Set<String> hidden = expanded.hiddenBelow(minValue);
      assertThat(hidden).as("some transfers are below the value").isNotEmpty();
      assertThat(hiddenIds(steps.get("filter"))).isEqualTo(hidden);
      assertThat(hiddenIds(steps.get("filter"))).as("and some are not").hasSizeLessThan(expanded.nodes().size() + expanded.edges().size());
      assertThat(hiddenIds(steps.get("unfiltered"))).isEmpty();

      // the note, the saved case and the reload
      String noted = steps.at("/note/edge").asText();
      assertThat(noted).startsWith("send:" + theft.split() + ":");
      assertThat(String.join("\n", texts(steps.at("/note/notes"), JsonNode::asText))).contains(NOTE);
      String id = steps.at("/saved/hash").asText().substring("#/cases/".length());
      List<List<Object>> row = warehouse.query("SELECT name, document FROM main.bds_cases WHERE id = ?", id).rows();
      assertThat(row).hasSize(1);
      assertThat(row.get(0).get(0)).isEqualTo(TITLE);
      JsonNode document = JSON.readTree((String) row.get(0).get(1));
      assertThat(document.get("case")).isEqualTo(trace);
      assertThat(document.get("expansions")).containsExactly(fromAccount, fromTransfer);
      assertThat(document.at("/notes/edges").get(noted).asText()).isEqualTo(NOTE);
      assertThat(document.at("/view/collapsed")).isEmpty();
      assertThat(document.at("/view/colour").asText()).isEqualTo("taint");
      for (String step : List.of("saved", "reloaded")) {
        assertDrawn(steps.get(step), expanded);
        assertThat(hiddenIds(steps.get(step))).as(step).isEmpty();
      }
      JsonNode reloaded = steps.get("reloaded");
      assertThat(reloaded.get("title").asText()).isEqualTo(TITLE);
      assertThat(reloaded.get("colour").asText()).isEqualTo("taint");
      assertThat(reloaded.get("asset").asText()).isEqualTo("native");
      assertThat(reloaded.get("clustersShown").asBoolean()).isFalse();
      assertThat(String.join("\n", texts(reloaded.get("notes"), JsonNode::asText))).contains(NOTE);
      assertThat(texts(reloaded.get("saved"), JsonNode::asText)).anyMatch(s -> s.startsWith(TITLE));

      // the exports: the case as the warehouse keeps it, and a picture of the whole graph
      JsonNode exported = JSON.readTree(Path.of(steps.at("/exported/json").asText()).toFile());
      assertThat(exported.get("case")).isEqualTo(trace);
      assertThat(exported.get("expansions")).containsExactly(fromAccount, fromTransfer);
      assertThat(exported.get("notes")).isEqualTo(document.get("notes"));
      BufferedImage png = ImageIO.read(Path.of(steps.at("/exported/png").asText()).toFile());
      assertThat(png).as("the exported PNG").isNotNull();
      assertThat(png.getWidth()).isGreaterThan(400);

      // the tokens, traced by their contract: a token's transfers, drawn with its amounts
      JsonNode tokens = steps.at("/token/answer/body");
      assertThat(tokens.at("/request/asset").asText()).isEqualTo(theft.token());
      assertThat(tokens).isEqualTo(caseOf(warehouse, theft.tokenTheft(), theft.token(), Instant.parse(tokens.get("created_at").asText())));
      Graph tokenGraph = Graph.of(tokens);
      assertThat(tokenGraph.edges().keySet()).allMatch(e -> e.endsWith(":" + theft.token()));
      assertThat(tokenGraph.edges().values()).allMatch(e -> e.get("transfer").asText().equals("token"));
      assertDrawn(steps.get("token"), tokenGraph);
      assertFrontier(steps.at("/token/frontier"), tokens);
    }
    BufferedImage image = ImageIO.read(SCREENSHOTS.resolve(SHOT + ".png").toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(900);
    if (Boolean.getBoolean("bds.docs-screenshots")) {
      Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("screenshots");
      Files.createDirectories(docs);
      Files.copy(SCREENSHOTS.resolve(SHOT + ".png"), docs.resolve(SHOT + ".png"), StandardCopyOption.REPLACE_EXISTING);
      System.out.println("case workspace (accounts): screenshot copied to " + docs);
    }
  }

  /**
   * The theft: the victim pays 50 ether to the thief, who splits 30 through the forwarder's internal calls to three
   * mules and pays 15 to a fourth; two mules merge into the fourth, which peels to the exchange and a fifth mule, which
   * pays the exchange too. Then the victim mints 1000 tokens, of which 500 are stolen, 200 go to a mule, 300 to the
   * exchange.
   */
  private static Theft stage(AnvilNode node) {
    EvmActivity activity = EvmActivity.start(node, 7);
    String forwarder = activity.contracts().forwarder();
    String token = activity.contracts().testToken();
    String victim = node.accounts().get(1);
    String exchange = node.accounts().get(7);
    List<String> mules = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String m = String.format("0x%040x", 0xcafe000L + i);
      node.call("anvil_impersonateAccount", m);
      mules.add(m);
    }
    String thief = mules.get(0);
    String theft = send(node, victim, thief, ether(50), null);
    String split = send(node, thief, forwarder, ether(30),
        Abi.call("forward(address[],uint256)", AbiValue.addresses(List.of(mules.get(1), mules.get(2), mules.get(3))), AbiValue.uint(1)));
    send(node, thief, mules.get(4), ether(15), null);
    BigInteger sevenAndAHalf = ether(15).divide(BigInteger.TWO);
    send(node, mules.get(1), mules.get(4), sevenAndAHalf, null);
    send(node, mules.get(2), mules.get(4), sevenAndAHalf, null);
    send(node, mules.get(4), exchange, ether(10), null);
    send(node, mules.get(4), mules.get(5), ether(15), null);
    send(node, mules.get(5), exchange, ether(5), null);
    send(node, victim, token, BigInteger.ZERO, Abi.call("mint(address,uint256)", AbiValue.address(victim), AbiValue.uint(ether(1000))));
    String tokenTheft = send(node, victim, token, BigInteger.ZERO, Abi.call("transfer(address,uint256)", AbiValue.address(thief), AbiValue.uint(ether(500))));
    send(node, thief, token, BigInteger.ZERO, Abi.call("transfer(address,uint256)", AbiValue.address(mules.get(1)), AbiValue.uint(ether(200))));
    send(node, thief, token, BigInteger.ZERO, Abi.call("transfer(address,uint256)", AbiValue.address(exchange), AbiValue.uint(ether(300))));
    return new Theft(theft, split, tokenTheft, token.toLowerCase(java.util.Locale.ROOT), exchange.toLowerCase(java.util.Locale.ROOT), mules);
  }

  private static BigInteger ether(long n) {
    return ETHER.multiply(BigInteger.valueOf(n));
  }

  private static String send(AnvilNode node, String from, String to, BigInteger value, String data) {
    return AnvilTransactions.send(node, from, to, value, data);
  }

  /** The case file {@code bds trace} makes with the workspace's parameters from {@code from}, stamped {@code createdAt}. */
  private static JsonNode caseOf(DuckDbWarehouse warehouse, String from, String asset, Instant createdAt) throws java.io.IOException {
    Investigations i = new Investigations(warehouse, ETH, "ethereum");
    Investigations.TraceParameters p = new Investigations.TraceParameters(from, asset, Direction.FORWARD, TaintModel.HAIRCUT, HOPS, BigInteger.ZERO,
        Optional.empty(), Optional.empty(), Map.of(), List.of("exchange"), 10_000);
    return JSON.readTree(i.caseFile(i.trace(p), Software.VERSION, createdAt));
  }

  /** The page drew exactly the graph's nodes and edges, each edge between the same nodes with the same value and taint. */
  private static void assertDrawn(JsonNode step, Graph expected) {
    Set<String> nodes = new TreeSet<>();
    step.at("/elements/nodes").forEach(n -> nodes.add(n.get("id").asText()));
    assertThat(nodes).isEqualTo(expected.nodes().keySet());
    Map<String, JsonNode> edges = new TreeMap<>();
    step.at("/elements/edges").forEach(e -> edges.put(e.get("id").asText(),
        JSON.createObjectNode().put("source", e.get("source").asText()).put("target", e.get("target").asText()).put("value", e.get("value").asText())
            .put("taint", e.get("taint").asText()).put("transfer", e.get("transfer").asText())));
    assertThat(edges).isEqualTo(expected.edges());
  }

  /** The frontier table lists each frontier entry of the case, its value and taint printed exactly in ether (or token units). */
  private static void assertFrontier(JsonNode rows, JsonNode c) {
    List<List<String>> expected = new ArrayList<>();
    boolean nativeAsset = c.at("/request/asset").asText().equals("native");
    for (JsonNode e : c.get("frontier")) {
      List<String> labels = texts(c.at("/labels/" + e.get("address").asText()), JsonNode::asText);
      String label = labels.isEmpty() ? "" : " [" + labels.get(0).split(" \\(")[0] + "]";
      expected.add(List.of(e.get("address").asText() + label, units(e.get("value").asText(), nativeAsset), units(e.get("taint").asText(), nativeAsset),
          e.get("reason").asText() + (e.has("note") ? ": " + e.get("note").asText() : "")));
    }
    List<List<String>> shown = new ArrayList<>();
    rows.forEach(r -> shown.add(texts(r, JsonNode::asText)));
    assertThat(shown).isEqualTo(expected);
  }

  /** Base units as the page prints them: ether with up to 18 decimals (a token's units as they are), thousands grouped. */
  private static String units(String digits, boolean ether) {
    String plain = new BigDecimal(new BigInteger(digits), ether ? 18 : 0).stripTrailingZeros().toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    return whole.replaceAll("\\B(?=(\\d{3})+$)", ",") + (dot < 0 ? "" : plain.substring(dot));
  }

  /** Serves the warehouse on a free port while case-workspace-accounts.mjs works the case; returns its verdict, also kept as a file. */
  private JsonNode browse(TestingChromium chromium, DuckDbWarehouse warehouse, Theft theft, String expandAccount, String expandTransfer, BigInteger minValue)
      throws Exception {
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
      config.put("chain", ETH.value());
      config.put("from", theft.theft());
      config.put("hops", HOPS);
      config.put("taint", "haircut");
      config.put("stopAtLabels", List.of("exchange"));
      config.put("expandAccount", expandAccount);
      config.put("split", theft.split());
      config.put("expandTransfer", expandTransfer);
      config.put("minValue", minValue.toString());
      config.put("note", NOTE);
      config.put("title", TITLE);
      config.put("token", theft.token());
      config.put("tokenFrom", theft.tokenTheft());
      verdict = chromium.run(SCRIPT, 300, JSON.writeValueAsString(config));
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(SCREENSHOTS.resolve("verdict.json").toFile(), verdict);
    return verdict;
  }

  private static Set<String> hiddenIds(JsonNode step) {
    Set<String> out = new TreeSet<>();
    for (String group : List.of("/elements/nodes", "/elements/edges")) {
      step.at(group).forEach(n -> {
        if (n.get("hidden").asBoolean()) {
          out.add(n.get("id").asText());
        }
      });
    }
    return out;
  }

  private static List<String> texts(JsonNode array, java.util.function.Function<JsonNode, String> text) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(text.apply(n)));
    return out;
  }
}
