package org.openbds.forensics.path;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openbds.forensics.flow.FlowGraph;
import org.openbds.forensics.flow.FlowTransaction;
import org.openbds.forensics.flow.Outpoint;

/**
 * The shortest money paths from one address (or set of addresses, such as a cluster) to another: chains of outputs, each spent by a transaction that creates
 * the next, from an output paying the first address to an output paying the second. Searched from both ends at once,
 * level by level, each level read in a few batched queries: forward from the first address's outputs through their
 * spenders, backward from the second's through their creators, until the two meet. Of the paths of the shortest
 * length, the most valuable come first: ranked by the smallest output value along the path (what could have gone
 * through it all).
 */
public final class PathFinder {
  /** One step of a path: {@code from} is spent by {@code transaction}, which creates {@code to}. */
  public record Step(Outpoint from, long fromValue, FlowTransaction transaction, Outpoint to, long toValue) {}

  /** A path: its steps in order, and the smallest output value along it. */
  public record Path(List<Step> steps, long bottleneck) {
    public int hops() {
      return steps.size();
    }
  }

  private final FlowGraph graph;

  public PathFinder(FlowGraph graph) {
    this.graph = requireNonNull(graph, "graph is null");
  }

  /** Up to {@code limit} shortest paths of at most {@code maxHops} transactions from {@code from} to {@code to}. */
  public List<Path> find(String from, String to, int maxHops, int limit) {
    if (from.equals(to)) {
      throw new IllegalArgumentException("a path needs two different addresses");
    }
    return find(Set.of(from), Set.of(to), maxHops, limit);
  }

  /**
   * Up to {@code limit} shortest paths of at most {@code maxHops} transactions from any address of {@code from} to any
   * of {@code to} — such as the addresses of two clusters.
   */
  public List<Path> find(java.util.Collection<String> from, java.util.Collection<String> to, int maxHops, int limit) {
    if (maxHops < 1 || maxHops > 20) {
      throw new IllegalArgumentException("max hops must be between 1 and 20, not " + maxHops);
    }
    if (from.isEmpty() || to.isEmpty()) {
      throw new IllegalArgumentException("a path needs addresses at both ends");
    }
    Set<String> shared = new java.util.TreeSet<>(from);
    shared.retainAll(to);
    if (!shared.isEmpty()) {
      throw new IllegalArgumentException("both ends hold " + shared.iterator().next() + (shared.size() > 1 ? " and " + (shared.size() - 1) + " more" : "")
          + "; a path needs two different sets of addresses");
    }
    // forward: output → the output it was reached from (through the transaction spending it); backward likewise
    Map<Outpoint, Outpoint> forward = new HashMap<>();
    Map<Outpoint, Outpoint> backward = new HashMap<>();
    Map<Outpoint, Integer> forwardDepth = new HashMap<>();
    Map<Outpoint, Integer> backwardDepth = new HashMap<>();
    Set<Outpoint> forwardLevel = new LinkedHashSet<>(graph.outputsPaying(from));
    Set<Outpoint> backwardLevel = new LinkedHashSet<>(graph.outputsPaying(to));
    backwardLevel.removeAll(forwardLevel);
    forwardLevel.forEach(o -> forwardDepth.put(o, 0));
    backwardLevel.forEach(o -> backwardDepth.put(o, 0));
    int f = 0;
    int b = 0;
    while (f + b < maxHops && !forwardLevel.isEmpty() && !backwardLevel.isEmpty()) {
      if (forwardLevel.size() <= backwardLevel.size()) {
        f++;
        forwardLevel = stepForward(forwardLevel, forward, forwardDepth, f);
      } else {
        b++;
        backwardLevel = stepBackward(backwardLevel, backward, backwardDepth, b);
      }
      List<Outpoint> meetings = new ArrayList<>();
      for (Outpoint o : forwardDepth.keySet()) {
        if (backwardDepth.containsKey(o)) {
          meetings.add(o);
        }
      }
      if (!meetings.isEmpty()) {
        int shortest = meetings.stream().mapToInt(o -> forwardDepth.get(o) + backwardDepth.get(o)).min().orElseThrow();
        List<Path> paths = new ArrayList<>();
        for (Outpoint m : meetings) {
          if (forwardDepth.get(m) + backwardDepth.get(m) == shortest) {
            paths.add(path(m, forward, backward));
          }
        }
        paths.sort(Comparator.comparingLong(Path::bottleneck).reversed().thenComparing(p -> p.steps().get(0).from()));
        return paths.subList(0, Math.min(limit, paths.size()));
      }
    }
    return List.of();
  }

  private Set<Outpoint> stepForward(Set<Outpoint> level, Map<Outpoint, Outpoint> parents, Map<Outpoint, Integer> depth, int d) {
    Map<Outpoint, String> spenders = graph.spenders(level);
    Map<String, FlowTransaction> txs = graph.transactions(new LinkedHashSet<>(spenders.values()));
    Set<Outpoint> next = new LinkedHashSet<>();
    for (Map.Entry<Outpoint, String> e : spenders.entrySet()) {
      FlowTransaction tx = txs.get(e.getValue());
      for (FlowTransaction.Output o : tx.outputs()) {
        Outpoint created = tx.outpoint(o.vout());
        if (o.value() > 0 && !depth.containsKey(created)) {
          depth.put(created, d);
          parents.put(created, e.getKey());
          next.add(created);
        }
      }
    }
    return next;
  }

  private Set<Outpoint> stepBackward(Set<Outpoint> level, Map<Outpoint, Outpoint> parents, Map<Outpoint, Integer> depth, int d) {
    Set<String> creators = new LinkedHashSet<>();
    level.forEach(o -> creators.add(o.txid()));
    Map<String, FlowTransaction> txs = graph.transactions(creators);
    Set<Outpoint> next = new LinkedHashSet<>();
    for (Outpoint o : level) {
      FlowTransaction tx = txs.get(o.txid());
      for (FlowTransaction.Input in : tx.inputs()) {
        if (in.value() > 0 && !depth.containsKey(in.spent())) {
          depth.put(in.spent(), d);
          parents.put(in.spent(), o);
          next.add(in.spent());
        }
      }
    }
    return next;
  }

  /** The path through {@code meeting}: forward parents back to the first address, backward parents on to the second. */
  private Path path(Outpoint meeting, Map<Outpoint, Outpoint> forward, Map<Outpoint, Outpoint> backward) {
    List<Outpoint> chain = new ArrayList<>();
    for (Outpoint o = meeting; o != null; o = forward.get(o)) {
      chain.add(0, o);
    }
    for (Outpoint o = backward.get(meeting); o != null; o = backward.get(o)) {
      chain.add(o);
    }
    Map<String, FlowTransaction> txs = graph.transactions(chain.stream().map(Outpoint::txid).toList());
    List<Step> steps = new ArrayList<>();
    long bottleneck = value(txs, chain.get(0));
    for (int i = 1; i < chain.size(); i++) {
      Outpoint a = chain.get(i - 1);
      Outpoint c = chain.get(i);
      FlowTransaction through = txs.get(c.txid());
      steps.add(new Step(a, value(txs, a), through, c, value(txs, c)));
      bottleneck = Math.min(bottleneck, value(txs, c));
    }
    return new Path(steps, bottleneck);
  }

  private static long value(Map<String, FlowTransaction> txs, Outpoint o) {
    return txs.get(o.txid()).outputs().get(o.vout()).value();
  }
}
