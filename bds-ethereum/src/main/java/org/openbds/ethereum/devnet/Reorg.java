package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.openbds.api.Hash32;

/**
 * The outcome of a forced reorganisation: the blocks that left the chain and those that replaced them at the same
 * heights (both lowest first), and the tip afterwards (above the replaced heights when more blocks were mined on the
 * new branch).
 */
public record Reorg(long firstHeight, List<Hash32> orphanedBlocks, List<Hash32> replacementBlocks, Hash32 newTip, long newTipHeight) {
  public Reorg {
    orphanedBlocks = List.copyOf(orphanedBlocks);
    replacementBlocks = List.copyOf(replacementBlocks);
    requireNonNull(newTip, "newTip is null");
    if (orphanedBlocks.size() != replacementBlocks.size()) {
      throw new IllegalArgumentException(orphanedBlocks.size() + " orphaned blocks but " + replacementBlocks.size() + " replacements");
    }
  }

  /** How many blocks were replaced. */
  public int depth() {
    return orphanedBlocks.size();
  }
}
