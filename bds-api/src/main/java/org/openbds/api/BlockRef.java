package org.openbds.api;

import static java.util.Objects.requireNonNull;

/** A position on a chain: a block height and the hash of the block at that height. */
public record BlockRef(long height, Hash32 hash) {
  public BlockRef {
    if (height < 0) {
      throw new IllegalArgumentException("height is negative: " + height);
    }
    requireNonNull(hash, "hash is null");
  }

  @Override
  public String toString() {
    return height + ":" + hash.toHex();
  }
}
