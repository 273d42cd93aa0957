package org.openbds.forensics.cluster;

import java.util.List;

/**
 * What clustering needs of a transaction: its warehouse id ({@code transactions.tx_id}), the address ids of its inputs (one per input; an input without an address
 * is left out) and, per output, its value and address id ({@code -1} for an output without one) and whether that
 * address is seen for the first time in this transaction.
 */
public record ClusterTransaction(long txId, long blockHeight, long[] inputAddresses, List<Output> outputs) {
  /** One output. */
  public record Output(long value, long address, boolean firstSeen) {}

  public ClusterTransaction {
    inputAddresses = inputAddresses.clone();
    outputs = List.copyOf(outputs);
  }
}
