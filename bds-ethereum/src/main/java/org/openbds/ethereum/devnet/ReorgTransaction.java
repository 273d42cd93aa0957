package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transaction for the new branch of {@link AnvilNode#reorg(int, java.util.List)}: an {@code eth_sendTransaction}
 * request from a dev account, and the block of the new branch it goes into (0 = the lowest replaced height).
 */
public record ReorgTransaction(Map<String, Object> request, int blockOffset) {
  public ReorgTransaction {
    requireNonNull(request, "request is null");
    request = Collections.unmodifiableMap(new LinkedHashMap<>(request));
    if (blockOffset < 0) {
      throw new IllegalArgumentException("blockOffset is negative: " + blockOffset);
    }
  }
}
