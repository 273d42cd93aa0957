package org.openbds.bitcoin.codec;

import org.openbds.api.Hash32;

/**
 * A transaction input. {@code previousVout} is the unsigned 32-bit index of the spent output; a coinbase input has a
 * zero {@code previousTxid} and index 0xffffffff. {@code witness} is the serialized witness stack (count and items),
 * or null when the transaction carries no witness for this input or the codec was told not to retain witnesses
 * ({@code witnessItems} is counted either way).
 */
public record TxInput(Hash32 previousTxid, long previousVout, byte[] scriptSig, long sequence, int witnessItems, byte[] witness) {
  public static final long COINBASE_VOUT = 0xffffffffL;

  public boolean isCoinbase() {
    return previousVout == COINBASE_VOUT && previousTxid.isZero();
  }
}
