package org.openbds.api;

import static java.util.Objects.requireNonNull;

/**
 * What travels on a block queue for one chain: its blocks in order, and rollbacks. A rollback tells the consumers that
 * every block above {@code ancestor} left the chain (a reorg); the blocks of the new branch follow it.
 */
public sealed interface QueueMessage permits QueueMessage.Block, QueueMessage.Rollback {
  ChainId chain();

  /** The network the chain's blocks belong to (mainnet, regtest…): a consumer refuses blocks of another network. */
  String network();

  /** A block, raw as its source delivered it. */
  record Block(ChainId chain, String network, SourceBlock block) implements QueueMessage {
    public Block {
      requireNonNull(chain, "chain is null");
      requireNonNull(network, "network is null");
      requireNonNull(block, "block is null");
    }
  }

  /** Every block above {@code ancestor} is gone; {@code abandoned} was the tip before. */
  record Rollback(ChainId chain, String network, BlockRef ancestor, BlockRef abandoned) implements QueueMessage {
    public Rollback {
      requireNonNull(chain, "chain is null");
      requireNonNull(network, "network is null");
      requireNonNull(ancestor, "ancestor is null");
      requireNonNull(abandoned, "abandoned is null");
      if (abandoned.height() <= ancestor.height()) {
        throw new IllegalArgumentException("a rollback from " + abandoned + " to " + ancestor + " removes nothing");
      }
    }
  }
}
