package org.openbds.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.BdsMessages;
import org.openbds.api.BlockQueue;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockSplitter;
import org.openbds.api.ChainId;
import org.openbds.api.DecodedBlock;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueueRecord;
import org.openbds.api.Warehouse;
import org.openbds.core.queue.BlockMessageCodec;

/**
 * Applies the messages of one chain — or of several chains sharing a topic — from a block queue to the warehouse
 * ({@code bds split}), exactly once: every commit
 * stores, with the rows and the checkpoint, the queue position it read up to, and the consumer starts from the stored
 * position. What is read again anyway changes nothing: a block the warehouse already holds at its height is a
 * duplicate; a block of a branch the warehouse no longer holds (replayed before the rollback that dropped it) is stale
 * and skipped, the rollback that follows it in the log being applied in turn; a rollback to an ancestor the tip is
 * already at is a no-op.
 *
 * <p>A record that cannot be applied — not a message, another network, a block that neither extends the tip nor is
 * already held (a gap or a broken parent link), a block whose bytes do not decode, a rollback to a block the warehouse
 * does not hold — goes to the dead-letter topic with the reason and where it was read, and the consumer then stops
 * with that error or goes on, as configured. Nothing is dropped silently.
 *
 * <p>In a consumer group ({@link #inGroup}) the queue shares the topic's partitions among the group's consumers (each
 * writing the chains it is given into one shared warehouse, PostgreSQL); when partitions move, each consumer reads the
 * positions and state of their chains again from the warehouse and seeks there.
 *
 * <p>{@link #run} belongs to one thread; {@link #stop} may be called from any thread.
 */
public final class QueueConsumer {
  /** What the consumer reports; called on the consuming thread (progress on the writer thread). */
  public interface Listener {
    default void progress(ImportProgress progress) {}

    default void rollback(BlockRef abandoned, BlockRef ancestor) {}

    default void deadLetter(QueueRecord record, String reason, String deadLetterTopic) {}

    /** When the consumer has applied everything stored so far. */
    default void idle(Optional<BlockRef> tip) {}
  }

  /** A chain this consumer applies: its id, network and splitter. */
  public record Chain(ChainId chain, String network, BlockSplitter<? extends DecodedBlock> splitter) {
    public Chain {
      requireNonNull(chain, "chain is null");
      requireNonNull(network, "network is null");
      requireNonNull(splitter, "splitter is null");
    }
  }

  /** What a run did, summed over its chains; {@code tip} is the first chain's, {@code tips} every chain's. */
  public record Result(
      Optional<BlockRef> tip, long blocks, long transactions, long rollbacks, long duplicates, long stale, long deadLetters, long elapsedNanos,
      Map<ChainId, Optional<BlockRef>> tips) {}

  private final BlockQueue queue;
  private final Warehouse warehouse;
  private final List<Chain> chains;
  private final Optional<BdsMessages> bds;
  private final Optional<String> group;
  private final ConsumeConfig config;
  private final Listener listener;
  private volatile boolean stopRequested;

  /** A consumer of one chain's block messages ({@link BlockMessageCodec}) in the topic. */
  public QueueConsumer(
      BlockQueue queue, Warehouse warehouse, ChainId chain, String network, BlockSplitter<? extends DecodedBlock> splitter, ConsumeConfig config,
      Listener listener) {
    this(queue, warehouse, List.of(new Chain(chain, network, splitter)), Optional.empty(), Optional.empty(), config, listener);
  }

  /**
   * A consumer of the original BDS product's per-block JSON documents (one topic per chain, records without keys):
   * {@code splitter} must be {@code bds.splitter()}. Such a topic has no rollback messages: a block at a height the
   * warehouse already holds under another hash rolls the warehouse back to its parent, which must be held, and is then
   * applied.
   */
  public static QueueConsumer ofBdsDocuments(
      BlockQueue queue, Warehouse warehouse, ChainId chain, String network, BdsMessages bds, BlockSplitter<? extends DecodedBlock> splitter,
      ConsumeConfig config, Listener listener) {
    return new QueueConsumer(queue, warehouse, List.of(new Chain(chain, network, splitter)), Optional.of(bds), Optional.empty(), config, listener);
  }

  /** A consumer of several chains' block messages sharing the topic, each applied from its own committed position. */
  public static QueueConsumer ofChains(BlockQueue queue, Warehouse warehouse, List<Chain> chains, ConsumeConfig config, Listener listener) {
    return new QueueConsumer(queue, warehouse, chains, Optional.empty(), Optional.empty(), config, listener);
  }

  /**
   * A member of consumer group {@code group} applying whichever of {@code chains} the queue's partitions give it; the
   * topic may hold no other chain (a record of another goes to the dead letters).
   */
  public static QueueConsumer inGroup(BlockQueue queue, Warehouse warehouse, List<Chain> chains, String group, ConsumeConfig config, Listener listener) {
    return new QueueConsumer(queue, warehouse, chains, Optional.empty(), Optional.of(group), config, listener);
  }

