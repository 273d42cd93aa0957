package org.openbds.ethereum.devnet;

/** How a transaction pays for gas, which decides its type. */
enum FeeStyle {
  /** Type 0: {@code gasPrice}. */
  LEGACY,
  /** Type 1 (EIP-2930): {@code gasPrice} and an access list. */
  ACCESS_LIST,
  /** Type 2 (EIP-1559): {@code maxFeePerGas} and {@code maxPriorityFeePerGas}. */
  DYNAMIC_FEE
}
