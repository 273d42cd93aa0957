package org.openbds.bitcoin.codec;

import java.util.List;
import org.openbds.api.Hash32;

/**
 * A decoded transaction. {@code size} is the full serialized size, {@code baseSize} the size without witness data;
 * weight and virtual size follow BIP141. For a transaction without witness, {@code wtxid} equals {@code txid}.
 */
public record BitcoinTransaction(
    Hash32 txid,
    Hash32 wtxid,
    int version,
    long lockTime,
    List<TxInput> inputs,
    List<TxOutput> outputs,
    int size,
    int baseSize,
    boolean hasWitness) {

  public int weight() {
    return baseSize * 3 + size;
  }

  public int virtualSize() {
    return (weight() + 3) / 4;
  }

  public boolean isCoinbase() {
    return inputs.size() == 1 && inputs.get(0).isCoinbase();
  }

  public long outputValue() {
    long sum = 0;
    for (TxOutput o : outputs) {
      sum = Math.addExact(sum, o.value());
    }
    return sum;
  }
}
