package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transaction the activity is about to send: its kind, its {@code eth_sendTransaction} request, whether it must
 * succeed or fail (anything else is a bug the activity reports), and its effect on the ledger once mined.
 */
record PlannedTransaction(EvmActivityKind kind, Map<String, Object> request, boolean expectSuccess, TransactionEffect effect) {
  PlannedTransaction {
    requireNonNull(kind, "kind is null");
    request = Collections.unmodifiableMap(new LinkedHashMap<>(request));
    requireNonNull(effect, "effect is null");
  }
}
