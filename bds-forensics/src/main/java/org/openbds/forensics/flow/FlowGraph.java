package org.openbds.forensics.flow;

import java.util.List;
import java.util.Optional;

/**
 * The flow of funds on a UTXO chain at output granularity: each output is spent by at most one transaction, so
 * spends link transactions exactly. Implementations read the warehouse; they are used from one thread at a time.
 */
public interface FlowGraph {
  /** The transaction {@code txid}, with the values and addresses of the outputs it spends. */
  Optional<FlowTransaction> transaction(String txid);

  /** The txid of the transaction that spends {@code outpoint}; empty while it is unspent. */
  Optional<String> spender(Outpoint outpoint);

  /** The outputs paying {@code address}, in chain order. */
  List<Outpoint> outputsPaying(String address);
}
