package org.openbds.ethereum.token;

import java.util.Optional;

/**
 * Runs a read-only call against a contract ({@code eth_call}) at a block the implementation chooses. Implementations
 * may be called from several threads at once if their users do so.
 */
@FunctionalInterface
public interface ContractCaller {
  /**
   * Calls {@code contractAddress} with {@code data} ({@code "0x"} + hex: a 4-byte selector and its arguments).
   *
   * @return the returned bytes as {@code "0x"} + hex, or empty when the call reverted or otherwise failed inside the
   *     EVM (the contract's answer is "no answer")
   * @throws org.openbds.api.BdsException when the node could not be asked (unreachable, lagging, a malformed reply):
   *     that is not an answer about the contract and must not turn into an unknown field
   */
  Optional<String> call(String contractAddress, String data);
}
