package org.openbds.ethereum.split;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Optional;
import org.openbds.api.Hash32;

/** One change of an address's native balance (a row of {@code balance_changes}); {@code delta} is signed wei. */
public record BalanceChange(String address, Kind kind, BigInteger delta, Optional<Integer> transactionIndex, Optional<Hash32> transactionHash) {
  public BalanceChange {
    requireNonNull(address, "address is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(delta, "delta is null");
  }

  /** In the order of {@link EthTables#CHANGE_KINDS}. */
  public enum Kind {
    OPENING,
    VALUE,
    FEE,
    MINER_FEE,
    BLOCK_REWARD,
    UNCLE_REWARD,
    WITHDRAWAL;

    public String sqlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
