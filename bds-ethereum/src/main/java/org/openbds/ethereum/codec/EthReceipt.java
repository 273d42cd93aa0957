package org.openbds.ethereum.codec;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.openbds.api.Hash32;

/**
 * A transaction receipt. {@code status} is 1 (success) or 0 (failed) from Byzantium on; older receipts carry the
 * intermediate state {@code root} instead and no status. {@code effectiveGasPrice} is what the sender paid per gas
 * (absent from some old nodes' receipts: then the transaction's gas price is it).
 */
public record EthReceipt(
    Hash32 transactionHash,
    int transactionIndex,
    long cumulativeGasUsed,
    long gasUsed,
    Optional<String> contractAddress,
    Optional<Integer> status,
    Optional<Hash32> root,
    Optional<BigInteger> effectiveGasPrice,
    Optional<Long> blobGasUsed,
    Optional<BigInteger> blobGasPrice,
    String logsBloom,
    List<EthLog> logs) {
  public EthReceipt {
    requireNonNull(transactionHash, "transactionHash is null");
    logs = List.copyOf(logs);
  }
}
