package org.openbds.ethereum.codec;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.openbds.api.Hash32;

/**
 * A block header and body as {@code eth_getBlockByNumber(n, true)} returns it, decoded. Addresses are {@code 0x} and
 * 40 lowercase hex digits; byte strings (extra data, logs bloom, nonce) are {@code 0x} and lowercase hex. Fields that
 * later forks added are empty on blocks before them (base fee before London, withdrawals before Shanghai, blob gas and
 * the beacon root before Cancun, the requests hash before Prague).
 */
public record EthBlock(
    long number,
    Hash32 hash,
    Hash32 parentHash,
    String nonce,
    Hash32 sha3Uncles,
    String logsBloom,
    Hash32 transactionsRoot,
    Hash32 stateRoot,
    Hash32 receiptsRoot,
    String miner,
    BigInteger difficulty,
    Optional<BigInteger> totalDifficulty,
    long size,
    String extraData,
    long gasLimit,
    long gasUsed,
    long timestamp,
    Optional<Hash32> mixHash,
    Optional<BigInteger> baseFeePerGas,
    Optional<Hash32> withdrawalsRoot,
    Optional<Long> blobGasUsed,
    Optional<Long> excessBlobGas,
    Optional<Hash32> parentBeaconBlockRoot,
    Optional<Hash32> requestsHash,
    List<Hash32> uncles,
    List<EthTransaction> transactions,
    Optional<List<EthWithdrawal>> withdrawals) {
  public EthBlock {
    requireNonNull(hash, "hash is null");
    requireNonNull(parentHash, "parentHash is null");
    requireNonNull(miner, "miner is null");
    requireNonNull(difficulty, "difficulty is null");
    uncles = List.copyOf(uncles);
    transactions = List.copyOf(transactions);
    withdrawals = withdrawals.map(List::copyOf);
  }
}
