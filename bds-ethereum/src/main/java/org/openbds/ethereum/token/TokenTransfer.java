package org.openbds.ethereum.token;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Optional;
import org.openbds.api.Hash32;

/**
 * One movement of tokens decoded from one event log. Addresses are {@code "0x"} + 40 lowercase hex.
 *
 * @param tokenAddress the contract that emitted the log
 * @param operator who moved the tokens on the owner's behalf; ERC-1155 only, empty for ERC-20 and ERC-721
 * @param value the amount moved, exact (0 to 2^256-1); always 1 for ERC-721
 * @param tokenId which token moved; empty for ERC-20
 * @param logIndex the log's position in its block
 * @param batchIndex the position within an ERC-1155 {@code TransferBatch} log; 0 for every other log
 */
public record TokenTransfer(
    String tokenAddress,
    TokenStandard standard,
    Optional<String> operator,
    String from,
    String to,
    BigInteger value,
    Optional<BigInteger> tokenId,
    Hash32 transactionHash,
    int logIndex,
    int batchIndex) {
  public TokenTransfer {
    requireNonNull(tokenAddress, "tokenAddress is null");
    requireNonNull(standard, "standard is null");
    requireNonNull(operator, "operator is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(value, "value is null");
    requireNonNull(tokenId, "tokenId is null");
    requireNonNull(transactionHash, "transactionHash is null");
  }
}
