package org.openbds.bitcoin.codec;

import java.util.List;
import org.openbds.api.BlockRef;
import org.openbds.api.DecodedBlock;
import org.openbds.api.Hash32;

/** A decoded Bitcoin-family block at a known height. */
public record BitcoinBlock(long height, BlockHeader header, List<BitcoinTransaction> transactions, int size, int strippedSize)
    implements DecodedBlock {

  public Hash32 hash() {
    return header.hash();
  }

  @Override
  public BlockRef ref() {
    return new BlockRef(height, header.hash());
  }

  @Override
  public Hash32 parent() {
    return header.previousHash();
  }

  @Override
  public int transactionCount() {
    return transactions.size();
  }

  @Override
  public int sizeBytes() {
    return size;
  }

  public int weight() {
    return strippedSize * 3 + size;
  }
}
