package org.openbds.core.queue;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.BlockQueue;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.NodeSource;
import org.openbds.api.QueueMessage;
import org.openbds.api.SourceBlock;

/**
 * Publishes one chain from a node to a block queue ({@code bds source}): catches up from what the topic already holds,
 * then follows the node's tip until stopped. The topic itself is the publisher's checkpoint: on start it reads the
 * chain's newest records back. When the node no longer has the published tip, the publisher walks back, height by
 * height, to the highest block both hold, publishes a {@link QueueMessage.Rollback} to it, then the node's branch —
 * any depth.
 *
 * <p>Messages are sent asynchronously and flushed (stored durably) after every pass and before a rollback; a publisher
 * killed at any instant restarts from what was stored and publishes the rest, and a block stored twice (sent, then
 * the process died before it learnt so) is recognised by consumers as a duplicate.
 *
 * <p>{@link #run} belongs to one thread; {@link #stop} may be called from any thread.
 */
public final class BlockPublisher {
  /** What the publisher reports while it runs; called on the publishing thread. */
  public interface Listener {
    default void published(BlockRef tip, long blocks, long nodeTip) {}

    default void caughtUp(Optional<BlockRef> tip, long nodeTip) {}

    default void rollback(BlockRef abandoned, BlockRef ancestor) {}
  }

  /** What a run did. */
  public record Result(Optional<BlockRef> startedAfter, Optional<BlockRef> tip, long blocks, long bytes, long rollbacks, long elapsedNanos) {}

  private static final int FLUSH_EVERY = 200;

  private final BlockQueue queue;
  private final ChainId chain;
  private final String network;
  private final NodeSource node;
  private final PublishConfig config;
  private final Listener listener;
  private volatile boolean stopRequested;

  public BlockPublisher(BlockQueue queue, ChainId chain, String network, NodeSource node, PublishConfig config, Listener listener) {
    this.queue = requireNonNull(queue, "queue is null");
    this.chain = requireNonNull(chain, "chain is null");
    this.network = requireNonNull(network, "network is null");
    this.node = requireNonNull(node, "node is null");
    this.config = requireNonNull(config, "config is null");
    this.listener = requireNonNull(listener, "listener is null");
  }

  public void stop() {
    stopRequested = true;
  }

  public Result run() {
    long start = System.nanoTime();
    queue.ensureTopic(config.topic(), config.partitions());
    PublishedChain published = new PublishedChain(queue.newestFirst(config.topic(), chain.value()), chain, network);
    Optional<BlockRef> startedAfter = published.tip();
    long blocks = 0;
    long bytes = 0;
    long rollbacks = 0;
    boolean caughtUp = false;
    try (BlockQueue.Publisher out = queue.publisher(config.topic())) {
      node.rangeStartsAt(config.startHeight());
      while (!stopRequested) {
        long nodeTip = node.tipHeight();
        Optional<BlockRef> tip = published.tip();
        if (tip.isPresent() && !node.hashAt(tip.get().height()).equals(Optional.of(tip.get().hash()))) {
          BlockRef ancestor = commonAncestor(published, tip.get());
          send(out, new QueueMessage.Rollback(chain, network, ancestor, tip.get()));
          out.flush();
          published.rolledBack(ancestor);
          listener.rollback(tip.get(), ancestor);
          rollbacks++;
          continue;
        }
        long target = nodeTip - config.confirmations();
        long next = tip.map(t -> t.height() + 1).orElse(config.startHeight());
        if (next > target) {
          if (!caughtUp) {
            caughtUp = true;
            listener.caughtUp(tip, nodeTip);
          }
          if (config.exitAtTip()) {
            break;
          }
          node.awaitNewTip(tip.orElse(null), config.tipWait());
          continue;
        }
        long pass = 0;
        try (NodeSource.BlockStream stream = node.blocks(next, target)) {
          while (!stopRequested && stream.hasNext()) {
            SourceBlock b = stream.next();
            Optional<BlockRef> current = published.tip();
            boolean links = current.isEmpty()
                ? b.height() == next
                : b.height() == current.get().height() + 1 && b.parent().equals(current.get().hash());
            if (!links) {
              // the node reorganized while we fetched: the next round walks back from the published tip
              break;
            }
            send(out, new QueueMessage.Block(chain, network, b));
            published.published(b.ref(), b.parent());
            blocks++;
            pass++;
            bytes += b.payload().length;
            if (pass % FLUSH_EVERY == 0) {
              out.flush();
              listener.published(b.ref(), blocks, nodeTip);
            }
          }
        }
        out.flush();
        published.tip().ifPresent(t -> listener.published(t, 0, nodeTip));
      }
    }
    return new Result(startedAfter, published.tip(), blocks, bytes, rollbacks, System.nanoTime() - start);
  }

  private void send(BlockQueue.Publisher out, QueueMessage m) {
    out.send(chain.value(), BlockMessageCodec.encode(m), Map.of());
  }

  private BlockRef commonAncestor(PublishedChain published, BlockRef tip) {
    for (long h = tip.height() - 1; h >= 0; h--) {
      Optional<Hash32> ours = published.hashAt(h);
      if (ours.isEmpty()) {
        break;
      }
      if (node.hashAt(h).equals(ours)) {
        return new BlockRef(h, ours.get());
      }
    }
    throw new BdsException(
        ErrorCode.CHECKPOINT_MISMATCH,
        "none of the blocks of " + chain + " published to " + config.topic() + " at " + queue.endpoint() + " is on the chain of the node at "
            + node.endpoint() + ": is it a node of another network?");
  }
}
