package org.openbds.forensics.taint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openbds.forensics.flow.FlowTransaction;
import org.openbds.forensics.flow.Outpoint;

/** Each model on small transactions, every figure worked out by hand in the comments. */
class TaintModelTest {
  /** Inputs 30 and 70, outputs 50 and 45: the fee is 5. */
  static final FlowTransaction A = tx("aa", new long[] {30, 70}, new long[] {50, 45});

  @Test
  void poisonTaintsEveryOutputWhollyAndBlamesEveryInputWholly() {
    TaintModel.Forward f = TaintModel.POISON.forward(A, Map.of(0, whole(30)));
    assertThat(amounts(f.outputs())).containsExactly(Map.entry(0, Rational.of(50)), Map.entry(1, Rational.of(45)));
    assertThat(f.fee()).isEqualTo(Rational.of(5));
    assertThat(amounts(TaintModel.POISON.backward(A, Map.of(1, whole(45)))))
        .containsExactly(Map.entry(0, Rational.of(30)), Map.entry(1, Rational.of(70)));
  }

  @Test
  void haircutSharesTheTaintedSatoshisOutByValueToTheLastSatoshi() {
    // 30 of 100 in: exact shares 50 × 0.3 = 15, 45 × 0.3 = 13.5, fee 5 × 0.3 = 1.5; whole parts 15, 13, 1 (29); the
    // satoshi left goes to the largest remainder, a tie of 0.5 between output 1 and the fee: the earlier, output 1
    TaintModel.Forward f = TaintModel.HAIRCUT.forward(A, Map.of(0, whole(30)));
    assertThat(amounts(f.outputs())).containsExactly(Map.entry(0, Rational.of(15)), Map.entry(1, Rational.of(14)));
    assertThat(f.fee()).isEqualTo(Rational.of(1));
    // backward, output 1's 45 came 30% from input 0 (13.5) and 70% from input 1 (31.5): 13 and 31, the satoshi left to
    // input 0 (a tie again)
    assertThat(amounts(TaintModel.HAIRCUT.backward(A, Map.of(1, whole(45)))))
        .containsExactly(Map.entry(0, Rational.of(14)), Map.entry(1, Rational.of(31)));
  }

  @Test
  void haircutSharesThatDoNotDivideGoByLargestRemainderOverHops() {
    // inputs 3 (tainted) and 4; outputs 5 and 1, fee 1: exact 15/7, 3/7, 3/7; whole parts 2, 0, 0; the satoshi left to
    // the larger remainder 3/7 (output 1 before the fee)
    FlowTransaction b = tx("bb", new long[] {3, 4}, new long[] {5, 1});
    TaintModel.Forward f = TaintModel.HAIRCUT.forward(b, Map.of(0, whole(3)));
    assertThat(amounts(f.outputs())).containsExactly(Map.entry(0, Rational.of(2)), Map.entry(1, Rational.of(1)));
    assertThat(f.fee()).isEqualTo(Rational.ZERO);
    // next hop: output 0's 2 of a 5 beside a clean 2 (output 6, fee 1): exact 12/7 and 2/7; 1 and 0, the satoshi left
    // to the output (remainder 5/7)
    FlowTransaction c = tx("cc", new long[] {5, 2}, new long[] {6});
    TaintModel.Forward g = TaintModel.HAIRCUT.forward(c, Map.of(0, f.outputs().get(0)));
    assertThat(g.outputs().get(0).amount()).isEqualTo(Rational.of(2));
    assertThat(g.fee()).isEqualTo(Rational.ZERO);
    assertThatThrownBy(() -> TaintModel.HAIRCUT.forward(c, Map.of(0, new Taint.Share(ratio(1, 2))))).hasMessageContaining("whole satoshis");
  }

