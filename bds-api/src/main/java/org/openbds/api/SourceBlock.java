package org.openbds.api;

import static java.util.Objects.requireNonNull;

/**
 * A block as a source delivers it: its position, its parent and its raw bytes in the chain's own serialization.
 * {@code origin} says where it came from (a file and offset, a node URL) so that errors can name it.
 */
public record SourceBlock(long height, Hash32 hash, Hash32 parent, byte[] payload, String origin) {
  public SourceBlock {
    requireNonNull(hash, "hash is null");
    requireNonNull(parent, "parent is null");
    requireNonNull(payload, "payload is null");
    requireNonNull(origin, "origin is null");
  }

  public BlockRef ref() {
    return new BlockRef(height, hash);
  }
}
