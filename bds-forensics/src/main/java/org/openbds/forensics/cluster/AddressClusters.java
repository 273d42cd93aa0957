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
 * <p>Not thread-safe. A whole-chain clustering keeps four bytes per address id up to the largest seen; one seeded
 * with the clusters of a few addresses (a block's update) keeps only those.
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
  public record Merge(long txId, long blockHeight, String heuristic, long address, long other, long cluster, long otherCluster, long into) {}

  /** What {@link #add} made of a transaction. */
  public record Verdict(boolean coinJoin, int merges) {}

  private final ClusterConfig config;
  private final MergeSink sink;
  private final Parents parents;

  /** A clustering of a whole chain, from no merges. */
  public AddressClusters(ClusterConfig config, MergeSink sink) {
    this(config, sink, new DenseParents());
  }

  private AddressClusters(ClusterConfig config, MergeSink sink, Parents parents) {
    this.config = requireNonNull(config, "config is null");
    this.sink = requireNonNull(sink, "sink is null");
    this.parents = parents;
  }

  /**
   * A clustering that goes on from an earlier one: {@code clusters} gives the cluster of every address the next
   * transactions touch that is in a cluster of more than one (the others are their own).
   */
  public static AddressClusters seeded(ClusterConfig config, MergeSink sink, Map<Long, Long> clusters) {
    SparseParents parents = new SparseParents();
    clusters.forEach((address, cluster) -> {
      if (cluster > address) {
        throw new IllegalArgumentException("address " + address + " cannot be in cluster " + cluster + ": a cluster is named by its smallest address");
      }
      parents.set(address, cluster);
    });
    return new AddressClusters(config, sink, parents);
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
    return find(address);
  }

  /** Receives an address and its cluster. */
  @FunctionalInterface
  public interface Membership {
    void accept(long address, long cluster);
  }

  /** Every address in a cluster of more than one that this clustering holds, with its cluster id. */
  public Map<Long, Long> multiAddressClusters() {
    Map<Long, Long> out = new HashMap<>();
    forEachClustered(out::put);
    return out;
  }

  /** Gives every address in a cluster of more than one, with its cluster id, in address order for a whole chain. */
  public void forEachClustered(Membership each) {
    if (parents instanceof DenseParents dense) {
      int[] counts = new int[dense.size];
      for (int a = 0; a < dense.size; a++) {
        counts[(int) find(a)]++;
      }
      for (int a = 0; a < dense.size; a++) {
        int root = (int) find(a);
        if (counts[root] > 1) {
          each.accept(a, root);
        }
      }
      return;
    }
    Map<Long, Integer> counts = new HashMap<>();
    parents.forEach(a -> counts.merge(find(a), 1, Integer::sum));
    parents.forEach(a -> {
      long root = find(a);
      if (counts.get(root) > 1) {
        each.accept(a, root);
      }
    });
  }

  private boolean isCoinJoin(int distinctInputs, ClusterTransaction tx) {
    return distinctInputs >= 2 && tx.equalOutputs() >= 2 && distinctInputs >= tx.equalOutputs();
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

  /** Joins the clusters of two addresses again, as a stored merge did (a rebuild after a rollback); reports nothing. */
  void relink(long address, long other) {
    ensure(address);
    ensure(other);
    long ra = find(address);
    long rb = find(other);
    if (ra != rb) {
      parents.set(Math.max(ra, rb), Math.min(ra, rb));
    }
  }

  private boolean union(ClusterTransaction tx, String heuristic, long a, long b) {
    long ra = find(a);
    long rb = find(b);
    if (ra == rb) {
      return false;
    }
    long into = Math.min(ra, rb);
    parents.set(Math.max(ra, rb), into);
    sink.merged(new Merge(tx.txId(), tx.blockHeight(), heuristic, a, b, ra, rb, into));
    return true;
  }

  private long find(long a) {
    long p = parents.get(a);
    while (p != a) {
      long grand = parents.get(p);
      parents.set(a, grand);
      a = grand;
      p = parents.get(a);
    }
    return a;
  }

  private void ensure(long address) {
    parents.ensure(address);
  }

  /** Each address's parent in the union-find forest; an address not held is its own. */
  private interface Parents {
    long get(long address);

    void set(long address, long parent);

    void ensure(long address);

    void forEach(java.util.function.LongConsumer each);
  }

  /** Parents of every address id up to the largest seen, four bytes each. */
  private static final class DenseParents implements Parents {
    private int[] parent = new int[1024];
    private int size;

    @Override
    public long get(long address) {
      return address >= size ? address : parent[(int) address];
    }

    @Override
    public void set(long address, long p) {
      ensure(address);
      parent[(int) address] = (int) p;
    }

    @Override
    public void ensure(long address) {
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

    @Override
    public void forEach(java.util.function.LongConsumer each) {
      for (int a = 0; a < size; a++) {
        each.accept(a);
      }
    }
  }

  /** Parents of the addresses a few transactions touch. */
  private static final class SparseParents implements Parents {
    private final Map<Long, Long> parent = new HashMap<>();

    @Override
    public long get(long address) {
      return parent.getOrDefault(address, address);
    }

    @Override
    public void set(long address, long p) {
      parent.put(address, p);
      parent.putIfAbsent(p, p);
    }

    @Override
    public void ensure(long address) {
      parent.putIfAbsent(address, address);
    }

    @Override
    public void forEach(java.util.function.LongConsumer each) {
      new java.util.ArrayList<>(parent.keySet()).forEach(each::accept);
    }
  }
}
