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

  /**
   * Reads ahead what a forward trace may pass through, level by level and each level at once: the transactions
   * spending {@code start}, then those spending their outputs, for {@code levels} levels, following only outputs of a
   * positive value whose address is not one of {@code stops} (an output without one is followed), and going on only from
   * transactions whose time {@code expand} accepts; then whether the last level's outputs are spent. Stops after more
   * than {@code maxTransactions} transactions. Returns every transaction read (the start outputs' too); later calls
   * answer from what was read.
   */
  default Map<String, FlowTransaction> readAheadForward(Collection<Outpoint> start, int levels, java.util.Set<String> stops,
      java.util.function.Predicate<java.time.Instant> expand, int maxTransactions) {
    Map<String, FlowTransaction> read = new HashMap<>(transactions(start.stream().map(Outpoint::txid).toList()));
    java.util.Set<Outpoint> level = new java.util.LinkedHashSet<>(start);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int hop = 1; hop <= levels && !level.isEmpty(); hop++) {
      java.util.Set<String> next = new java.util.LinkedHashSet<>();
      for (String t : spenders(level).values()) {
        if (seen.add(t)) {
          next.add(t);
        }
      }
      Map<String, FlowTransaction> txs = transactions(next);
      read.putAll(txs);
      if (seen.size() > maxTransactions) {
        return read;
      }
      level = new java.util.LinkedHashSet<>();
      for (FlowTransaction tx : txs.values()) {
        if (!expand.test(tx.time())) {
          continue;
        }
        for (FlowTransaction.Output o : tx.outputs()) {
          if (o.value() > 0 && o.address().map(a -> !stops.contains(a)).orElse(true)) {
            level.add(tx.outpoint(o.vout()));
          }
        }
      }
    }
    if (!level.isEmpty()) {
      spenders(level);
    }
    return read;
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
