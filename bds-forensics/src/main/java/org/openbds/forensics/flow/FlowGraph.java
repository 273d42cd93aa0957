package org.openbds.forensics.flow;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** The outputs paying any of {@code addresses}, at once (implementations read them in a few queries). */
  default List<Outpoint> outputsPaying(Collection<String> addresses) {
    List<Outpoint> out = new java.util.ArrayList<>();
    for (String a : addresses) {
      out.addAll(outputsPaying(a));
    }
    return out;
  }

  /** The transactions of {@code txids} the chain holds, at once (implementations read them in a few queries). */
  default Map<String, FlowTransaction> transactions(Collection<String> txids) {
    Map<String, FlowTransaction> out = new HashMap<>();
    for (String txid : txids) {
      transaction(txid).ifPresent(tx -> out.put(txid, tx));
    }
    return out;
  }

  /** The spending txid of each of {@code outpoints} that is spent, at once. */
  default Map<Outpoint, String> spenders(Collection<Outpoint> outpoints) {
    Map<Outpoint, String> out = new HashMap<>();
    for (Outpoint o : outpoints) {
      spender(o).ifPresent(t -> out.put(o, t));
    }
    return out;
  }
}
