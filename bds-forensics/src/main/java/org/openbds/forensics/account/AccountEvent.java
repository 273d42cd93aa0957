package org.openbds.forensics.account;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * One change of account balances in an asset: a transfer between two accounts, or a change with one side only (a fee
 * paid, coins minted, a reward, a withdrawal credited, an opening balance, tokens minted or burnt). Value is a positive
 * integer of the asset's base unit.
 *
 * @param transaction the transaction's hash; empty for block-level changes and openings
 * @param from the account the value leaves; empty where it comes from outside the accounts (mined, minted, opening)
 * @param to the account the value reaches; empty where it leaves the accounts (fee, burn)
 */
public record AccountEvent(
    Position at, Kind kind, Optional<String> transaction, String blockHash, Instant time, Optional<String> from, Optional<String> to, BigInteger value) {

  /** What moved the value. */
  public enum Kind {
    /** The value of a transaction's top-level call or creation. */
    CALL(true),
    /** Value moved by a nested call, creation or self-destruct. */
    INTERNAL(true),
    /** An ERC-20 Transfer event between two holders. */
    TOKEN(true),
    /** The gas fee the sender paid. */
    FEE(false),
    /** The fee recipient's part of a transaction's fee. */
    MINER_FEE(false),
    /** A block or uncle reward. */
    REWARD(false),
    /** A beacon-chain withdrawal credited. */
    WITHDRAWAL(false),
    /** The balance an account had before the warehouse first saw it. */
    OPENING(false),
    /** Tokens created (a Transfer from the zero address). */
    MINT(false),
    /** Tokens destroyed (a Transfer to the zero address). */
    BURN(false);

    private final boolean transfer;

    Kind(boolean transfer) {
      this.transfer = transfer;
    }

    /** Whether it moves value from one account to another. */
    public boolean isTransfer() {
      return transfer;
    }
  }

  public AccountEvent {
    requireNonNull(at, "at is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(transaction, "transaction is null");
    requireNonNull(blockHash, "blockHash is null");
    requireNonNull(time, "time is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(kind + " at " + at + " moves " + value + "; only positive amounts are events");
    }
    if (kind.isTransfer() && (from.isEmpty() || to.isEmpty())) {
      throw new IllegalArgumentException("a " + kind + " at " + at + " needs both a sender and a recipient");
    }
    if (from.isEmpty() && to.isEmpty()) {
      throw new IllegalArgumentException(kind + " at " + at + " touches no account");
    }
  }
}
