package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * {@code bds verify} against a real {@code litecoind -regtest}: a faithful import of the node's block files passes
 * every check; a segment imported without its past fails the fee and unspent-set checks, saying why; a node that moved
 * on fails only the unspent-set checks, asking to sync; a doctored warehouse fails the check that covers the damage,
 * naming the height.
 */
class LitecoindVerifyIT {
  private static final int CHECKS = 1 + 21 + 2 + 4;

  @TempDir Path dir;

  @Test
  void verifyReconcilesTheWarehouseWithTheNode() throws Exception {
    if (!Files.isExecutable(TestingLitecoind.BINARY)) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    Path nodeDir = dir.resolve("node");
    String miner;
    Path blocks;
    try (TestingLitecoind node = new TestingLitecoind(nodeDir)) {
      miner = RegtestPayments.make(node, 20261124);
      blocks = node.blocksDirectory();
    }
    Path data = dir.resolve("data");
    Cli.Result imported = Cli.run(data, "import", "--chain", "ltc", "--network", "regtest", "--blocks", blocks.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();

    try (TestingLitecoind node = new TestingLitecoind(nodeDir)) {
      long tip = node.call("getblockcount").asLong();
      faithfulImportPasses(node, data, tip);
      segmentWithUnknownFees(node, tip);
      nodeAheadAsksToSync(node, data, tip, miner);
      doctoredRowsAreNamed(node, data);
    }
  }

  private static void faithfulImportPasses(TestingLitecoind node, Path data, long tip) throws Exception {
    Cli.Result r = Cli.run(data, "verify", "--chain", "ltc", "--rpc", node.url());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("check").contains("| scope", "| checked", "| mismatches", "| result", "| detail");
    assertThat(lines.subList(2, lines.size() - 1)).hasSize(CHECKS).allSatisfy(l -> assertThat(l).contains("| PASS   |"));
    assertThat(lines.get(lines.size() - 1)).isEqualTo("verify: " + CHECKS + " checks passed");
    assertThat(r.err()).contains("verify: getblockstats " + tip + "/" + tip);

    Map<String, JsonNode> checks = json(Cli.run(data, "verify", "--chain", "ltc", "--rpc", node.url(), "--format", "json"), 0);
    assertThat(checks).hasSize(CHECKS);
    assertThat(checks.get("getblockstats.totalfee").get("scope").asText()).isEqualTo("blocks 1.." + tip);
    assertThat(checks.get("rows.heights").get("scope").asText()).isEqualTo("blocks 0.." + tip);
    assertThat(checks.get("gettxoutsetinfo.total_amount").get("scope").asText()).isEqualTo("tip " + tip);
  }

  /** The node moves on: only the unspent set, which the node has for its tip alone, cannot be compared. */
  private static void nodeAheadAsksToSync(TestingLitecoind node, Path data, long tip, String miner) throws Exception {
    node.call("generatetoaddress", 2, miner);
    Map<String, JsonNode> checks = json(Cli.run(data, "verify", "--chain", "ltc", "--rpc", node.url(), "--format", "json"), 1);
    for (String name : List.of("gettxoutsetinfo.txouts", "gettxoutsetinfo.total_amount")) {
      assertThat(checks.get(name).get("passed").asBoolean()).isFalse();
      assertThat(checks.get(name).get("detail").asText())
          .isEqualTo("warehouse at " + tip + ", node at " + (tip + 2) + ": sync to the node's tip first");
    }
    assertThat(checks.values()).filteredOn(c -> c.get("passed").asBoolean()).hasSize(CHECKS - 2);
    assertThat(checks.get("tip.hash").get("detail").asText()).contains("node tip " + (tip + 2));
  }

  /** A doctored warehouse fails the check that covers the damage, naming the height; the node is ahead by now. */
  private static void doctoredRowsAreNamed(TestingLitecoind node, Path data) throws Exception {
    long[] damaged = heightsWithPayments(data);
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      w.execute("UPDATE ltc.blocks SET fee = fee + 1 WHERE height = " + damaged[0]);
      w.execute(
          "DELETE FROM ltc.tx_outputs WHERE block_height = " + damaged[1] + " AND vout = 0 AND tx_id ="
              + " (SELECT MAX(tx_id) FROM ltc.transactions WHERE block_height = " + damaged[1] + ")");
      w.execute("INSERT INTO ltc.transactions SELECT * FROM ltc.transactions WHERE block_height = " + damaged[2] + " AND position = 1");
    }
    Cli.Result r = Cli.run(data, "verify", "--chain", "ltc", "--rpc", node.url());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow()).matches("verify: \\d+ of " + CHECKS + " checks FAILED");
    Map<String, JsonNode> checks = json(Cli.run(data, "verify", "--chain", "ltc", "--rpc", node.url(), "--format", "json"), 1);
    assertFails(checks, "getblockstats.totalfee", "height " + damaged[0] + ": node ");
    // the subsidy is checked against the profile's schedule, which a doctored fee does not touch
    assertThat(checks.get("getblockstats.subsidy").get("passed").asBoolean()).isTrue();
    assertFails(checks, "rows.tx_outputs", "height " + damaged[1] + ": blocks.output_count ");
    assertFails(checks, "rows.transactions", "height " + damaged[2] + ": blocks.tx_count ");
    assertThat(checks.get("rows.transactions").get("detail").asText()).contains("distinct tx_id");
    assertFails(checks, "getblockstats.total_size", "height " + damaged[2] + ": node ");
    assertThat(checks.get("rows.tx_inputs").get("passed").asBoolean()).isTrue();
    assertThat(checks.get("rows.heights").get("passed").asBoolean()).isTrue();
    assertThat(checks.get("getblockstats.txs").get("passed").asBoolean()).isTrue();
    assertThat(checks.get("getblockstats.blockhash").get("passed").asBoolean()).isTrue();

