package org.openbds.forensics.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.forensics.evidence.CaseFiles.text;
import static org.openbds.forensics.flow.InMemoryFlowGraph.out;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openbds.forensics.flow.FlowTransaction;
import org.openbds.forensics.flow.InMemoryFlowGraph;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.forensics.trace.Trace;
import org.openbds.forensics.trace.TraceRequest;
import org.openbds.forensics.trace.Tracer;

/**
 * Case files the tracer writes, read back by the report: on random graphs, for every model and both directions, every
 * step is shown and every piece of arithmetic the report redoes by hand agrees with what the tracer computed.
 */
class EvidenceReportRoundTripTest {
  private static final CaseFile.Context CONTEXT =
      new CaseFile.Context("ltc", "regtest", 500, "00".repeat(32), "OpenBDS test", Instant.parse("2026-11-20T10:00:00Z"));

  @Test
  void theReportAgreesWithEveryTraceTheTracerWrites() {
    int steps = 0;
    int checks = 0;
    for (int seed = 0; seed < 25; seed++) {
      Random random = new Random(seed);
      Graph g = graph(seed, random);
      for (TaintModel model : TaintModel.values()) {
        for (Direction direction : Direction.values()) {
          Outpoint from = g.outputs.get(random.nextInt(g.outputs.size()));
          Trace trace = new Tracer(g.graph).trace(new TraceRequest(List.of(from), direction, model, 1 + random.nextInt(6),
              random.nextInt(4) == 0 ? 1000 : 0, Optional.empty(), Optional.empty(), Map.of(), 1 + random.nextInt(40)));
          String json = CaseFile.json(trace, CONTEXT, from.toString(), Map.of());
          EvidenceReport report = EvidenceReport.read(json.getBytes(StandardCharsets.UTF_8));
          String text = text(report.html());
          String what = "seed " + seed + ", " + model + " " + direction;
          assertThat(report.disagreements()).as(what).isZero();
          assertThat(text).as(what).doesNotContain("DOES NOT AGREE").doesNotContain("cannot be redone");
          for (Trace.Step s : trace.steps()) {
            FlowTransaction tx = s.transaction();
            assertThat(text).as(what).contains("Hop " + s.hop() + " · transaction " + tx.txid() + " block height " + tx.blockHeight() + " block hash "
                + tx.blockHash());
            if (!tx.inputs().isEmpty()) {
              assertThat(text).as(what).contains("✓ fee = " + tx.inputValue() + " − " + (tx.inputValue() - tx.fee()) + " = " + tx.fee());
            }
          }
          steps += trace.steps().size();
          checks += text.split("✓", -1).length - 1;
        }
      }
    }
    // the random graphs give traces of some length, and the report checks them
    assertThat(steps).isGreaterThan(300);
    assertThat(checks).isGreaterThan(steps * 3);
  }

  private record Graph(InMemoryFlowGraph graph, List<Outpoint> outputs) {}

  /** Some coinbases, then transactions spending one to three unspent outputs into one to three outputs, with fees. */
  private static Graph graph(int seed, Random random) {
    InMemoryFlowGraph g = new InMemoryFlowGraph();
    List<Outpoint> unspent = new ArrayList<>();
    Map<Outpoint, Long> values = new HashMap<>();
    for (int m = 0; m < 4; m++) {
      // txids are hex, as a case file's must be
      String name = String.format("a%03x%03x", seed, m);
      long v = 1L + random.nextInt(1_000_000);
      g.add(name, List.of(), List.of(Map.entry("miner" + m, v)));
      unspent.add(out(name, 0));
      values.put(out(name, 0), v);
    }
    for (int t = 0; t < 60 && !unspent.isEmpty(); t++) {
      List<Outpoint> spends = new ArrayList<>();
      int n = 1 + random.nextInt(Math.min(3, unspent.size()));
      long total = 0;
      for (int i = 0; i < n; i++) {
        Outpoint o = unspent.remove(random.nextInt(unspent.size()));
        spends.add(o);
        total += values.get(o);
      }
      long fee = Math.min(total, random.nextInt(50));
      long left = total - fee;
      int k = 1 + random.nextInt(3);
      List<Map.Entry<String, Long>> outs = new ArrayList<>();
      for (int o = 0; o < k; o++) {
        long v = o == k - 1 ? left : random.nextLong(left + 1);
        left -= v;
        outs.add(Map.entry("addr" + random.nextInt(20), v));
      }
      String name = String.format("b%03x%03x", seed, t);
      g.add(name, spends, outs);
      for (int o = 0; o < k; o++) {
        unspent.add(out(name, o));
        values.put(out(name, o), outs.get(o).getValue());
      }
    }
    List<Outpoint> all = new ArrayList<>(values.keySet());
    all.sort(null);
    return new Graph(g, all);
  }
}
