package org.openbds.forensics.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.ChainId;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.BlockImporter;
import org.openbds.core.ImportConfig;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.forensics.evidence.CaseFile;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.forensics.trace.Trace;
import org.openbds.forensics.trace.TraceRequest;
import org.openbds.forensics.trace.Tracer;

/**
 * The flow graph read from a warehouse (a generated chain imported by the real importer) against the warehouse's
 * whole-chain views, and traces over it that balance exactly.
 */
class UtxoWarehouseFlowGraphTest {
  static final ChainId CHAIN = new ChainId("btc");
  @TempDir static Path dir;
  static DuckDbWarehouse warehouse;

  @BeforeAll
  static void importChain() {
    ChainProfile profile = ChainProfiles.load("btc");
    Path blocks = dir.resolve("blocks");
    new SyntheticChainGenerator(GeneratorConfig.defaults(profile, blocks).withSeed(4).withTargetTransactions(3_000).withAverageTransactionsPerBlock(15))
        .generate();
    warehouse = DuckDbWarehouse.open(dir.resolve("data"));
    try (BlockFileSource source = BlockFileSource.open(blocks, profile.network(ChainProfiles.SYNTHETIC), OptionalLong.empty())) {
      new BlockImporter<>(warehouse, CHAIN, ChainProfiles.SYNTHETIC, new BitcoinSplitter(profile, profile.network(ChainProfiles.SYNTHETIC), false),
          ImportConfig.defaults(), p -> {}).run(source);
    }
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  @Test
  void transactionsSpendersAndPaymentsAreTheViewsOwn() {
    UtxoWarehouseFlowGraph graph = new UtxoWarehouseFlowGraph(warehouse, CHAIN);
    List<List<Object>> sample = warehouse.query("SELECT txid, block_height, position, is_coinbase FROM btc.transactions ORDER BY hash(txid) LIMIT 150").rows();
    for (List<Object> row : sample) {
      String txid = (String) row.get(0);
      FlowTransaction tx = graph.transaction(txid).orElseThrow();
      assertThat(tx.blockHeight()).isEqualTo(((Number) row.get(1)).longValue());
      assertThat(tx.position()).isEqualTo(((Number) row.get(2)).intValue());
      assertThat(tx.isCoinbase()).isEqualTo(row.get(3));
      assertThat(tx.blockHash()).isEqualTo(warehouse.query("SELECT hash FROM btc.blocks WHERE height = ?", row.get(1)).rows().get(0).get(0));
      List<List<Object>> ins = warehouse.query(
          "SELECT spent_txid, spent_vout, value, address FROM btc.inputs WHERE txid = ? AND NOT is_coinbase ORDER BY vin", txid).rows();
      assertThat(tx.inputs()).hasSize(ins.size());
      for (int i = 0; i < ins.size(); i++) {
        FlowTransaction.Input in = tx.inputs().get(i);
        assertThat(in.spent()).isEqualTo(new Outpoint((String) ins.get(i).get(0), ((Number) ins.get(i).get(1)).intValue()));
        assertThat(in.value()).isEqualTo(((Number) ins.get(i).get(2)).longValue());
        assertThat(in.address()).isEqualTo(Optional.ofNullable((String) ins.get(i).get(3)));
      }
      List<List<Object>> outs = warehouse.query("SELECT vout, value, address, spent_txid FROM btc.outputs WHERE txid = ? ORDER BY vout", txid).rows();
      assertThat(tx.outputs()).hasSize(outs.size());
      for (int o = 0; o < outs.size(); o++) {
        FlowTransaction.Output out = tx.outputs().get(o);
        assertThat(out.value()).isEqualTo(((Number) outs.get(o).get(1)).longValue());
        assertThat(out.address()).isEqualTo(Optional.ofNullable((String) outs.get(o).get(2)));
        assertThat(graph.spender(tx.outpoint(o))).isEqualTo(Optional.ofNullable((String) outs.get(o).get(3)));
      }
    }
    String address = (String) warehouse.query("SELECT address FROM btc.outputs WHERE address IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").rows().get(0).get(0);
    List<Outpoint> expected = new ArrayList<>();
    for (List<Object> r : warehouse.query("SELECT txid, vout FROM btc.outputs WHERE address = ? ORDER BY block_height, txid, vout", address).rows()) {
      expected.add(new Outpoint((String) r.get(0), ((Number) r.get(1)).intValue()));
    }
    assertThat(graph.outputsPaying(address)).containsExactlyInAnyOrderElementsOf(expected).hasSizeGreaterThan(1);
    assertThat(graph.transaction("00".repeat(32))).isEmpty();
  }

  @Test
  void tracesOverTheWarehouseBalanceExactlyAndWriteACaseFile() throws Exception {
    UtxoWarehouseFlowGraph graph = new UtxoWarehouseFlowGraph(warehouse, CHAIN);
    // an early coinbase output that was spent, and a late output, both taken from the views
    List<Object> early = warehouse.query(
        "SELECT txid, vout, value FROM btc.outputs WHERE spent_txid IS NOT NULL AND block_height BETWEEN 100 AND 120 AND value > 0 ORDER BY block_height, txid, vout LIMIT 1").rows().get(0);
    Outpoint from = new Outpoint((String) early.get(0), ((Number) early.get(1)).intValue());
    long value = ((Number) early.get(2)).longValue();
    for (TaintModel model : List.of(TaintModel.HAIRCUT, TaintModel.FIFO, TaintModel.POISON)) {
      Trace t = new Tracer(graph).trace(TraceRequest.of(List.of(from), Direction.FORWARD, model, 6));
      assertThat(t.steps()).as(model.name()).isNotEmpty();
      assertThat(t.started()).isEqualTo(Rational.of(value));
      if (model != TaintModel.POISON) {
        assertThat(t.frontierAmount().plus(t.fees())).as(model.name()).isEqualTo(Rational.of(value));
      } else {
        assertThat(t.frontierAmount().plus(t.fees()).compareTo(Rational.of(value))).isGreaterThanOrEqualTo(0);
      }
      // the steps come in chain order and each hop is at most the bound
      for (int i = 1; i < t.steps().size(); i++) {
        FlowTransaction a = t.steps().get(i - 1).transaction();
        FlowTransaction b = t.steps().get(i).transaction();
        assertThat(a.blockHeight() < b.blockHeight() || (a.blockHeight() == b.blockHeight() && a.position() < b.position())).isTrue();
      }
      assertThat(t.steps()).allSatisfy(s -> assertThat(s.hop()).isBetween(1, 6));
    }
    List<Object> late = warehouse.query(
        "SELECT o.txid, o.vout, o.value FROM btc.outputs o JOIN btc.transactions t ON t.txid = o.txid WHERE NOT t.is_coinbase AND o.value > 0"
            + " ORDER BY o.block_height DESC, o.txid LIMIT 1").rows().get(0);
    Outpoint to = new Outpoint((String) late.get(0), ((Number) late.get(1)).intValue());
    Trace back = new Tracer(graph).trace(TraceRequest.of(List.of(to), Direction.BACKWARD, TaintModel.HAIRCUT, 8));
    assertThat(back.frontierAmount()).isEqualTo(Rational.of(((Number) late.get(2)).longValue()));
    assertThat(back.frontier()).extracting(Trace.Edge::reason).containsAnyOf(Trace.Reason.MINED, Trace.Reason.HOP_LIMIT);

    Trace fifo = new Tracer(graph).trace(TraceRequest.of(List.of(from), Direction.FORWARD, TaintModel.FIFO, 3));
    String json = CaseFile.json(fifo, new CaseFile.Context("btc", "synthetic", 10, "ab".repeat(32), "OpenBDS test", Instant.parse("2026-11-24T00:00:00Z")),
        from.toString(), java.util.Map.of());
    JsonNode c = new ObjectMapper().readTree(json);
    assertThat(c.path("format").asText()).isEqualTo("openbds-case/1");
    assertThat(c.path("request").path("taint_model").asText()).isEqualTo("fifo");
    assertThat(c.path("request").path("start").get(0).asText()).isEqualTo(from.toString());
    assertThat(c.path("summary").path("balances").asBoolean()).isTrue();
    assertThat(c.path("summary").path("started").asText()).isEqualTo(Long.toString(value));
    assertThat(c.path("steps")).hasSize(fifo.steps().size());
    assertThat(c.path("steps").get(0).path("block_hash").asText()).hasSize(64);
    assertThat(c.path("frontier")).hasSize(fifo.frontier().size());
    // the same request on the same chain writes the same file
    assertThat(CaseFile.json(new Tracer(new UtxoWarehouseFlowGraph(warehouse, CHAIN)).trace(TraceRequest.of(List.of(from), Direction.FORWARD,
        TaintModel.FIFO, 3)), new CaseFile.Context("btc", "synthetic", 10, "ab".repeat(32), "OpenBDS test", Instant.parse("2026-11-24T00:00:00Z")),
        from.toString(), java.util.Map.of())).isEqualTo(json);
  }

  @Test
  void aStartTheWarehouseDoesNotHoldIsNamed() {
    Tracer tracer = new Tracer(new UtxoWarehouseFlowGraph(warehouse, CHAIN));
    assertThatThrownBy(() -> tracer.trace(TraceRequest.of(List.of(new Outpoint("00".repeat(32), 0)), Direction.FORWARD, TaintModel.FIFO, 2)))
        .hasMessageContaining("no transaction " + "00".repeat(32));
  }

  @Test
  void aTransactionSpendingAnOutputFromBeforeASegmentIsRefusedByName() throws Exception {
    // the chain from height 100 on, imported without the blocks before it
    ChainProfile profile = ChainProfiles.load("btc");
    org.openbds.bitcoin.profile.NetworkParameters network = profile.network(ChainProfiles.SYNTHETIC);
    Path segment = dir.resolve("segment");
    java.nio.file.Files.createDirectories(segment);
    try (BlockFileSource whole = BlockFileSource.open(dir.resolve("blocks"), network, OptionalLong.empty());
        java.io.OutputStream out = java.nio.file.Files.newOutputStream(segment.resolve("blk00000.dat"))) {
      java.util.Iterator<org.openbds.api.SourceBlock> blocks = whole.blocksAfter(Optional.empty());
      while (blocks.hasNext()) {
        org.openbds.api.SourceBlock b = blocks.next();
        if (b.height() >= 100) {
          out.write(network.diskMagicBytes());
          out.write(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(b.payload().length).array());
          out.write(b.payload());
        }
      }
    }
    try (DuckDbWarehouse part = DuckDbWarehouse.open(dir.resolve("segment-data"));
        BlockFileSource source = BlockFileSource.open(segment, network, OptionalLong.of(100))) {
      new BlockImporter<>(part, CHAIN, ChainProfiles.SYNTHETIC, new BitcoinSplitter(profile, network, false), ImportConfig.defaults(), p -> {}).run(source);
      List<Object> spend = part.query("SELECT t.txid, i.vin, i.spent_txid_unresolved, i.spent_vout FROM btc.tx_inputs i JOIN btc.transactions t USING (tx_id)"
          + " WHERE i.spent_tx_id IS NULL AND NOT i.is_coinbase ORDER BY i.tx_id, i.vin LIMIT 1").rows().get(0);
      assertThatThrownBy(() -> new UtxoWarehouseFlowGraph(part, CHAIN).transaction((String) spend.get(0)))
          .isInstanceOf(org.openbds.api.BdsException.class)
          .hasMessageContaining("input " + spend.get(1) + " of transaction " + spend.get(0) + " spends " + spend.get(2) + ":" + spend.get(3)
              + ", which this warehouse does not hold");
    }
  }
}
