package org.openbds.forensics.trace;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.openbds.forensics.flow.FlowGraph;
import org.openbds.forensics.flow.FlowTransaction;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.Taint;
import org.openbds.forensics.taint.TaintModel;

/**
 * Multi-hop tracing over a {@link FlowGraph}. Transactions are visited in chain order (forward) or reverse chain order
 * (backward), not hop by hop: a transaction is passed through once, after every tainted output it spends (or every
 * traced output it creates) is known, whichever paths led there — so no amount is counted twice and the values
 * balance exactly. A transaction's hop is one more than the nearest of those outputs'.
 */
public final class Tracer {
  private static final Comparator<Pending> CHAIN_ORDER =
      Comparator.<Pending>comparingLong(p -> p.tx.blockHeight()).thenComparingInt(p -> p.tx.position());

  private final FlowGraph graph;
  private final Map<String, FlowTransaction> transactions = new HashMap<>();

  public Tracer(FlowGraph graph) {
    this.graph = requireNonNull(graph, "graph is null");
  }

  /** A transaction waiting to be passed through, with the taint reaching it so far. */
  private static final class Pending {
    final FlowTransaction tx;
    final Map<Integer, Taint> taints = new TreeMap<>();
    final Map<Integer, Integer> hops = new TreeMap<>();
    int hop = Integer.MAX_VALUE;

    Pending(FlowTransaction tx) {
      this.tx = tx;
    }

    /** Taint reaching input (forward) or output (backward) {@code index}, from {@code hop} transactions away. */
    void reach(int index, Taint taint, int fromHop) {
      taints.put(index, taint);
      hops.put(index, fromHop);
      hop = Math.min(hop, fromHop);
    }
  }

  public Trace trace(TraceRequest request) {
    return request.direction() == Direction.FORWARD ? forward(request) : backward(request);
  }

  private Trace forward(TraceRequest r) {
    State s = new State(r, CHAIN_ORDER);
    exploreForward(r);
    for (Outpoint o : new LinkedHashSet<>(r.start())) {
      FlowTransaction.Output out = output(o);
      s.started = s.started.plus(Rational.of(out.value()));
      followForward(s, o, out.address(), out.value(), Taint.whole(r.model(), out.value()), 0);
    }
    while (!s.queue.isEmpty()) {
      Pending p = s.queue.poll();
      int hop = p.hop + 1;
      Trace.Reason stop =
          s.steps.size() >= r.maxTransactions() ? Trace.Reason.TRANSACTION_LIMIT
          : hop > r.hops() ? Trace.Reason.HOP_LIMIT
          : r.until().isPresent() && p.tx.time().isAfter(r.until().get()) ? Trace.Reason.OUTSIDE_TIME
          : null;
      if (stop != null) {
        s.truncated |= stop == Trace.Reason.TRANSACTION_LIMIT;
        p.taints.forEach((vin, t) -> {
          FlowTransaction.Input in = p.tx.inputs().get(vin);
          s.frontier.add(new Trace.Edge(in.spent(), in.address(), in.value(), t, p.hops.get(vin), stop, ""));
        });
        continue;
      }
      TaintModel.Forward f = r.model().forward(p.tx, p.taints);
      s.steps.add(new Trace.Step(p.tx, hop, p.taints, f.outputs(), f.fee()));
      s.fees = s.fees.plus(f.fee());
      f.outputs().forEach((vout, t) -> {
        FlowTransaction.Output out = p.tx.outputs().get(vout);
        followForward(s, p.tx.outpoint(vout), out.address(), out.value(), t, hop);
      });
    }
    return s.result();
  }

