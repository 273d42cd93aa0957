package org.openbds.forensics.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;

/**
 * Account-chain tracing on a hand-built theft whose every figure is worked out by hand in the comments: V is robbed of
 * 300 by T, who holds 50 of its own; T pays A 200 (fee 2), A sends 100 to the exchange X, and T pays C 100.
 */
class AccountTracerTest {
  static final String V = a(1);
  static final String T = a(2);
  static final String A = a(3);
  static final String X = a(4);
  static final String C = a(5);

  static String a(int n) {
    return String.format("0x%040x", n);
  }

  InMemoryAccountGraph graph = new InMemoryAccountGraph();
  String theft;
  String t2;
  String t3;
  String t4;

  AccountTracerTest() {
    graph.block().opening(V, 1000).opening(T, 50);
    theft = graph.block().transaction(V, 1, V, T, "300");
    t2 = graph.block().transaction(T, 2, T, A, "200");
    t3 = graph.block().transaction(A, 0, A, X, "100");
    t4 = graph.block().transaction(T, 0, T, C, "100");
  }

  AccountTrace trace(AccountTraceRequest.Start from, Direction d, TaintModel m, int hops) {
    return new AccountTracer(graph).trace(new AccountTraceRequest(from, Asset.NATIVE, d, m, hops, BigInteger.ZERO, Optional.empty(), Optional.empty(),
        Map.of(X, "exchange"), 1000));
  }

  static Map<String, Long> frontier(AccountTrace t) {
    Map<String, Long> out = new TreeMap<>();
    for (AccountTrace.Edge e : t.frontier()) {
      out.merge(e.address().substring(e.address().length() - 1) + " " + e.reason().name().toLowerCase() + " h" + e.hop(), e.taint().longValueExact(), Long::sum);
    }
    return out;
  }

  AccountTraceRequest.Start theftTx() {
    return new AccountTraceRequest.Transaction(theft, OptionalInt.empty());
  }

  @Test
  void haircutForward() {
    // T holds clean 50 + taint 300. Fee 2 by (50, 300)/350: 0.29 and 1.71, the unit left to the larger remainder: taint 2.
    // 200 by (50, 298)/348: 28.7 and 171.3, floors 28 + 171, the unit to clean's remainder (256 > 92): A gets 171 taint.
    // A sends 100 of (29 clean, 171 taint)/200: 14.5 and 85.5, tie to the first part (clean): X gets 85.
    // T sends 100 of (21, 127)/148: 14.2 and 85.8: C gets 86. T keeps 41, A 86.
    AccountTrace t = trace(theftTx(), Direction.FORWARD, TaintModel.HAIRCUT, 5);
    assertThat(frontier(t)).containsExactlyInAnyOrderEntriesOf(Map.of("2 held h0", 41L, "3 held h1", 86L, "5 held h1", 86L, "4 stop_address h2", 85L));
    assertThat(t.fees()).isEqualTo(BigInteger.TWO);
    assertThat(t.started()).isEqualTo(BigInteger.valueOf(300));
    assertThat(t.frontierAmount().add(t.fees())).isEqualTo(t.started());
    assertThat(t.steps()).extracting(AccountTrace.Step::transaction).containsExactly(theft, t2, t3, t4);
    assertThat(t.steps()).extracting(AccountTrace.Step::hop).containsExactly(0, 1, 2, 1);
    assertThat(t.steps().get(1).moved()).extracting(m -> m.event().kind() + " " + m.taint()).containsExactly("FEE 2", "CALL 171");
    assertThat(t.frontier()).filteredOn(e -> e.reason() == AccountTrace.Reason.STOP_ADDRESS).extracting(AccountTrace.Edge::note).containsExactly("exchange");
  }

  @Test
  void fifoForward() {
    // T's queue: clean 50, taint 300. The fee takes 2 clean; A gets the other 48 clean and 152 taint; T keeps taint 148.
    // A pays X 48 clean + 52 taint; T pays C 100 taint and keeps 48.
    AccountTrace t = trace(theftTx(), Direction.FORWARD, TaintModel.FIFO, 5);
    assertThat(frontier(t)).containsExactlyInAnyOrderEntriesOf(Map.of("2 held h0", 48L, "3 held h1", 100L, "5 held h1", 100L, "4 stop_address h2", 52L));
    assertThat(t.fees()).isZero();
    assertThat(t.frontierAmount()).isEqualTo(BigInteger.valueOf(300));
  }

