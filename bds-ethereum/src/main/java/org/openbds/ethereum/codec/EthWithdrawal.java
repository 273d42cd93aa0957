package org.openbds.ethereum.codec;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/** A beacon-chain withdrawal credited in the block (EIP-4895); the node reports the amount in gwei. */
public record EthWithdrawal(long index, long validatorIndex, String address, BigInteger amountGwei) {
  public EthWithdrawal {
    requireNonNull(address, "address is null");
    requireNonNull(amountGwei, "amountGwei is null");
  }

  public BigInteger amountWei() {
    return amountGwei.multiply(BigInteger.valueOf(1_000_000_000L));
  }
}
