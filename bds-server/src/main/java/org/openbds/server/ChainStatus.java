package org.openbds.server;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.openbds.api.BlockRef;
import org.openbds.core.BlockPipeline;
import org.openbds.core.ImportProgress;
import org.openbds.core.SyncListener;

/**
 * What the syncs running in this process report, per chain, for {@code /metrics} and the overview: the node's tip,
 * blocks applied, reorgs and errors. A chain synced by another process has only what the warehouse holds (its tip).
 * Thread-safe: syncs write from their threads, requests read.
 */
public final class ChainStatus {
  /** One chain's figures at one moment. */
  record Snapshot(
      String chain, OptionalLong tipHeight, OptionalLong nodeTip, long blocksApplied, long reorgs, long errors, double blocksPerSecond,
      Optional<String> lastError) {}

  private static final class State {
    volatile long nodeTip = -1;
    final java.util.concurrent.atomic.AtomicLong blocks = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong reorgs = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
    volatile String lastError;
    volatile double rate;
    volatile long lastNanos;
  }

  private final Map<String, State> states = new ConcurrentHashMap<>();

  /** A listener to hand to the sync of {@code chain}. */
  public SyncListener listener(String chain) {
    State s = states.computeIfAbsent(chain, c -> new State());
    return new SyncListener() {
      @Override
      public void progress(ImportProgress progress) {
        s.blocks.set(progress.blocks());
        if (progress.elapsedNanos() > 0) {
          s.rate = progress.blocks() / (progress.elapsedNanos() / 1e9);
        }
        progress.expectedTip().ifPresent(t -> s.nodeTip = t);
        s.lastNanos = System.nanoTime();
      }

      @Override
      public void caughtUp(BlockRef tip, long nodeTip) {
        s.nodeTip = nodeTip;
      }

      @Override
      public void block(BlockPipeline.AppliedBlock block, long nodeTip) {
        s.nodeTip = nodeTip;
        s.blocks.incrementAndGet();
        rate(s);
      }

      @Override
      public void reorg(BlockRef oldTip, BlockRef ancestor) {
        s.reorgs.incrementAndGet();
      }
    };
  }

  /** Records a failure of the chain's sync (it is retried or stops; the count and the last message are shown). */
  public void error(String chain, String message) {
    State s = states.computeIfAbsent(chain, c -> new State());
    s.errors.incrementAndGet();
    s.lastError = message;
  }

  /** One more block applied now: a moving average of the rate between blocks. */
  private static void rate(State s) {
    long now = System.nanoTime();
    if (s.lastNanos != 0) {
      double seconds = Math.max(1e-3, (now - s.lastNanos) / 1e9);
      double instant = 1 / seconds;
      s.rate = s.rate == 0 ? instant : 0.8 * s.rate + 0.2 * instant;
    }
    s.lastNanos = now;
  }

  Snapshot snapshot(String chain, OptionalLong tipHeight) {
    State s = states.get(chain);
    if (s == null) {
      return new Snapshot(chain, tipHeight, OptionalLong.empty(), 0, 0, 0, 0, Optional.empty());
    }
    return new Snapshot(
        chain, tipHeight, s.nodeTip < 0 ? OptionalLong.empty() : OptionalLong.of(s.nodeTip), s.blocks.get(), s.reorgs.get(), s.errors.get(), s.rate,
        Optional.ofNullable(s.lastError));
  }

  static void render(Iterable<Snapshot> chains, StringBuilder out) {
    out.append("# HELP bds_chain_tip_height Height of the warehouse's last block of the chain.\n# TYPE bds_chain_tip_height gauge\n");
    for (Snapshot c : chains) {
      c.tipHeight().ifPresent(h -> out.append("bds_chain_tip_height{").append(ServerMetrics.label("chain", c.chain())).append("} ").append(h).append('\n'));
    }
    out.append("# HELP bds_chain_node_tip_height Height of the node's tip, as last seen by a sync in this process.\n# TYPE bds_chain_node_tip_height gauge\n");
    for (Snapshot c : chains) {
      c.nodeTip().ifPresent(h -> out.append("bds_chain_node_tip_height{").append(ServerMetrics.label("chain", c.chain())).append("} ").append(h).append('\n'));
    }
    out.append("# HELP bds_chain_lag_blocks Blocks the warehouse is behind the node.\n# TYPE bds_chain_lag_blocks gauge\n");
    for (Snapshot c : chains) {
      if (c.nodeTip().isPresent() && c.tipHeight().isPresent()) {
        out.append("bds_chain_lag_blocks{").append(ServerMetrics.label("chain", c.chain())).append("} ")
            .append(Math.max(0, c.nodeTip().getAsLong() - c.tipHeight().getAsLong())).append('\n');
      }
    }
    out.append("# HELP bds_chain_blocks_per_second Blocks applied per second (moving average).\n# TYPE bds_chain_blocks_per_second gauge\n");
    for (Snapshot c : chains) {
      out.append("bds_chain_blocks_per_second{").append(ServerMetrics.label("chain", c.chain())).append("} ").append(ServerMetrics.format(c.blocksPerSecond())).append('\n');
    }
    out.append("# HELP bds_chain_reorgs_total Reorganizations rolled back.\n# TYPE bds_chain_reorgs_total counter\n");
    for (Snapshot c : chains) {
      out.append("bds_chain_reorgs_total{").append(ServerMetrics.label("chain", c.chain())).append("} ").append(c.reorgs()).append('\n');
    }
    out.append("# HELP bds_chain_errors_total Sync failures.\n# TYPE bds_chain_errors_total counter\n");
    for (Snapshot c : chains) {
      out.append("bds_chain_errors_total{").append(ServerMetrics.label("chain", c.chain())).append("} ").append(c.errors()).append('\n');
    }
  }
}
