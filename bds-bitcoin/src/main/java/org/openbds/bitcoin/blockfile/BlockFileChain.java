package org.openbds.bitcoin.blockfile;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.blockfile.BlockFileIndex.Entry;

/**
 * The best chain through the blocks of an index, found as a node finds it: link every block to its parent, start from
 * the genesis block (or from a given block), and follow the branch with the most accumulated proof of work (the
 * earliest stored wins a tie). Blocks on other branches are stale; blocks whose ancestry does not reach the start are
 * unconnected. Both are counted, never silently dropped from the report.
 */
public final class BlockFileChain {
  private final long startHeight;
  private final List<Entry> chain;
  private final int stale;
  private final int unconnected;

  private BlockFileChain(long startHeight, List<Entry> chain, int stale, int unconnected) {
    this.startHeight = startHeight;
    this.chain = chain;
    this.stale = stale;
    this.unconnected = unconnected;
  }

  /**
   * Builds the chain.
   *
   * @param genesis the network's genesis hash; empty to accept any block with an all-zero parent as genesis
   * @param checkpoint the warehouse tip, used to start from its child when the files do not reach back to genesis
   * @param startHeight the height of the first block when the files hold a segment of a chain (no genesis)
   */
  public static BlockFileChain build(
      BlockFileIndex index, Optional<Hash32> genesis, Optional<BlockRef> checkpoint, OptionalLong startHeight) {
    List<Entry> entries = index.entries();
    if (entries.isEmpty()) {
      return new BlockFileChain(0, List.of(), 0, 0);
    }
    Map<Hash32, List<Entry>> children = new HashMap<>();
    for (Entry e : entries) {
      children.computeIfAbsent(e.header().previousHash(), k -> new ArrayList<>()).add(e);
    }
    Entry root;
    long rootHeight;
    List<Entry> zeroParent = children.getOrDefault(Hash32.ZERO, List.of());
    if (startHeight.isPresent()) {
      List<Entry> roots = new ArrayList<>();
      for (Entry e : entries) {
        if (index.get(e.header().previousHash()) == null) {
          roots.add(e);
        }
      }
      if (roots.size() != 1) {
        throw new BdsException(
            ErrorCode.BROKEN_CHAIN,
            "--start-height needs the files to hold one connected segment, found " + roots.size() + " blocks without a parent in the files");
      }
      root = roots.get(0);
      rootHeight = startHeight.getAsLong();
    } else if (!zeroParent.isEmpty()) {
      root = zeroParent.get(0);
      if (genesis.isPresent() && !genesis.get().equals(root.hash())) {
        throw new BdsException(
            ErrorCode.BROKEN_CHAIN,
            "the files start with genesis block " + root.hash() + ", but this chain's genesis is " + genesis.get() + " (wrong --chain or --network?)");
      }
      rootHeight = 0;
    } else if (checkpoint.isPresent() && children.containsKey(checkpoint.get().hash())) {
      root = null;
      rootHeight = checkpoint.get().height() + 1;
    } else {
      throw new BdsException(
          ErrorCode.BROKEN_CHAIN,
          "the files hold no genesis block"
              + (checkpoint.isPresent() ? " and no child of the warehouse tip " + checkpoint.get() : "")
              + "; to import a segment of a chain give --start-height");
    }

    List<Entry> starts = root != null ? List.of(root) : children.get(checkpoint.get().hash());
    Map<Entry, BigInteger> work = new HashMap<>();
    Map<Entry, Entry> parentOf = new HashMap<>();
    Entry best = null;
    BigInteger bestWork = BigInteger.valueOf(-1);
    long bestDepth = -1;
    Map<Entry, Long> depth = new HashMap<>();
    ArrayDeque<Entry> queue = new ArrayDeque<>();
    for (Entry s : starts) {
      work.put(s, s.header().work());
      depth.put(s, 0L);
      queue.add(s);
    }
    int reached = 0;
    while (!queue.isEmpty()) {
      Entry e = queue.poll();
      reached++;
      BigInteger w = work.get(e);
      int cmp = w.compareTo(bestWork);
      if (cmp > 0 || (cmp == 0 && best != null && e.sequence() < best.sequence())) {
        best = e;
        bestWork = w;
        bestDepth = depth.get(e);
      }
      for (Entry c : children.getOrDefault(e.hash(), List.of())) {
        work.put(c, w.add(c.header().work()));
        depth.put(c, depth.get(e) + 1);
        parentOf.put(c, e);
        queue.add(c);
      }
    }
    List<Entry> chain = new ArrayList<>((int) bestDepth + 1);
    for (Entry e = best; e != null; e = parentOf.get(e)) {
      chain.add(e);
    }
    Collections.reverse(chain);
    int stale = reached - chain.size();
    int unconnected = entries.size() - reached;
    if (root == null) {
      // started from the checkpoint's children: the files' blocks before it are not part of this run
      unconnected = 0;
      for (Entry e : entries) {
        if (!work.containsKey(e)) {
          unconnected++;
        }
      }
    }
    return new BlockFileChain(rootHeight, List.copyOf(chain), stale, unconnected);
  }

  public long startHeight() {
    return startHeight;
  }

  public List<Entry> blocks() {
    return chain;
  }

  public long tipHeight() {
    return startHeight + chain.size() - 1;
  }

  /** Blocks on branches that lost to the best chain. */
  public int staleBlocks() {
    return stale;
  }

  /** Blocks whose ancestry does not reach the start of the chain (a gap in the files). */
  public int unconnectedBlocks() {
    return unconnected;
  }
}
