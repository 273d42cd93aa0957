package org.openbds.forensics.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openbds.forensics.flow.InMemoryFlowGraph.out;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openbds.forensics.flow.InMemoryFlowGraph;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.Taint;
import org.openbds.forensics.taint.TaintModel;

/**
 * Traces over a hand-built theft, every amount worked out by hand:
 *
 * <pre>
 * T0 (mined)   → 100 thief, 50 other
 * T1: T0:0     → 60 a, 39 b                (fee 1)
 * T2: T1:0, T0:1 → 100 exchange, 8 d        (fee 2)
 * T3: T1:1     → 39 e
 * </pre>
 */
class TracerTest {
  static final InMemoryFlowGraph THEFT = new InMemoryFlowGraph();

  static {
    THEFT.add("t0", List.of(), List.of(Map.entry("thief", 100L), Map.entry("other", 50L)));
    THEFT.add("t1", List.of(out("t0", 0)), List.of(Map.entry("a", 60L), Map.entry("b", 39L)));
    THEFT.add("t2", List.of(out("t1", 0), out("t0", 1)), List.of(Map.entry("exchange", 100L), Map.entry("d", 8L)));
    THEFT.add("t3", List.of(out("t1", 1)), List.of(Map.entry("e", 39L)));
  }

  @Test
  void haircutForwardSplitsTheStolenHundredExactly() {
    Trace t = new Tracer(THEFT).trace(TraceRequest.of(List.of(out("t0", 0)), Direction.FORWARD, TaintModel.HAIRCUT, 5));
    assertThat(t.steps()).extracting(s -> s.transaction().txid()).containsExactly(txid("t1"), txid("t2"), txid("t3"));
    assertThat(t.steps()).extracting(Trace.Step::hop).containsExactly(1, 2, 2);
    // T2: 60 of its 110 are tainted: exact 100 × 60/110 = 54 6/11 to the exchange, 8 × 60/110 = 4 4/11 to d, fee
    // 2 × 60/110 = 1 1/11; whole parts 54, 4, 1, and the satoshi left to the largest remainder, the exchange's
    assertThat(frontier(t)).containsExactly(
        Map.entry(out("t2", 0), Rational.of(55)), Map.entry(out("t2", 1), Rational.of(4)), Map.entry(out("t3", 0), Rational.of(39)));
    assertThat(t.frontier()).extracting(Trace.Edge::reason).containsOnly(Trace.Reason.UNSPENT);
    assertThat(t.fees()).isEqualTo(Rational.of(2));
    assertThat(t.frontierAmount().plus(t.fees())).isEqualTo(Rational.of(100)).isEqualTo(t.started());
  }

  @Test
  void fifoAndPoisonForward() {
    Trace fifo = new Tracer(THEFT).trace(TraceRequest.of(List.of(out("t0", 0)), Direction.FORWARD, TaintModel.FIFO, 5));
    // T2's stream: [0,60) tainted from T1:0; the exchange's 100 takes [0,100): all 60; d's [100,108) none; the fee none
    assertThat(frontier(fifo)).containsExactly(Map.entry(out("t2", 0), Rational.of(60)), Map.entry(out("t3", 0), Rational.of(39)));
    assertThat(fifo.fees()).isEqualTo(Rational.of(1));
    Trace poison = new Tracer(THEFT).trace(TraceRequest.of(List.of(out("t0", 0)), Direction.FORWARD, TaintModel.POISON, 5));
    assertThat(frontier(poison)).containsExactly(
        Map.entry(out("t2", 0), Rational.of(100)), Map.entry(out("t2", 1), Rational.of(8)), Map.entry(out("t3", 0), Rational.of(39)));
    assertThat(poison.fees()).isEqualTo(Rational.of(3));
  }

