package org.openbds.ethereum.token;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a contract's runtime bytecode reveals.
 *
 * @param bytecodeHash keccak-256 of the code, {@code "0x"} + 64 hex (the account's code hash)
 * @param functionSelectors distinct selectors as {@code "0x"} + 8 hex, sorted
 */
public record ContractClassification(
    String bytecodeHash, List<String> functionSelectors, boolean isErc20, boolean isErc721, boolean isErc1155) {
  public ContractClassification {
    requireNonNull(bytecodeHash, "bytecodeHash is null");
    functionSelectors = List.copyOf(functionSelectors);
  }
}
