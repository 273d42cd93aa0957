package org.openbds.ethereum.codec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything the node says about one block: the block with its transactions, one receipt per transaction in block
 * order, and the call traces when the node has a trace API (empty when the source was told to fetch none).
 */
public record EthBlockBundle(EthBlock block, List<EthReceipt> receipts, Optional<List<EthTrace>> traces) {
  public EthBlockBundle {
    requireNonNull(block, "block is null");
    receipts = List.copyOf(receipts);
    traces = traces.map(List::copyOf);
  }
}
