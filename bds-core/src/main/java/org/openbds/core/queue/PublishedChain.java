package org.openbds.core.queue;

import java.util.Iterator;
import java.util.Optional;
import java.util.TreeMap;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.Hash32;
import org.openbds.api.QueueMessage;
import org.openbds.api.QueueRecord;

/**
 * The chain a topic holds for one chain id, as its consumers will see it after replaying every message: read
 * backwards from the newest record, lazily, only as deep as asked. Newest first, a rollback to an ancestor hides the
 * older blocks above it, and each block names its parent, so the heights below the newest block are known without
 * reading every record. Records that are not block messages are passed over.
 */
final class PublishedChain {
  private final Iterator<QueueRecord> newestFirst;
  private final ChainId chain;
  private final String network;
  /** height → hash of the published chain, for the heights read so far */
  private final TreeMap<Long, Hash32> hashes = new TreeMap<>();
  private Optional<BlockRef> tip = Optional.empty();
  /** the lowest height whose block the backward read still looks for (the heights above it are settled) */
  private long expect = Long.MAX_VALUE;
  private boolean exhausted;

  PublishedChain(Iterator<QueueRecord> newestFirst, ChainId chain, String network) {
    this.newestFirst = newestFirst;
    this.chain = chain;
    this.network = network;
    readOne();
    if (!hashes.isEmpty()) {
      tip = Optional.of(new BlockRef(hashes.lastKey(), hashes.lastEntry().getValue()));
    }
  }

  /** The newest block of the published chain; empty when nothing was published. */
  Optional<BlockRef> tip() {
    return tip;
  }

  /** The published hash at {@code height} (at most the tip), reading older records as needed; empty below the first. */
  Optional<Hash32> hashAt(long height) {
    while (!hashes.containsKey(height) && !exhausted && expect >= height) {
      readOne();
    }
    return Optional.ofNullable(hashes.get(height));
  }

  /** Records a block published after the tip. */
  void published(BlockRef block, Hash32 parent) {
    if (block.height() > 0) {
      hashes.put(block.height() - 1, parent);
    }
    hashes.put(block.height(), block.hash());
    tip = Optional.of(block);
  }

  /** Records a rollback published to {@code ancestor}. */
  void rolledBack(BlockRef ancestor) {
    hashes.tailMap(ancestor.height(), false).clear();
    hashes.put(ancestor.height(), ancestor.hash());
    tip = Optional.of(ancestor);
  }

  private void readOne() {
    while (newestFirst.hasNext()) {
      QueueRecord r = newestFirst.next();
      QueueMessage m;
      try {
        m = BlockMessageCodec.decode(r.value(), r.where());
      } catch (org.openbds.api.BdsException e) {
        // not a message of ours (a foreign producer's): consumers set it aside; it says nothing about the chain
        continue;
      }
      if (!m.chain().equals(chain)) {
        continue;
      }
      if (!m.network().equals(network)) {
        throw new org.openbds.api.BdsException(
            org.openbds.api.ErrorCode.CHECKPOINT_MISMATCH,
            "queue record " + r.where() + " holds " + chain + " " + m.network() + ", not " + network + ": use another topic");
      }
      if (m instanceof QueueMessage.Rollback rb) {
        if (rb.ancestor().height() < expect) {
          hashes.putIfAbsent(rb.ancestor().height(), rb.ancestor().hash());
          expect = rb.ancestor().height();
        }
        return;
      }
      QueueMessage.Block b = (QueueMessage.Block) m;
      long h = b.block().height();
      if (h <= expect) {
        // the live chain at h (a block above what the read looks for was rolled back by a newer message)
        hashes.putIfAbsent(h, b.block().hash());
        if (h > 0) {
          hashes.putIfAbsent(h - 1, b.block().parent());
        }
        expect = h - 1;
      }
      return;
    }
    exhausted = true;
  }
}
