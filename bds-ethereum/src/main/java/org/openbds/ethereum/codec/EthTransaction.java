package org.openbds.ethereum.codec;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.openbds.api.Hash32;

/**
 * A transaction of a block as the node returns it (types 0 legacy, 1 access list, 2 EIP-1559, 3 blob, 4 set-code).
 * {@code to} is empty for a contract creation. Amounts are wei, exact. Fields a type does not carry are empty: a
 * legacy transaction has {@code gasPrice} and no fee caps; a type-2 transaction has fee caps, and {@code gasPrice} only
 * where the node reports the effective price.
 */
public record EthTransaction(
    Hash32 hash,
    long nonce,
    int transactionIndex,
    String from,
    Optional<String> to,
    BigInteger value,
    long gas,
    Optional<BigInteger> gasPrice,
    String input,
    int type,
    Optional<BigInteger> maxFeePerGas,
    Optional<BigInteger> maxPriorityFeePerGas,
    Optional<BigInteger> maxFeePerBlobGas,
    List<Hash32> blobVersionedHashes,
    Optional<Long> chainId,
    int accessListEntries,
    int authorizations) {
  public EthTransaction {
    requireNonNull(hash, "hash is null");
    requireNonNull(from, "from is null");
    requireNonNull(value, "value is null");
    requireNonNull(input, "input is null");
    blobVersionedHashes = List.copyOf(blobVersionedHashes);
  }
}