  @Test
  void apportionedSharesAreWithinOneUnitOfTheirProportionAndAddUp() {
    java.util.Random random = new java.util.Random(3);
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + random.nextInt(8);
      long[] weights = new long[n];
      long sum = 0;
      for (int i = 0; i < n; i++) {
        weights[i] = random.nextInt(3) == 0 ? 0 : random.nextLong(2_100_000_000_000_000L / n);
        sum += weights[i];
      }
      long total = sum == 0 ? 0 : random.nextLong(sum + 1);
      long[] shares = TaintModel.apportion(total, weights, sum);
      long given = 0;
      for (int i = 0; i < n; i++) {
        Rational exact = new Rational(BigInteger.valueOf(weights[i]).multiply(BigInteger.valueOf(total)), BigInteger.valueOf(Math.max(1, sum)));
        assertThat(exact.floor().longValueExact()).isBetween(shares[i] - 1, shares[i]);
        given += shares[i];
      }
      assertThat(given).isEqualTo(total);
    }
  }

  @Test
  void fifoKeepsTheTaintedSatoshisInTheirPlace() {
    // stream: input 0 [0,30) tainted, input 1 [30,100); output 0 takes [0,50): the 30 tainted; output 1 [50,95): none
    TaintModel.Forward f = TaintModel.FIFO.forward(A, Map.of(0, whole(30)));
    assertThat(f.outputs()).containsOnlyKeys(0);
    assertThat(f.outputs().get(0)).isEqualTo(new Taint.Ranges(List.of(new Taint.Range(0, 30))));
    assertThat(f.fee()).isEqualTo(Rational.ZERO);
    // input 1 tainted instead: [30,100): output 0 holds [30,50) (20), output 1 all 45, the fee [95,100) 5
    TaintModel.Forward g = TaintModel.FIFO.forward(A, Map.of(1, whole(70)));
    assertThat(g.outputs().get(0)).isEqualTo(new Taint.Ranges(List.of(new Taint.Range(30, 50))));
    assertThat(g.outputs().get(1)).isEqualTo(new Taint.Ranges(List.of(new Taint.Range(0, 45))));
    assertThat(g.fee()).isEqualTo(Rational.of(5));
  }

  @Test
  void fifoCarriesPartlyTaintedOutputsOnByTheirRanges() {
    // output 0 of A holds tainted [0,30) of its 50. Spent as input 1 after a clean 25: stream [25,55) tainted.
    // outputs 40 [0,40) and 34 [40,74), fee [74,75): output 0 holds [25,40) (15), output 1 [0,15) (15), fee none
    FlowTransaction b = tx("bb", new long[] {25, 50}, new long[] {40, 34});
    Taint partly = new Taint.Ranges(List.of(new Taint.Range(0, 30)));
    TaintModel.Forward f = TaintModel.FIFO.forward(b, Map.of(1, partly));
    assertThat(f.outputs().get(0)).isEqualTo(new Taint.Ranges(List.of(new Taint.Range(25, 40))));
    assertThat(f.outputs().get(1)).isEqualTo(new Taint.Ranges(List.of(new Taint.Range(0, 15))));
    assertThat(f.fee()).isEqualTo(Rational.ZERO);
    // backward, output 1 of A ([50,95) of the stream) came from [20,65) of input 1
    assertThat(TaintModel.FIFO.backward(A, Map.of(1, whole(45))))
        .containsExactly(Map.entry(1, new Taint.Ranges(List.of(new Taint.Range(20, 65)))));
  }

  @Test
  void haircutAndFifoConserveValueOnRandomTransactions() {
    java.util.Random random = new java.util.Random(11);
    for (int round = 0; round < 500; round++) {
      int n = 1 + random.nextInt(6);
      int m = 1 + random.nextInt(6);
      long[] ins = new long[n];
      long total = 0;
      for (int i = 0; i < n; i++) {
        ins[i] = random.nextInt(1_000_000);
        total += ins[i];
      }
      long[] outs = new long[m];
      long left = total - (total == 0 ? 0 : random.nextInt((int) Math.min(total, 1000) + 1));
      for (int o = 0; o < m; o++) {
        outs[o] = o == m - 1 ? left : (left == 0 ? 0 : random.nextLong(left + 1));
        left -= outs[o];
      }
      FlowTransaction t = tx("r" + round, ins, outs);
      Map<Integer, Taint> tainted = new java.util.HashMap<>();
      Rational in = Rational.ZERO;
      for (int i = 0; i < n; i++) {
        if (random.nextBoolean()) {
          tainted.put(i, whole(ins[i]));
          in = in.plus(Rational.of(ins[i]));
        }
      }
      for (TaintModel model : List.of(TaintModel.HAIRCUT, TaintModel.FIFO)) {
        TaintModel.Forward f = model.forward(t, model == TaintModel.FIFO ? fifo(tainted, ins) : tainted);
        Rational out = f.fee();
        for (Taint x : f.outputs().values()) {
          out = out.plus(x.amount());
        }
        assertThat(out).as(model + " round " + round).isEqualTo(t.inputValue() == 0 ? Rational.ZERO : in);
        Map<Integer, Taint> back = model.backward(t, f.outputs());
        Rational sum = Rational.ZERO;
        for (Taint x : back.values()) {
          sum = sum.plus(x.amount());
        }
        // backward the outputs' taint is laid back on the inputs: without the fee's part
        Rational outputsOnly = Rational.ZERO;
        for (Taint x : f.outputs().values()) {
          outputsOnly = outputsOnly.plus(x.amount());
        }
        assertThat(sum).as(model + " back, round " + round).isEqualTo(outputsOnly);
      }
    }
  }

  @Test
  void badFiguresAreRefused() {
    assertThatThrownBy(() -> tx("dd", new long[] {10}, new long[] {11})).hasMessageContaining("creates more (11) than it spends (10)");
    assertThatThrownBy(() -> TaintModel.parse("lifo")).hasMessageContaining("the models are poison, haircut and fifo");
    assertThat(TaintModel.parse("Haircut")).isEqualTo(TaintModel.HAIRCUT);
    assertThatThrownBy(() -> new Taint.Range(5, 4)).hasMessageContaining("not a range");
    assertThatThrownBy(() -> Outpoint.parse("abc:1")).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> Outpoint.parse("ab".repeat(32) + ":x")).hasMessageContaining("not a whole number");
    assertThat(Outpoint.parse("AB".repeat(32) + ":3")).isEqualTo(new Outpoint("ab".repeat(32), 3));
  }

  @Test
  void rationalsAreReducedAndCompareByValue() {
    assertThat(ratio(6, 4)).isEqualTo(ratio(3, 2));
    assertThat(ratio(1, 3).plus(ratio(1, 6))).isEqualTo(ratio(1, 2));
    assertThat(ratio(1, 3).compareTo(ratio(1, 2))).isNegative();
    assertThat(ratio(2, 3).toDecimal(4)).isEqualTo("0.6667");
    assertThat(ratio(7, 7).toString()).isEqualTo("1");
    assertThat(ratio(7, 2).floor()).isEqualTo(BigInteger.valueOf(3));
    assertThatThrownBy(() -> ratio(-1, 2)).hasMessageContaining("cannot be negative");
  }

  static Map<Integer, Taint> fifo(Map<Integer, Taint> shares, long[] values) {
    Map<Integer, Taint> out = new java.util.HashMap<>();
    shares.forEach((i, t) -> out.put(i, Taint.whole(TaintModel.FIFO, values[i])));
    return out;
  }

  static Taint whole(long v) {
    return new Taint.Share(Rational.of(v));
  }

  static Rational ratio(long n, long d) {
    return new Rational(BigInteger.valueOf(n), BigInteger.valueOf(d));
  }

  static Map<Integer, Rational> amounts(Map<Integer, Taint> taints) {
    Map<Integer, Rational> out = new java.util.TreeMap<>();
    taints.forEach((k, v) -> out.put(k, v.amount()));
    return out;
  }

  static FlowTransaction tx(String name, long[] ins, long[] outs) {
    List<FlowTransaction.Input> inputs = new ArrayList<>();
    for (int i = 0; i < ins.length; i++) {
      inputs.add(new FlowTransaction.Input(i, new Outpoint(String.format("%64s", name + i).replace(' ', '0'), 0), ins[i], Optional.empty()));
    }
    List<FlowTransaction.Output> outputs = new ArrayList<>();
    for (int o = 0; o < outs.length; o++) {
      outputs.add(new FlowTransaction.Output(o, outs[o], Optional.empty()));
    }
    return new FlowTransaction(String.format("%64s", name).replace(' ', '0'), 1, "00".repeat(32), 1, Instant.EPOCH, inputs, outputs);
  }
}