  @Test
  void poisonForward() {
    // every account the taint reaches is tainted wholly: what each still holds, the whole fee, the whole payment to X
    AccountTrace t = trace(theftTx(), Direction.FORWARD, TaintModel.POISON, 5);
    assertThat(frontier(t)).containsExactlyInAnyOrderEntriesOf(Map.of("2 held h0", 48L, "3 held h1", 100L, "5 held h1", 100L, "4 stop_address h2", 100L));
    assertThat(t.fees()).isEqualTo(BigInteger.TWO);
  }

  @Test
  void taintAtTheHopLimitIsNotFollowed() {
    // with one hop, A and C are where it ends: their taint is not followed (A's 171 stays at A, its payment to X unread)
    AccountTrace t = trace(theftTx(), Direction.FORWARD, TaintModel.HAIRCUT, 1);
    assertThat(frontier(t)).containsExactlyInAnyOrderEntriesOf(Map.of("2 held h0", 41L, "3 hop_limit h1", 171L, "5 hop_limit h1", 86L));
    assertThat(t.frontierAmount().add(t.fees())).isEqualTo(BigInteger.valueOf(300));
  }

  @Test
  void forwardFromAnAccountTaintsAllItHeldAndReceived() {
    // T's own 50 and the 300 it received: everything it sent is tainted (haircut of a wholly tainted account)
    AccountTrace t = trace(new AccountTraceRequest.Account(T), Direction.FORWARD, TaintModel.HAIRCUT, 5);
    assertThat(t.started()).isEqualTo(BigInteger.valueOf(350));
    assertThat(frontier(t)).containsExactlyInAnyOrderEntriesOf(Map.of("2 held h0", 48L, "3 held h1", 100L, "5 held h1", 100L, "4 stop_address h2", 100L));
    assertThat(t.fees()).isEqualTo(BigInteger.TWO);
  }

  @Test
  void fifoBackwardFromTheExchange() {
    // X's 100 came from A's first 100, which were T's payment's first 100: T's own 48 left after the fee, then the
    // first 52 of the theft, which were V's opening balance's units 1..53 (its fee took unit 0).
    AccountTrace t = trace(new AccountTraceRequest.Account(X), Direction.BACKWARD, TaintModel.FIFO, 5);
    assertThat(frontier(t)).containsExactlyInAnyOrderEntriesOf(Map.of("2 opening h2", 48L, "1 opening h3", 52L));
    assertThat(t.started()).isEqualTo(BigInteger.valueOf(100));
    assertThat(t.steps()).extracting(AccountTrace.Step::transaction).containsExactly(theft, t2, t3);
    assertThat(t.steps()).extracting(AccountTrace.Step::hop).containsExactly(3, 2, 1);
  }

  @Test
  void haircutBackwardFromTheExchange() {
    // A's payment was all from T's 200, which was (29 T's own, 171 theft): 100 of it is 14.5 / 85.5, the tie to T's own.
    AccountTrace t = trace(new AccountTraceRequest.Account(X), Direction.BACKWARD, TaintModel.HAIRCUT, 5);
    assertThat(frontier(t)).containsExactlyInAnyOrderEntriesOf(Map.of("2 opening h2", 15L, "1 opening h3", 85L));
    AccountTrace limited = trace(new AccountTraceRequest.Account(X), Direction.BACKWARD, TaintModel.HAIRCUT, 2);
    assertThat(frontier(limited)).containsExactlyInAnyOrderEntriesOf(Map.of("2 opening h2", 15L, "1 hop_limit h3", 85L));
  }

  @Test
  void poisonBackwardBlamesEverythingReceivedBefore() {
    AccountTrace t = trace(new AccountTraceRequest.Account(X), Direction.BACKWARD, TaintModel.POISON, 5);
    assertThat(frontier(t)).containsExactlyInAnyOrderEntriesOf(Map.of("2 opening h2", 50L, "1 opening h3", 1000L));
  }

