package org.openbds.forensics.cluster;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Addresses judged to share an owner, built transaction by transaction in chain order. A cluster's id is the smallest
 * address id in it — address ids count addresses in order of first appearance, so a cluster is named by its oldest
 * address, the same however often and in whatever order it is computed, and a merge keeps the older name. Every merge
 * that joins two clusters is reported to the {@link MergeSink} with the transaction and heuristic that justify it.
 *
 * <p>Not thread-safe. Memory: four bytes per address id up to the largest seen.
 */
public final class AddressClusters {
  /** Receives each merge as it happens. */
  @FunctionalInterface
  public interface MergeSink {
    void merged(Merge merge);
  }

  /**
   * Two clusters joined: {@code address} and {@code other} (the two addresses the heuristic linked), the clusters they
   * were in, and the cluster they are in now (the smaller of the two ids).
   */
  public record Merge(String txid, long blockHeight, String heuristic, long address, long other, long cluster, long otherCluster, long into) {}

  /** What {@link #add} made of a transaction. */
  public record Verdict(boolean coinJoin, int merges) {}

  private final ClusterConfig config;
  private final MergeSink sink;
  private int[] parent = new int[1024];
  private int size;

  public AddressClusters(ClusterConfig config, MergeSink sink) {
    this.config = requireNonNull(config, "config is null");
    this.sink = requireNonNull(sink, "sink is null");
  }

  public ClusterConfig config() {
    return config;
  }

  /** Applies the heuristics to {@code tx}; transactions must come in chain order. */
  public Verdict add(ClusterTransaction tx) {
    long[] inputs = Arrays.stream(tx.inputAddresses()).filter(a -> a >= 0).distinct().sorted().toArray();
    boolean coinJoin = isCoinJoin(inputs.length, tx);
    int merges = 0;
    for (long a : inputs) {
      ensure(a);
    }
    for (ClusterTransaction.Output o : tx.outputs()) {
      if (o.address() >= 0) {
        ensure(o.address());
      }
    }
    if (!coinJoin) {
      for (int i = 1; i < inputs.length; i++) {
        merges += union(tx, "multi-input", inputs[0], inputs[i]) ? 1 : 0;
      }
      if (config.change() == ClusterConfig.ChangeHeuristic.FRESH_V1 && inputs.length > 0) {
        long change = freshChange(inputs, tx);
        if (change >= 0) {
          merges += union(tx, "change:" + config.change().id(), inputs[0], change) ? 1 : 0;
        }
      }
    }
    return new Verdict(coinJoin, merges);
  }

  /** The cluster of {@code address}: its own id when it was never merged (or never seen). */
  public long clusterOf(long address) {
    if (address < 0) {
      throw new IllegalArgumentException("not an address id: " + address);
    }
    return address >= size ? address : find((int) address);
  }

  /** The number of address ids this clustering has room for (one more than the largest seen). */
  public int addressCount() {
    return size;
  }

  /** Every address id in a cluster of more than one, with its cluster id. */
  public Map<Long, Long> multiAddressClusters() {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int a = 0; a < size; a++) {
      counts.merge(find(a), 1, Integer::sum);
    }
    Map<Long, Long> out = new HashMap<>();
    for (int a = 0; a < size; a++) {
      int root = find(a);
      if (counts.get(root) > 1) {
        out.put((long) a, (long) root);
      }
    }
    return out;
  }

  private boolean isCoinJoin(int distinctInputs, ClusterTransaction tx) {
    if (distinctInputs < 2) {
      return false;
    }
    Map<Long, Integer> byValue = new HashMap<>();
    int equal = 0;
    for (ClusterTransaction.Output o : tx.outputs()) {
      if (o.value() > 0) {
        equal = Math.max(equal, byValue.merge(o.value(), 1, Integer::sum));
      }
    }
    return equal >= 2 && distinctInputs >= equal;
  }

  /** The change output's address by the fresh-address rule, or -1. */
  private static long freshChange(long[] inputs, ClusterTransaction tx) {
    if (tx.outputs().size() < 2) {
      return -1;
    }
    long fresh = -1;
    int freshCount = 0;
    for (ClusterTransaction.Output o : tx.outputs()) {
      if (o.address() >= 0 && Arrays.binarySearch(inputs, o.address()) >= 0) {
        return -1;
      }
      if (o.address() >= 0 && o.firstSeen()) {
        fresh = o.address();
        freshCount++;
      }
    }
    return freshCount == 1 ? fresh : -1;
  }

  private boolean union(ClusterTransaction tx, String heuristic, long a, long b) {
    int ra = find((int) a);
    int rb = find((int) b);
    if (ra == rb) {
      return false;
    }
    int into = Math.min(ra, rb);
    parent[Math.max(ra, rb)] = into;
    sink.merged(new Merge(tx.txid(), tx.blockHeight(), heuristic, a, b, ra, rb, into));
    return true;
  }

  private int find(int a) {
    while (parent[a] != a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }

  private void ensure(long address) {
    if (address > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("address id " + address + " is beyond what clustering holds in memory");
    }
    int need = (int) address + 1;
    if (need > parent.length) {
      parent = Arrays.copyOf(parent, Math.max(need, (int) Math.min(Integer.MAX_VALUE - 16L, parent.length * 2L)));
    }
    while (size < need) {
      parent[size] = size;
      size++;
    }
  }
}