  private void followForward(State s, Outpoint o, Optional<String> address, long value, Taint taint, int hop) {
    if (taint.isZero()) {
      return;
    }
    if (hop > 0 && s.starts.contains(o)) {
      // a start output reached again: it is followed whole from the start, and this part of it was counted there
      s.started = s.started.minus(taint.amount());
      return;
    }
    Optional<String> label = address.map(s.request.stopAt()::get);
    if (label.isPresent() && hop > 0) {
      s.frontier.add(new Trace.Edge(o, address, value, taint, hop, Trace.Reason.STOP_ADDRESS, label.get()));
      return;
    }
    if (hop > 0 && taint.amount().compareTo(Rational.of(s.request.minValue())) < 0) {
      s.frontier.add(new Trace.Edge(o, address, value, taint, hop, Trace.Reason.BELOW_MIN_VALUE, ""));
      return;
    }
    Optional<String> spender = graph.spender(o);
    if (spender.isEmpty()) {
      s.frontier.add(new Trace.Edge(o, address, value, taint, hop, Trace.Reason.UNSPENT, ""));
      return;
    }
    if (hop >= s.request.hops() && !transactions.containsKey(spender.get())) {
      // spent by a transaction no nearer output leads to (it would have been read then): beyond the bound
      s.frontier.add(new Trace.Edge(o, address, value, taint, hop, Trace.Reason.HOP_LIMIT, ""));
      return;
    }
    Pending p = s.pending(transaction(spender.get()));
    int vin = -1;
    for (FlowTransaction.Input in : p.tx.inputs()) {
      if (in.spent().equals(o)) {
        vin = in.vin();
      }
    }
    if (vin < 0) {
      throw new IllegalStateException("the warehouse says " + spender.get() + " spends " + o + ", but none of its inputs does");
    }
    p.reach(vin, taint, hop);
  }

  private Trace backward(TraceRequest r) {
    State s = new State(r, CHAIN_ORDER.reversed());
    exploreBackward(r);
    for (Outpoint o : new LinkedHashSet<>(r.start())) {
      FlowTransaction.Output out = output(o);
      s.started = s.started.plus(Rational.of(out.value()));
      Taint whole = Taint.whole(r.model(), out.value());
      if (!whole.isZero()) {
        s.pending(transaction(o.txid())).reach(o.vout(), whole, 0);
      }
    }
    while (!s.queue.isEmpty()) {
      Pending p = s.queue.poll();
      int hop = p.hop + 1;
      Trace.Reason stop =
          s.steps.size() >= r.maxTransactions() ? Trace.Reason.TRANSACTION_LIMIT
          : hop > r.hops() ? Trace.Reason.HOP_LIMIT
          : r.since().isPresent() && p.tx.time().isBefore(r.since().get()) ? Trace.Reason.OUTSIDE_TIME
          : p.tx.isCoinbase() ? Trace.Reason.MINED
          : null;
      if (stop != null) {
        s.truncated |= stop == Trace.Reason.TRANSACTION_LIMIT;
        p.taints.forEach((vout, t) -> {
          FlowTransaction.Output out = p.tx.outputs().get(vout);
          s.frontier.add(new Trace.Edge(p.tx.outpoint(vout), out.address(), out.value(), t, p.hops.get(vout), stop, ""));
        });
        continue;
      }
      Map<Integer, Taint> inputs = r.model().backward(p.tx, p.taints);
      s.steps.add(new Trace.Step(p.tx, hop, inputs, p.taints, Rational.ZERO));
      inputs.forEach((vin, t) -> {
        FlowTransaction.Input in = p.tx.inputs().get(vin);
        Optional<String> label = in.address().map(r.stopAt()::get);
        if (label.isPresent()) {
          s.frontier.add(new Trace.Edge(in.spent(), in.address(), in.value(), t, hop, Trace.Reason.STOP_ADDRESS, label.get()));
        } else if (t.amount().compareTo(Rational.of(r.minValue())) < 0) {
          s.frontier.add(new Trace.Edge(in.spent(), in.address(), in.value(), t, hop, Trace.Reason.BELOW_MIN_VALUE, ""));
        } else if (hop >= r.hops() && !transactions.containsKey(in.spent().txid())) {
          // created by a transaction no nearer output leads to (it would have been read then): beyond the bound
          s.frontier.add(new Trace.Edge(in.spent(), in.address(), in.value(), t, hop, Trace.Reason.HOP_LIMIT, ""));
        } else if (s.starts.contains(in.spent())) {
          // a start output reached again: it is traced whole from the start, and this part of it was counted there
          s.started = s.started.minus(t.amount());
        } else {
          s.pending(transaction(in.spent().txid())).reach(in.spent().vout(), t, hop);
        }
      });
    }
    return s.result();
  }

