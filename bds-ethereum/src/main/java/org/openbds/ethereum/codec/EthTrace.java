package org.openbds.ethereum.codec;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.openbds.api.Hash32;

/**
 * One node of a block's call tree, the same whether the node answered {@code trace_block} (Parity, Erigon, Nethermind,
 * anvil) or {@code debug_traceBlockByNumber} with the {@code callTracer} (Geth).
 *
 * <p>{@code traceType} is {@code call}, {@code create}, {@code suicide} (SELFDESTRUCT) or {@code reward} (Parity's
 * block and uncle rewards); {@code callType} is {@code call}, {@code callcode}, {@code delegatecall} or
 * {@code staticcall} for calls. {@code traceAddress} is the path from the transaction's top call (empty for it).
 * {@code error} is this frame's own failure; {@code reverted} is true when this frame or any ancestor failed, so that
 * none of its value moved. Value is wei, exact; zero where the frame moves none (delegatecall, staticcall, and
 * callcode, whose value goes from the caller to itself), so that summing value from {@code fromAddress} to
 * {@code toAddress} over the traces that are not reverted gives the native transfers.
 */
public record EthTrace(
    Optional<Hash32> transactionHash,
    Optional<Integer> transactionIndex,
    String traceType,
    Optional<String> callType,
    Optional<String> rewardType,
    Optional<String> fromAddress,
    Optional<String> toAddress,
    BigInteger value,
    Optional<String> input,
    Optional<String> output,
    Optional<BigInteger> gas,
    Optional<BigInteger> gasUsed,
    int subtraces,
    List<Integer> traceAddress,
    Optional<String> error,
    boolean reverted) {
  public EthTrace {
    requireNonNull(traceType, "traceType is null");
    requireNonNull(value, "value is null");
    traceAddress = List.copyOf(traceAddress);
  }

  /** Depth in the call tree: 0 for a transaction's top call. */
  public int depth() {
    return traceAddress.size();
  }
}
