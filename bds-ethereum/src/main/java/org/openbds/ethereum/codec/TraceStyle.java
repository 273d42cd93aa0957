package org.openbds.ethereum.codec;

/** Which trace API a node answers, and so how a block's call traces were fetched. */
public enum TraceStyle {
  /** {@code trace_block}: Parity/OpenEthereum, Erigon, Nethermind, Reth, anvil. */
  PARITY,
  /** {@code debug_traceBlockByNumber} with {@code {"tracer": "callTracer"}}: Geth and its forks. */
  GETH,
  /** No traces fetched: internal transfers are unknown, so native balances cannot be derived. */
  NONE
}