    // below the damage, the same warehouse checks out
    checks = json(Cli.run(data, "verify", "--chain", "ltc", "--rpc", node.url(), "--format", "json", "--to", String.valueOf(damaged[0] - 1)), 1);
    assertThat(checks.values())
        .filteredOn(c -> !c.get("passed").asBoolean())
        .extracting(c -> c.get("name").asText())
        .containsExactlyInAnyOrder("gettxoutsetinfo.txouts", "gettxoutsetinfo.total_amount");
    assertThat(checks.get("rows.tx_outputs").get("scope").asText()).isEqualTo("blocks 0.." + (damaged[0] - 1));

    // a doubled input row, and a lost block row whose transactions, inputs and outputs remain
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      w.execute("INSERT INTO ltc.tx_inputs SELECT * FROM ltc.tx_inputs WHERE block_height = " + damaged[3] + " AND NOT is_coinbase LIMIT 1");
      w.execute("DELETE FROM ltc.blocks WHERE height = " + damaged[4]);
    }
    checks = json(Cli.run(data, "verify", "--chain", "ltc", "--rpc", node.url(), "--format", "json"), 1);
    JsonNode inputs = checks.get("rows.tx_inputs");
    assertThat(inputs.get("mismatches").asLong()).isEqualTo(2);
    assertThat(inputs.get("detail").asText())
        .startsWith("height " + damaged[3] + ": blocks.input_count ")
        .contains(" non-coinbase tx_inputs rows, 1 repeated (tx_id, vin) (first of 2)");
    assertFails(checks, "rows.heights", "height " + damaged[4] + ": no blocks row (1 missing, 0 doubled)");
    // the orphaned rows fail their height too
    assertThat(checks.get("rows.tx_outputs").get("mismatches").asLong()).isEqualTo(2);
    assertThat(checks.get("rows.transactions").get("mismatches").asLong()).isEqualTo(2);
    assertThat(checks.get("getblockstats.outs").get("detail").asText())
        .startsWith("height " + damaged[4] + ": node ")
        .contains("the warehouse has no block there");
  }

  /**
   * A segment of the chain, imported without the blocks before it: every spend of an older output has an unknown
   * value, so the fee figures of those blocks cannot be compared, nor can the unspent set.
   */
  private void segmentWithUnknownFees(TestingLitecoind node, long tip) throws Exception {
    long start = 120;
    byte[] magic;
    try (InputStream in = Files.newInputStream(node.blocksDirectory().resolve("blk00000.dat"))) {
      magic = in.readNBytes(4);
    }
    List<byte[]> records = new ArrayList<>();
    for (long h = start; h <= tip; h++) {
      byte[] block = HexFormat.of().parseHex(node.call("getblock", node.call("getblockhash", h).asText(), 0).asText());
      ByteBuffer record = ByteBuffer.allocate(8 + block.length).order(ByteOrder.LITTLE_ENDIAN);
      records.add(record.put(magic).putInt(block.length).put(block).array());
    }
    Path segment = dir.resolve("segment");
    Files.createDirectories(segment);
    BlockRecords.write(segment.resolve("blk00000.dat"), records);
    Path data = dir.resolve("segment-data");
    Cli.Result imported =
        Cli.run(data, "import", "--chain", "ltc", "--network", "regtest", "--blocks", segment.toString(), "--start-height", String.valueOf(start));
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    long firstUnknown;
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      firstUnknown = (Long) w.query("SELECT MIN(height) FROM ltc.blocks WHERE fee IS NULL").rows().get(0).get(0);
    }

    Map<String, JsonNode> checks = json(Cli.run(data, "verify", "--chain", "ltc", "--rpc", node.url(), "--format", "json"), 1);
    // the subsidy comes from the profile's schedule, not from fees: known for a segment too
    assertThat(checks.get("getblockstats.subsidy").get("passed").asBoolean()).isTrue();
    for (String fee : List.of("totalfee", "minfee", "maxfee", "avgfee", "avgfeerate", "minfeerate", "maxfeerate")) {
      JsonNode c = checks.get("getblockstats." + fee);
      assertThat(c.get("passed").asBoolean()).as(fee).isFalse();
      assertThat(c.get("scope").asText()).isEqualTo("blocks " + start + ".." + tip);
      assertThat(c.get("detail").asText())
          .as(fee)
          .startsWith("height " + firstUnknown + ": node ")
          .contains("warehouse unknown (a fee is NULL: the block spends outputs the warehouse does not hold)");
    }
    for (String name : List.of("gettxoutsetinfo.txouts", "gettxoutsetinfo.total_amount")) {
      assertThat(checks.get(name).get("detail").asText()).startsWith("the warehouse starts at height " + start + ":");
    }
    assertThat(checks.values())
        .filteredOn(c -> c.get("passed").asBoolean())
        .extracting(c -> c.get("name").asText())
        .contains("tip.hash", "getblockstats.blockhash", "getblockstats.total_size", "getblockstats.outs", "rows.transactions",
            "rows.tx_inputs", "rows.tx_outputs", "rows.heights")
        .hasSize(CHECKS - 9);
  }

  private static void assertFails(Map<String, JsonNode> checks, String name, String detailStart) {
    JsonNode c = checks.get(name);
    assertThat(c.get("passed").asBoolean()).as(name).isFalse();
    assertThat(c.get("mismatches").asLong()).as(name).isEqualTo(1);
    assertThat(c.get("detail").asText()).as(name).startsWith(detailStart);
  }

  /** Five heights, in increasing order, whose blocks hold payments besides the coinbase. */
  private static long[] heightsWithPayments(Path data) {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      List<List<Object>> rows = w.query("SELECT height FROM ltc.blocks WHERE tx_count > 1 ORDER BY height LIMIT 5").rows();
      assertThat(rows).hasSize(5);
      return rows.stream().mapToLong(row -> (Long) row.get(0)).toArray();
    }
  }

  /** The checks of a {@code --format json} run, by name, after asserting its exit code. */
  private static Map<String, JsonNode> json(Cli.Result r, int exitCode) throws Exception {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exitCode);
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertThat(report.get("passed").asBoolean()).isEqualTo(exitCode == 0);
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode c : report.get("checks")) {
      byName.put(c.get("name").asText(), c);
    }
    return byName;
  }
}
