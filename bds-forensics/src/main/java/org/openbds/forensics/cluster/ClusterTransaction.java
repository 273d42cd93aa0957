package org.openbds.forensics.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What clustering needs of a transaction: its warehouse id ({@code transactions.tx_id}) and block height, the address
 * ids of its inputs (an input without an address is left out), the largest number of its outputs that carry one and
 * the same positive value (what CoinJoin recognition looks at), and — for a change heuristic — its outputs: value,
 * address id ({@code -1} for none) and whether that address is seen for the first time in this transaction.
 */
public record ClusterTransaction(long txId, long blockHeight, long[] inputAddresses, int equalOutputs, List<Output> outputs) {
  /** One output. */
  public record Output(long value, long address, boolean firstSeen) {}

  public ClusterTransaction {
    inputAddresses = inputAddresses.clone();
    outputs = List.copyOf(outputs);
    if (equalOutputs < 0) {
      throw new IllegalArgumentException("a count of outputs cannot be negative: " + equalOutputs);
    }
  }

  /** A transaction with its outputs, their equal-value count worked out from them. */
  public static ClusterTransaction of(long txId, long blockHeight, long[] inputAddresses, List<Output> outputs) {
    return new ClusterTransaction(txId, blockHeight, inputAddresses, equalOutputs(outputs), outputs);
  }

  /** The largest number of outputs that carry one and the same positive value (0 when no value repeats or all are 0). */
  public static int equalOutputs(List<Output> outputs) {
    Map<Long, Integer> byValue = new HashMap<>();
    int equal = 0;
    for (Output o : outputs) {
      if (o.value() > 0) {
        equal = Math.max(equal, byValue.merge(o.value(), 1, Integer::sum));
      }
    }
    return equal >= 2 ? equal : 0;
  }
}
