package org.openbds.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers of hot reads (blocks, transactions, addresses, metric series), keyed by the chain's tip as well as the
 * request: once a block is added or rolled back the tip's hash changes, so no answer made before is found again — a
 * reorg can never serve a stale block. Least recently used answers go first.
 */
final class ResponseCache {
  private final int capacity;
  private final Map<String, String> entries;

  ResponseCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(Math.max(16, Math.min(capacity, 4096)), 0.75f, true);
  }

  static String key(Chains.Chain chain, String request) {
    return chain.id() + "@" + chain.tipHash().orElse("-") + ":" + chain.tipHeight().orElse(-1) + " " + request;
  }

  synchronized Optional<String> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  synchronized void put(String key, String json) {
    if (capacity == 0) {
      return;
    }
    entries.put(key, json);
    if (entries.size() > capacity) {
      var eldest = entries.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
