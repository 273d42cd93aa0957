package org.openbds.bitcoin.split;

import org.openbds.api.BlockRef;
import org.openbds.api.DecodedBlock;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.script.OutputScript;

/**
 * A decoded block with every output script classified and every txid rendered, ready for the single apply thread.
 * The arrays are filled once by the decoding thread and only read afterwards.
 */
public record ClassifiedBlock(BitcoinBlock block, OutputScript[][] scripts, String[] txids) implements DecodedBlock {
  @Override
  public BlockRef ref() {
    return block.ref();
  }

  @Override
  public Hash32 parent() {
    return block.parent();
  }

  @Override
  public int transactionCount() {
    return block.transactionCount();
  }

  @Override
  public int sizeBytes() {
    return block.size();
  }
}