  /**
   * Reads, level by level and each level at once, every transaction the trace may pass through: the spenders of the
   * start outputs, then of their outputs, up to the hop bound (outputs to stop addresses and transactions after
   * {@code until} not followed), and whether the last level's outputs are spent. The trace itself then runs on what
   * was read. Stops reading past the transaction bound; the trace reads what it still needs one by one.
   */
  private void exploreForward(TraceRequest r) {
    transactions.putAll(graph.readAheadForward(r.start(), r.hops(), r.stopAt().keySet(),
        t -> r.until().isEmpty() || !t.isAfter(r.until().get()), r.maxTransactions()));
  }

  /** As {@link #exploreForward}, backwards: the creators of the start outputs, then of their inputs' outputs. */
  private void exploreBackward(TraceRequest r) {
    java.util.Set<String> level = new LinkedHashSet<>();
    r.start().forEach(o -> level.add(o.txid()));
    java.util.Set<String> seen = new java.util.HashSet<>(level);
    for (int hop = 1; hop <= r.hops() && !level.isEmpty(); hop++) {
      Map<String, FlowTransaction> read = graph.transactions(level);
      transactions.putAll(read);
      if (seen.size() > r.maxTransactions() || hop == r.hops()) {
        return;
      }
      java.util.Set<String> next = new LinkedHashSet<>();
      for (FlowTransaction tx : read.values()) {
        if (r.since().isPresent() && tx.time().isBefore(r.since().get())) {
          continue;
        }
        for (FlowTransaction.Input in : tx.inputs()) {
          if (in.address().map(a -> !r.stopAt().containsKey(a)).orElse(true) && seen.add(in.spent().txid())) {
            next.add(in.spent().txid());
          }
        }
      }
      level.clear();
      level.addAll(next);
    }
  }

  /** One trace's working state. */
  private static final class State {
    final TraceRequest request;
    final PriorityQueue<Pending> queue;
    final Map<String, Pending> pending = new HashMap<>();
    final List<Trace.Step> steps = new ArrayList<>();
    final List<Trace.Edge> frontier = new ArrayList<>();
    final java.util.Set<Outpoint> starts;
    Rational started = Rational.ZERO;
    Rational fees = Rational.ZERO;
    boolean truncated;

    State(TraceRequest request, Comparator<Pending> order) {
      this.request = request;
      this.starts = new java.util.HashSet<>(request.start());
      this.queue = new PriorityQueue<>(order);
    }

    Pending pending(FlowTransaction tx) {
      return pending.computeIfAbsent(tx.txid(), k -> {
        Pending p = new Pending(tx);
        queue.add(p);
        return p;
      });
    }

    Trace result() {
      return new Trace(request, List.copyOf(steps), List.copyOf(frontier), started, fees, truncated);
    }
  }

  private FlowTransaction.Output output(Outpoint o) {
    FlowTransaction tx = transaction(o.txid());
    if (o.vout() >= tx.outputs().size()) {
      throw new IllegalArgumentException("transaction " + o.txid() + " has " + tx.outputs().size() + " outputs, so no output " + o.vout());
    }
    return tx.outputs().get(o.vout());
  }

  private FlowTransaction transaction(String txid) {
    FlowTransaction tx = transactions.get(txid);
    if (tx == null) {
      tx = graph.transaction(txid).orElseThrow(() -> new IllegalArgumentException("no transaction " + txid + " in the warehouse"));
      transactions.put(txid, tx);
    }
    return tx;
  }
}