  private QueueConsumer(
      BlockQueue queue, Warehouse warehouse, List<Chain> chains, Optional<BdsMessages> bds, Optional<String> group, ConsumeConfig config,
      Listener listener) {
    this.queue = requireNonNull(queue, "queue is null");
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.chains = List.copyOf(chains);
    this.bds = requireNonNull(bds, "bds is null");
    this.group = requireNonNull(group, "group is null");
    this.config = requireNonNull(config, "config is null");
    this.listener = requireNonNull(listener, "listener is null");
    if (this.chains.isEmpty()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "a consumer needs at least one chain");
    }
  }

  public void stop() {
    stopRequested = true;
  }

  public Result run() {
    long start = System.nanoTime();
    queue.ensureTopic(config.topic(), 1);
    Map<ChainId, ChainFeed<?>> feeds = new LinkedHashMap<>();
    try {
      for (Chain c : chains) {
        feeds.put(c.chain(), feed(c));
      }
      feeds.values().forEach(ChainFeed::reload);
      try (BlockQueue.Subscription in = subscribe(feeds)) {
        while (!stopRequested) {
          List<QueueRecord> records = in.poll(config.pollWait());
          if (records.isEmpty()) {
            feeds.values().forEach(ChainFeed::caughtUp);
            listener.idle(feeds.values().iterator().next().tip());
            if (config.exitAtTip() && in.atEnd()) {
              break;
            }
            continue;
          }
          dispatch(records, feeds);
        }
      }
      feeds.values().forEach(ChainFeed::caughtUp);
      long[] sums = new long[6];
      Map<ChainId, Optional<BlockRef>> tips = new LinkedHashMap<>();
      for (ChainFeed<?> f : feeds.values()) {
        sums[0] += f.blocks;
        sums[1] += f.transactions;
        sums[2] += f.rollbacks;
        sums[3] += f.duplicates;
        sums[4] += f.stale;
        sums[5] += f.deadLetters;
        tips.put(f.chain(), f.tip());
      }
      return new Result(tips.values().iterator().next(), sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], System.nanoTime() - start, tips);
    } finally {
      feeds.values().forEach(ChainFeed::close);
    }
  }

  private <D extends DecodedBlock> ChainFeed<D> feed(Chain c) {
    @SuppressWarnings("unchecked")
    BlockSplitter<D> splitter = (BlockSplitter<D>) c.splitter();
    return new ChainFeed<>(queue, warehouse, c.chain(), c.network(), splitter, bds, config, listener, () -> stopRequested);
  }

  /**
   * Reads every partition from the lowest position any chain committed on it (records a chain already applied are
   * skipped by it); in a group, the partitions the queue assigns, each time it assigns them.
   */
  private BlockQueue.Subscription subscribe(Map<ChainId, ChainFeed<?>> feeds) {
    if (group.isEmpty()) {
      return queue.subscribe(config.topic(), lowest(feeds.values(), null));
    }
    return queue.subscribeGroup(config.topic(), group.get(), new BlockQueue.Assignments() {
      @Override
      public Map<Integer, Long> assigned(Set<Integer> partitions) {
        // another member may have applied these partitions' chains meanwhile: read their state again
        feeds.values().forEach(ChainFeed::reload);
        return lowest(feeds.values(), partitions);
      }
    });
  }

  /**
   * For each partition (of {@code partitions}, or all when null), the lowest next offset among the chains that live on
   * it (their key's partition; a BDS topic's one chain lives on every partition); absent — read from the start — when
   * one of them has no position there yet.
   */
  private Map<Integer, Long> lowest(Iterable<ChainFeed<?>> feeds, Set<Integer> partitions) {
    Map<Integer, Long> out = new HashMap<>();
    Set<Integer> unknown = new java.util.HashSet<>();
    for (ChainFeed<?> f : feeds) {
      Set<Integer> lives = new java.util.HashSet<>();
      if (bds.isPresent()) {
        lives.addAll(f.next().keySet());
      } else {
        lives.add(queue.partitionOf(config.topic(), f.chain().value()));
      }
      for (int p : lives) {
        if (partitions != null && !partitions.contains(p)) {
          continue;
        }
        Long next = f.next().get(p);
        if (next == null) {
          unknown.add(p);
        } else {
          out.merge(p, next, Math::min);
        }
      }
    }
    unknown.forEach(out::remove);
    return out;
  }

  /** Hands each chain its records, in order; a record of a chain this consumer does not apply is skipped or set aside. */
  private void dispatch(List<QueueRecord> records, Map<ChainId, ChainFeed<?>> feeds) {
    if (bds.isPresent()) {
      feeds.values().iterator().next().handle(records);
      return;
    }
    Map<ChainId, List<QueueRecord>> byChain = new LinkedHashMap<>();
    for (QueueRecord r : records) {
      ChainId key;
      try {
        key = new ChainId(r.key());
      } catch (BdsException e) {
        key = null;
      }
      if (key != null && feeds.containsKey(key)) {
        byChain.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      } else if (group.isPresent()) {
        // a group member is given partitions, not chains: a chain nobody here applies would be lost
        feeds.values().iterator().next().setAside(r, "a record of chain '" + r.key() + "', which this consumer group does not apply");
      }
    }
    byChain.forEach((c, list) -> feeds.get(c).handle(list));
  }
}
