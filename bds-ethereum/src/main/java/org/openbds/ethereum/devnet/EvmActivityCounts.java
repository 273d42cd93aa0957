package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What an {@link EvmActivity} has done so far: rounds, blocks it mined (reorg replacements included), transactions by
 * kind (counted when sent, so those a reorg later dropped stay counted) and reorgs. Every kind has an entry.
 */
public record EvmActivityCounts(int rounds, int blocksMined, Map<EvmActivityKind, Integer> transactions, int reorgs) {
  public EvmActivityCounts {
    requireNonNull(transactions, "transactions is null");
    EnumMap<EvmActivityKind, Integer> all = new EnumMap<>(EvmActivityKind.class);
    for (EvmActivityKind kind : EvmActivityKind.values()) {
      all.put(kind, transactions.getOrDefault(kind, 0));
    }
    transactions = Collections.unmodifiableMap(all);
  }

  public int transactions(EvmActivityKind kind) {
    return transactions.get(kind);
  }

  public int totalTransactions() {
    return transactions.values().stream().mapToInt(Integer::intValue).sum();
  }
}