  @Test
  void boundsStopTheTraceAndSayWhy() {
    Trace oneHop = new Tracer(THEFT).trace(TraceRequest.of(List.of(out("t0", 0)), Direction.FORWARD, TaintModel.HAIRCUT, 1));
    assertThat(oneHop.steps()).hasSize(1);
    assertThat(oneHop.frontier()).extracting(Trace.Edge::reason).containsOnly(Trace.Reason.HOP_LIMIT);
    assertThat(frontier(oneHop)).containsExactly(Map.entry(out("t1", 0), Rational.of(60)), Map.entry(out("t1", 1), Rational.of(39)));
    assertThat(oneHop.frontierAmount().plus(oneHop.fees())).isEqualTo(Rational.of(100));

    TraceRequest toExchange = new TraceRequest(List.of(out("t0", 0)), Direction.FORWARD, TaintModel.HAIRCUT, 5, 5, Optional.empty(),
        Optional.empty(), Map.of("exchange", "exchange: Example Exchange"), 100);
    Trace stopped = new Tracer(THEFT).trace(toExchange);
    Trace.Edge atExchange = stopped.frontier().stream().filter(e -> e.outpoint().equals(out("t2", 0))).findFirst().orElseThrow();
    assertThat(atExchange.reason()).isEqualTo(Trace.Reason.STOP_ADDRESS);
    assertThat(atExchange.note()).isEqualTo("exchange: Example Exchange");
    assertThat(atExchange.taint().amount()).isEqualTo(Rational.of(55));
    Trace.Edge small = stopped.frontier().stream().filter(e -> e.outpoint().equals(out("t2", 1))).findFirst().orElseThrow();
    assertThat(small.reason()).as("4 is below 5").isEqualTo(Trace.Reason.BELOW_MIN_VALUE);

    Instant beforeT2 = THEFT.transaction(txid("t2")).orElseThrow().time().minusSeconds(1);
    Trace early = new Tracer(THEFT).trace(new TraceRequest(List.of(out("t0", 0)), Direction.FORWARD, TaintModel.FIFO, 5, 0,
        Optional.of(beforeT2), Optional.empty(), Map.of(), 100));
    assertThat(early.frontier()).filteredOn(e -> e.reason() == Trace.Reason.OUTSIDE_TIME).extracting(Trace.Edge::outpoint)
        .as("T2 and T3 come after the bound").containsExactlyInAnyOrder(out("t1", 0), out("t1", 1));

    Trace limited = new Tracer(THEFT).trace(new TraceRequest(List.of(out("t0", 0)), Direction.FORWARD, TaintModel.FIFO, 5, 0,
        Optional.empty(), Optional.empty(), Map.of(), 2));
    assertThat(limited.truncated()).isTrue();
    assertThat(limited.steps()).hasSize(2);
    assertThat(limited.frontier()).filteredOn(e -> e.reason() == Trace.Reason.TRANSACTION_LIMIT).isNotEmpty();
    assertThat(limited.frontierAmount().plus(limited.fees())).isEqualTo(Rational.of(100));
  }

  @Test
  void startOutputsDownstreamOfOthersAreCountedOnce() {
    // start from both T0:0 (100) and T1:0 (60, downstream of it): T1:0 is followed whole, and the 60 T0:0 carried into
    // it counted once: started 100 + 60 − 60 = 100, and the amounts balance
    for (TaintModel model : List.of(TaintModel.HAIRCUT, TaintModel.FIFO)) {
      Trace f = new Tracer(THEFT).trace(TraceRequest.of(List.of(out("t0", 0), out("t1", 0)), Direction.FORWARD, model, 5));
      assertThat(f.started()).as(model.name()).isEqualTo(Rational.of(100));
      assertThat(f.frontierAmount().plus(f.fees())).isEqualTo(f.started());
      // backward from the exchange's 100 and T1:0: T1:0's 55 (haircut) reached from T2 is counted once
      Trace b = new Tracer(THEFT).trace(TraceRequest.of(List.of(out("t2", 0), out("t1", 0)), Direction.BACKWARD, model, 5));
      assertThat(b.frontierAmount()).as(model.name()).isEqualTo(b.started());
    }
    Trace b = new Tracer(THEFT).trace(TraceRequest.of(List.of(out("t2", 0), out("t1", 0)), Direction.BACKWARD, TaintModel.HAIRCUT, 5));
    assertThat(b.started()).isEqualTo(Rational.of(160 - 55));
  }

