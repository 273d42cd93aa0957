package org.openbds.api;

/** A block decoded by its chain family's codec, ready to be split into rows. Immutable. */
public interface DecodedBlock {
  BlockRef ref();

  Hash32 parent();

  int transactionCount();

  /** The block's size in bytes as serialized on the chain. */
  int sizeBytes();
}
