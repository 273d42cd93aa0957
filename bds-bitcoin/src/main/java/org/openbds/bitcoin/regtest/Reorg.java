package org.openbds.bitcoin.regtest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.openbds.api.Hash32;

/**
 * The outcome of a forced reorganisation: the blocks that left the best chain (lowest first) and the tip of the new,
 * longer branch.
 */
public record Reorg(List<Hash32> orphanedBlocks, Hash32 newTip, long newTipHeight) {
  public Reorg {
    orphanedBlocks = List.copyOf(orphanedBlocks);
    requireNonNull(newTip, "newTip is null");
  }

  /** How many blocks were replaced. */
  public int depth() {
    return orphanedBlocks.size();
  }
}