  @Test
  void oneTransferOfATransaction() {
    String split = graph.block().transaction(C, 0, C, A, "30", C, V, "40");
    AccountTrace t = trace(new AccountTraceRequest.Transaction(split, OptionalInt.of(1)), Direction.FORWARD, TaintModel.FIFO, 3);
    assertThat(t.started()).isEqualTo(BigInteger.valueOf(40));
    assertThat(frontier(t)).containsExactlyEntriesOf(Map.of("1 held h0", 40L));
    assertThatThrownBy(() -> trace(new AccountTraceRequest.Transaction(split, OptionalInt.of(7)), Direction.FORWARD, TaintModel.FIFO, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at index 7").hasMessageContaining("0, 1");
  }

  @Test
  void transactionBoundTruncates() {
    AccountTrace t = new AccountTracer(graph).trace(new AccountTraceRequest(theftTx(), Asset.NATIVE, Direction.FORWARD, TaintModel.HAIRCUT, 5,
        BigInteger.ZERO, Optional.empty(), Optional.empty(), Map.of(), 2));
    assertThat(t.truncated()).isTrue();
    assertThat(t.steps()).hasSize(2);
    assertThat(t.frontier()).extracting(AccountTrace.Edge::reason).containsOnly(AccountTrace.Reason.TRANSACTION_LIMIT);
    assertThat(t.frontierAmount().add(t.fees())).isEqualTo(t.started());
  }

  @Test
  void aBalanceTheEventsDoNotCoverIsAnError() {
    graph.block().transaction(A, 0, A, C, "1000");
    assertThatThrownBy(() -> trace(theftTx(), Direction.FORWARD, TaintModel.HAIRCUT, 5))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("moves 1000 but the account holds only 100");
  }

  /** Random payments among a few accounts, cycles included: haircut and FIFO conserve value exactly both ways. */
  @Test
  void randomGraphsBalanceExactly() {
    Random random = new Random(7);
    for (int round = 0; round < 40; round++) {
      InMemoryAccountGraph g = new InMemoryAccountGraph();
      int n = 6;
      long[] balance = new long[n];
      g.block();
      for (int i = 0; i < n; i++) {
        balance[i] = 1 + random.nextInt(1_000_000);
        g.opening(a(i + 10), balance[i]);
      }
      List<String> txs = new ArrayList<>();
      for (int b = 0; b < 30; b++) {
        g.block();
        int from = random.nextInt(n);
        int to = random.nextInt(n);
        long fee = Math.min(balance[from], random.nextInt(50));
        long value = balance[from] == fee ? 0 : 1 + (long) (random.nextDouble() * (balance[from] - fee));
        if (value == 0 || from == to) {
          continue;
        }
        balance[from] -= fee + value;
        balance[to] += value;
        txs.add(g.transaction(a(from + 10), fee, a(from + 10), a(to + 10), Long.toString(value)));
      }
      for (TaintModel m : List.of(TaintModel.HAIRCUT, TaintModel.FIFO)) {
        AccountTraceRequest.Start start = new AccountTraceRequest.Transaction(txs.get(0), OptionalInt.empty());
        AccountTrace f = new AccountTracer(g).trace(AccountTraceRequest.of(start, Asset.NATIVE, Direction.FORWARD, m, 1 + random.nextInt(6)));
        assertThat(f.frontierAmount().add(f.fees())).as("forward %s round %d", m, round).isEqualTo(f.started());
        AccountTraceRequest.Start end = new AccountTraceRequest.Transaction(txs.get(txs.size() - 1), OptionalInt.empty());
        AccountTrace b = new AccountTracer(g).trace(AccountTraceRequest.of(end, Asset.NATIVE, Direction.BACKWARD, m, 1 + random.nextInt(6)));
        assertThat(b.frontierAmount()).as("backward %s round %d", m, round).isEqualTo(b.started());
        AccountTrace deep = new AccountTracer(g).trace(AccountTraceRequest.of(end, Asset.NATIVE, Direction.BACKWARD, m, 100));
        assertThat(deep.frontier()).extracting(AccountTrace.Edge::reason).containsOnly(AccountTrace.Reason.OPENING);
      }
    }
  }
}
