package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/** {@code bds cluster} and {@code bds trace} on a generated chain: results that agree with SQL, case files, clear errors. */
class ForensicsCommandTest {
  @TempDir static Path dir;
  static Path data;
  static String busy;

  @BeforeAll
  static void generateAndImport() {
    Path blocks = dir.resolve("blocks");
    Cli.Result g = Cli.run(dir.resolve("unused"), "generate", "--chain", "ltc", "--txs", "8000", "--seed", "5", "--out", blocks.toString(),
        "--txs-per-block", "40", "--hot-address-percent", "10");
    assertThat(g.exitCode()).as(g.err()).isZero();
    data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "ltc", "--network", "synthetic", "--blocks", blocks.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      busy = (String) w.query("SELECT address FROM ltc.outputs WHERE address IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").rows().get(0).get(0);
    }
  }

  @Test
  void clusterComputesThenUpdatesNothingThenRecomputesWithAnotherHeuristic() {
    Cli.Result first = Cli.run(data, "cluster", "--chain", "ltc", "--full");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("ltc: clusters computed for heights 0..").contains("multi-input+coinjoin-v1+change:none");
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      long members = ((Number) w.query("SELECT count(*) FROM ltc.clusters").rows().get(0).get(0)).longValue();
      assertThat(first.out()).contains(String.format("%,d addresses in clusters", members));
      assertThat(w.query("SELECT configuration FROM ltc.cluster_state").rows().get(0).get(0)).isEqualTo("multi-input+coinjoin-v1+change:none");
    }
    Cli.Result again = Cli.run(data, "cluster", "--chain", "ltc");
    assertThat(again.out()).contains("clusters already current");
    Cli.Result change = Cli.run(data, "cluster", "--chain", "ltc", "--change", "fresh-v1");
    assertThat(change.out()).contains("clusters computed").contains("change:fresh-v1");
    Cli.Result bad = Cli.run(data, "cluster", "--chain", "ltc", "--change", "guess");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("INVALID_ARGUMENT").contains("none and fresh-v1");
  }

  @Test
  void traceWritesACaseFileWhoseAmountsBalance() throws Exception {
    Path file = dir.resolve("case.json");
    Cli.Result r = Cli.run(data, "trace", "--chain", "ltc", "--from", busy, "--hops", "4", "--taint", "fifo", "--out", file.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("forward trace (fifo) from " + busy).contains("case file written to " + file);
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      List<Object> made = w.query("SELECT index_name FROM duckdb_indexes() WHERE schema_name = 'ltc' ORDER BY 1").rows().stream().map(x -> x.get(0)).toList();
      assertThat(made).as("the lookup indexes a trace reads through").contains("bds_lookup_tx_inputs_spent_tx_id", "bds_lookup_transactions_tx_id",
          "bds_lookup_address_dictionary_address_id", "bds_lookup_tx_outputs_address_id");
    }
    JsonNode c = new ObjectMapper().readTree(Files.readString(file));
    assertThat(c.path("chain").path("id").asText()).isEqualTo("ltc");
    assertThat(c.path("request").path("hops").asInt()).isEqualTo(4);
    assertThat(c.path("summary").path("balances").asBoolean()).isTrue();
    BigInteger frontier = BigInteger.ZERO;
    for (JsonNode e : c.path("frontier")) {
      frontier = frontier.add(new BigInteger(e.path("taint").asText()));
    }
    assertThat(frontier.add(new BigInteger(c.path("summary").path("fees").asText()))).isEqualTo(new BigInteger(c.path("summary").path("started").asText()));
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      // an address starts from everything it received (less what the trace carried from one of its outputs into another)
      List<Object> received = w.query("SELECT sum(value), count(*) FROM ltc.outputs WHERE address = ?", busy).rows().get(0);
      assertThat(c.path("request").path("start")).hasSize(((Number) received.get(1)).intValue());
      assertThat(new BigInteger(c.path("summary").path("started").asText())).isPositive().isLessThanOrEqualTo((BigInteger.valueOf(((Number) received.get(0)).longValue())));
      assertThat(c.path("chain").path("tip_height").asLong()).isEqualTo(((Number) w.query("SELECT max(height) FROM ltc.blocks").rows().get(0).get(0)).longValue());
    }
    Cli.Result back = Cli.run(data, "trace", "--chain", "ltc", "--from", c.path("frontier").get(0).path("output").asText(), "--direction", "backward",
        "--taint", "haircut", "--hops", "3");
    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(back.out()).contains("backward trace (haircut)");
  }

  @Test
  void labelsImportedFromYamlStopATraceAndShowInTheCaseFile() throws Exception {
    Path file = dir.resolve("tags.yaml");
    Files.writeString(file, "source: test list\nauthor: tester\ndate: 2026-11-20\nlabels:\n  - chain: ltc\n    address: " + busy
        + "\n    category: exchange\n    name: Busy Exchange\n");
    Cli.Result imported = Cli.run(data, "labels", "import", file.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("1 labels imported");
    assertThat(Cli.run(data, "labels", "list", "--chain", "ltc").out()).contains(busy + "\texchange\tBusy Exchange\ttest list\ttester\t2026-11-20");
    String start;
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      // an early output that is not the busy address's, spent, from which funds reach the busy address within a few hops
      start = (String) w.query("SELECT o.txid || ':' || o.vout FROM ltc.outputs o WHERE o.address <> ? AND o.spent_txid IS NOT NULL"
          + " ORDER BY o.block_height, o.txid, o.vout LIMIT 1", busy).rows().get(0).get(0);
    }
    Path caseFile = dir.resolve("stop.json");
    Cli.Result r = Cli.run(data, "trace", "--chain", "ltc", "--from", start, "--hops", "6", "--stop-at-labels", "exchange", "--out", caseFile.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode c = new ObjectMapper().readTree(Files.readString(caseFile));
    boolean stopped = false;
    for (JsonNode e : c.path("frontier")) {
      if (busy.equals(e.path("address").asText())) {
        assertThat(e.path("reason").asText()).isEqualTo("stop_address");
        assertThat(e.path("note").asText()).isEqualTo("exchange: Busy Exchange (test list, tester, 2026-11-20)");
        stopped = true;
      }
    }
    assertThat(stopped).as("the trace reached the labelled address").isTrue();
    assertThat(c.path("labels").path(busy).get(0).asText()).startsWith("exchange: Busy Exchange");
    assertThat(r.out()).contains("[exchange: Busy Exchange]");
    Cli.Result badFile = Cli.run(data, "labels", "import", dir.resolve("none.yaml").toString());
    assertThat(badFile.exitCode()).isEqualTo(1);
    assertThat(badFile.err()).contains("cannot read the label file");
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", start, "--stop-at-labels", "banks").err()).contains("no label category 'banks'");
  }

  @Test
  void anAddressShowsItsBalanceLabelsAndClusterWithTheEvidence() {
    assertThat(Cli.run(data, "cluster", "--chain", "ltc", "--full").exitCode()).isZero();
    String member;
    long balance;
    long size;
    String tx;
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      // an address in a cluster, its balance by the addresses view, its cluster's size, the transaction that merged it
      List<Object> row = w.query("SELECT d.address, c.cluster_id FROM ltc.clusters c JOIN ltc.address_dictionary d USING (address_id)"
          + " WHERE c.address_id <> c.cluster_id ORDER BY c.address_id LIMIT 1").rows().get(0);
      member = (String) row.get(0);
      balance = ((Number) w.query("SELECT balance FROM ltc.addresses WHERE address = ?", member).rows().get(0).get(0)).longValue();
      size = ((Number) w.query("SELECT count(*) FROM ltc.clusters WHERE cluster_id = ?", row.get(1)).rows().get(0).get(0)).longValue();
      // every address of a cluster took part in a merge: the one that brought it in, or one that brought another in
      tx = (String) w.query("SELECT t.txid FROM ltc.cluster_merges m JOIN ltc.transactions t USING (tx_id), ltc.address_dictionary d"
          + " WHERE d.address = ? AND d.address_id IN (m.address_id, m.other_address_id) ORDER BY m.block_height, m.tx_id LIMIT 1", member)
          .rows().get(0).get(0);
    }
    Cli.Result r = Cli.run(data, "address", "--chain", "ltc", member, "--others", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains(member + " on ltc").contains(String.format("balance %,d (", balance))
        .contains(String.format(": %,d addresses (multi-input+coinjoin-v1+change:none)", size)).contains("tx " + tx + ": multi-input with ");
    Cli.Result none = Cli.run(data, "address", "--chain", "ltc", "nobody");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("no address 'nobody' on ltc");
  }

  @Test
  void aPathLeadsFromOneAddressToAnotherThroughRealSpends() throws Exception {
    String from;
    String to;
    String txid;
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      // two addresses one transaction apart: an input's address and an output's address of the same transaction
      List<Object> row = w.query("SELECT i.address, o.address, i.txid FROM ltc.inputs i JOIN ltc.outputs o ON o.txid = i.txid"
          + " WHERE i.address IS NOT NULL AND o.address IS NOT NULL AND i.address <> o.address AND o.value > 0 AND i.value > 0"
          + " ORDER BY i.block_height DESC, i.txid LIMIT 1").rows().get(0);
      from = (String) row.get(0);
      to = (String) row.get(1);
      txid = (String) row.get(2);
    }
    Cli.Result r = Cli.run(data, "path", "--chain", "ltc", from, to, "--max-hops", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("of 1 transaction(s) from " + from + " to " + to).contains("→ tx " + txid + ", block ");
    Cli.Result none = Cli.run(data, "path", "--chain", "ltc", to, "nobody");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).contains("no path from " + to + " to nobody within 6 transactions");
    assertThat(Cli.run(data, "path", "--chain", "ltc", from, to, "--max-hops", "40").err()).contains("between 1 and 20");
  }

  @Test
  void anEvidenceReportShowsEveryStepOfARealTraceWithTheChainsOwnFigures() throws Exception {
    Path file = dir.resolve("evidence-case.json");
    Cli.Result trace = Cli.run(data, "trace", "--chain", "ltc", "--from", busy, "--hops", "3", "--taint", "haircut", "--out", file.toString());
    assertThat(trace.exitCode()).as(trace.err()).isZero();
    Path html = dir.resolve("report.html");
    Cli.Result r = Cli.run(data, "evidence", file.toString(), "--out", html.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode c = new ObjectMapper().readTree(Files.readString(file));
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    assertThat(r.out()).contains(String.format("evidence report of %s (SHA-256 %s): ltc, %,d transactions", file, sha, c.path("steps").size()))
        .contains("wrote " + html);
    assertThat(r.err()).isEmpty();
    String page = Files.readString(html);
    String text = text(page);
    assertThat(text).contains("Trace from " + busy).contains("case file SHA-256 " + sha)
        .contains("warehouse tip height " + c.path("chain").path("tip_height").asLong())
        .contains("started " + c.path("summary").path("started").asText() + " (" + coins(c.path("summary").path("started").asText()) + " LTC)")
        .contains("every figure re-added from the case file agrees with it").doesNotContain("DOES NOT AGREE");
    assertThat(c.path("steps").size()).isGreaterThan(3);
    // each step in its own section, in the case file's order, with the chain's figures exactly
    String[] sections = page.split("<section class=\"hop\"", -1);
    assertThat(sections).hasSize(c.path("steps").size() + 1);
    String[] rechecks = page.split("<h3 id=\"recheck-", -1);
    assertThat(rechecks).hasSize(c.path("steps").size() + 1);
    // every transaction's block and outputs, as the warehouse holds them (read at once: there are thousands of steps)
    Map<String, List<Object>> blocks = new HashMap<>();
    Map<String, List<List<Object>>> outputsOf = new HashMap<>();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      w.query("SELECT t.txid, t.block_height, b.hash FROM ltc.transactions t JOIN ltc.blocks b ON b.height = t.block_height").rows()
          .forEach(row -> blocks.put((String) row.get(0), row.subList(1, 3)));
      w.query("SELECT txid, vout, value FROM ltc.outputs ORDER BY txid, vout").rows()
          .forEach(row -> outputsOf.computeIfAbsent((String) row.get(0), t -> new ArrayList<>()).add(row.subList(1, 3)));
    }
    for (int i = 0; i < c.path("steps").size(); i++) {
      JsonNode step = c.path("steps").get(i);
      String txid = step.path("txid").asText();
      List<Object> block = blocks.get(txid);
      String section = sections[i + 1].split("</section>", -1)[0];
      assertThat(section).startsWith(" id=\"step-" + (i + 1) + "\">");
      String hop = text(section.substring(section.indexOf('>') + 1));
      assertThat(hop).startsWith(" Hop " + step.path("hop").asInt() + " · transaction " + txid + " block height "
          + block.get(0) + " block hash " + block.get(1) + " time ");
      assertThat(hop).contains(" fee " + step.path("fee").asLong() + " (" + coins(step.path("fee").asText()) + " LTC)");
      for (JsonNode in : step.path("inputs")) {
        assertThat(hop).contains(in.path("spends").asText() + " " + address(in))
            .contains(" " + in.path("value").asLong() + " " + coins(in.path("value").asText()) + " LTC ");
      }
      List<List<Object>> outputs = outputsOf.get(txid);
      assertThat(step.path("outputs")).hasSize(outputs.size());
      for (List<Object> o : outputs) {
        String value = String.valueOf(((Number) o.get(1)).longValue());
        JsonNode out = step.path("outputs").get(((Number) o.get(0)).intValue());
        assertThat(hop).contains(" " + o.get(0) + " " + address(out)).contains(" " + value + " " + coins(value) + " LTC ");
        if (!out.path("taint").isNull()) {
          assertThat(hop).contains(" " + out.path("taint").asText() + " " + coins(out.path("taint").asText()) + " LTC");
        }
      }
      assertThat(text(rechecks[i + 1].split("</div></div>", -1)[0])).startsWith((i + 1) + "\">Hop " + step.path("hop").asInt() + " · " + txid)
          .contains("getblockhash " + block.get(0) + " → " + block.get(1)).contains("getrawtransaction " + txid + " true " + block.get(1))
          .contains("✓ fee = ").doesNotContain("✗");
    }
  }

  @Test
  void anEvidenceReportPrintsToPdfWithChromium() throws Exception {
    TestingChromium.requireBrowser("ForensicsCommandTest.anEvidenceReportPrintsToPdfWithChromium");
    String start;
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      start = (String) w.query("SELECT txid || ':' || vout FROM ltc.outputs WHERE spent_txid IS NOT NULL ORDER BY block_height, txid, vout LIMIT 1")
          .rows().get(0).get(0);
    }
    // a few dozen transactions: pages of tables and re-checks to print
    Path file = dir.resolve("pdf-case.json");
    Cli.Result trace = Cli.run(data, "trace", "--chain", "ltc", "--from", start, "--hops", "4", "--max-transactions", "30", "--out", file.toString());
    assertThat(trace.exitCode()).as(trace.err()).isZero();
    Path pdf = dir.resolve("report.pdf");
    Path html = dir.resolve("printed.html");
    Cli.Result r = Cli.run(data, "evidence", file.toString(), "--out", html.toString(), "--pdf", pdf.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("printed " + pdf);
    byte[] bytes = Files.readAllBytes(pdf);
    assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    // a report of every hop and its re-check runs to pages, not a blank sheet
    assertThat(bytes.length).isGreaterThan(30_000);
    // the PDF alone, printed from a temporary page
    Path only = dir.resolve("only.pdf");
    Cli.Result alone = Cli.run(data, "evidence", file.toString(), "--pdf", only.toString());
    assertThat(alone.exitCode()).as(alone.err()).isZero();
    assertThat(Files.readAllBytes(only)).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void evidenceRefusesWhatIsNotACaseFileAndSaysHowToGetChromium() throws Exception {
    Path file = dir.resolve("refused-case.json");
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", busy, "--hops", "1", "--out", file.toString()).exitCode()).isZero();
    Path html = dir.resolve("refused.html");
    Cli.Result nowhere = Cli.run(data, "evidence", file.toString());
    assertThat(nowhere.exitCode()).isEqualTo(1);
    assertThat(nowhere.err()).contains("INVALID_ARGUMENT").contains("--out report.html, --pdf report.pdf, or both");
    Cli.Result none = Cli.run(data, "evidence", dir.resolve("nothing.json").toString(), "--out", html.toString());
    assertThat(none.err()).contains("IO_FAILURE").contains("no case file " + dir.resolve("nothing.json"));
    Path notJson = dir.resolve("not.json");
    Files.writeString(notJson, "txid,vout\n");
    assertThat(Cli.run(data, "evidence", notJson.toString(), "--out", html.toString()).err())
        .contains("INVALID_ARGUMENT: " + notJson + ": not a case file: not JSON");
    Path garbled = dir.resolve("garbled.json");
    Files.writeString(garbled, Files.readString(file).replaceFirst("\"txid\" : \"[0-9a-f]{64}\"", "\"txid\" : \"12\""));
    assertThat(Cli.run(data, "evidence", garbled.toString(), "--out", html.toString()).err())
        .contains(garbled + ": steps[0].txid: must be a hash of 64 hex digits, not \"12\"");
    Cli.Result noChromium = Cli.run(data, "evidence", file.toString(), "--out", html.toString(), "--pdf", dir.resolve("x.pdf").toString(),
        "--chromium", dir.resolve("no-chromium").toString());
    assertThat(noChromium.exitCode()).isEqualTo(1);
    assertThat(noChromium.err()).contains("INVALID_CONFIG").contains("printing to PDF needs headless Chromium").contains("apt-get install chromium");
    assertThat(html).doesNotExist();
    assertThat(Cli.run(data, "evidence", file.toString(), "--out", dir.resolve("no-such-dir/r.html").toString()).err())
        .contains("cannot write the report to").contains("does not exist");
  }

  /** An input's or output's address as the report shows it: a dash for none. */
  private static String address(JsonNode n) {
    return n.path("address").isNull() ? "—" : n.path("address").asText();
  }

  /** Base units as coins, 8 decimals. */
  private static String coins(String units) {
    return new java.math.BigDecimal(new BigInteger(units)).movePointLeft(8).setScale(8).toPlainString();
  }

  /** What a reader of the page sees: its text, tags dropped and entities read. */
  private static String text(String html) {
    return html.replaceAll("<style>[^<]*</style>", "").replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&").replaceAll("[ \n]+", " ");
  }

  @Test
  void badRequestsAreNamed() {
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", "abc:1").err()).contains("a txid must be 64 hex digits");
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", "nobody").err()).contains("no output of ltc pays 'nobody'");
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", busy, "--taint", "lifo").err()).contains("poison, haircut and fifo");
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", busy, "--hops", "0").err()).contains("hops must be between 1 and 100");
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", busy, "--until", "yesterday").err()).contains("--until takes a date");
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", "00".repeat(32) + ":0").err()).contains("no transaction " + "00".repeat(32));
    Cli.Result eth = Cli.run(data, "trace", "--chain", "eth", "--from", busy);
    assertThat(eth.exitCode()).isEqualTo(1);
    assertThat(eth.err()).contains("the warehouse holds no eth chain");
    Cli.Result cluster = Cli.run(data, "cluster", "--chain", "eth");
    assertThat(cluster.err()).contains("eth is of the ethereum family; clustering and address profiles read Bitcoin-family chains");
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", busy, "--min-value", "-5").err()).contains("--min-value takes a whole number");
    assertThat(Cli.run(data, "trace", "--chain", "ltc", "--from", busy, "--asset", "0x" + "1".repeat(40)).err()).contains("outputs of its coin only");
  }
}