  @Test
  void backwardFindsWhereTheExchangeDepositCameFrom() {
    Trace haircut = new Tracer(THEFT).trace(TraceRequest.of(List.of(out("t2", 0)), Direction.BACKWARD, TaintModel.HAIRCUT, 5));
    // T2: 100 of its 110 in: T1:0 gives 60 × 100/110 = 54 6/11, T0:1 50 × 100/110 = 45 5/11: 54 and 45, the satoshi
    // left to the larger remainder, T1:0's; T1 passes its 55 to T0:0
    assertThat(frontier(haircut)).containsExactly(Map.entry(out("t0", 0), Rational.of(55)), Map.entry(out("t0", 1), Rational.of(45)));
    assertThat(haircut.frontier()).extracting(Trace.Edge::reason).containsOnly(Trace.Reason.MINED);
    assertThat(haircut.frontierAmount()).isEqualTo(Rational.of(100));
    Trace fifo = new Tracer(THEFT).trace(TraceRequest.of(List.of(out("t2", 0)), Direction.BACKWARD, TaintModel.FIFO, 5));
    // the exchange's [0,100) is T1:0's 60 then [0,40) of T0:1; T1:0's 60 is [0,60) of T0:0
    assertThat(frontier(fifo)).containsExactly(Map.entry(out("t0", 0), Rational.of(60)), Map.entry(out("t0", 1), Rational.of(40)));
    assertThat(fifo.frontier().get(1).taint()).isEqualTo(new Taint.Ranges(List.of(new Taint.Range(0, 40))));
  }

  @Test
  void badStartsAreRefused() {
    Tracer tracer = new Tracer(THEFT);
    assertThatThrownBy(() -> tracer.trace(TraceRequest.of(List.of(out("zz", 0)), Direction.FORWARD, TaintModel.FIFO, 2)))
        .hasMessageContaining("no transaction " + txid("zz"));
    assertThatThrownBy(() -> tracer.trace(TraceRequest.of(List.of(out("t1", 7)), Direction.FORWARD, TaintModel.FIFO, 2)))
        .hasMessageContaining("has 2 outputs, so no output 7");
    assertThatThrownBy(() -> TraceRequest.of(List.of(out("t1", 0)), Direction.FORWARD, TaintModel.FIFO, 0)).hasMessageContaining("hops must be between 1");
    assertThatThrownBy(() -> TraceRequest.of(List.of(), Direction.FORWARD, TaintModel.FIFO, 2)).hasMessageContaining("at least one output");
    assertThatThrownBy(() -> Direction.parse("sideways")).hasMessageContaining("forward and backward");
  }

  @Test
  void haircutAndFifoBalanceExactlyOnRandomGraphs() {
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(seed);
      InMemoryFlowGraph g = new InMemoryFlowGraph();
      List<Outpoint> unspent = new ArrayList<>();
      Map<Outpoint, Long> values = new HashMap<>();
      for (int m = 0; m < 4; m++) {
        long v = 1 + random.nextInt(1_000_000);
        g.add("m" + seed + "_" + m, List.of(), List.of(Map.entry("miner" + m, v)));
        unspent.add(out("m" + seed + "_" + m, 0));
        values.put(out("m" + seed + "_" + m, 0), v);
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
        String name = "s" + seed + "_" + t;
        g.add(name, spends, outs);
        for (int o = 0; o < k; o++) {
          unspent.add(out(name, o));
          values.put(out(name, o), outs.get(o).getValue());
        }
      }
      List<Outpoint> all = new ArrayList<>(values.keySet());
      all.sort(null);
      Outpoint from = all.get(random.nextInt(all.size()));
      for (TaintModel model : List.of(TaintModel.HAIRCUT, TaintModel.FIFO)) {
        int hops = 1 + random.nextInt(8);
        Trace f = new Tracer(g).trace(new TraceRequest(List.of(from), Direction.FORWARD, model, hops, random.nextInt(3) == 0 ? 1000 : 0,
            Optional.empty(), Optional.empty(), Map.of(), 1 + random.nextInt(40)));
        assertThat(f.frontierAmount().plus(f.fees())).as("forward, seed " + seed + " " + model).isEqualTo(Rational.of(values.get(from)));
        Trace b = new Tracer(g).trace(TraceRequest.of(List.of(from), Direction.BACKWARD, model, hops));
        assertThat(b.frontierAmount()).as("backward, seed " + seed + " " + model).isEqualTo(Rational.of(values.get(from)));
      }
    }
  }

  static Map<Outpoint, Rational> frontier(Trace t) {
    Map<Outpoint, Rational> out = new java.util.TreeMap<>();
    t.frontier().forEach(e -> out.merge(e.outpoint(), e.taint().amount(), Rational::plus));
    return out;
  }

  static String txid(String name) {
    return InMemoryFlowGraph.txid(name);
  }
}
