package org.openbds.xrp.codec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.openbds.api.BlockRef;
import org.openbds.api.DecodedBlock;
import org.openbds.api.Hash32;

/**
 * A validated ledger with its transactions in the order they were applied.
 *
 * @param closeTime seconds since 2000-01-01T00:00:00Z (the XRP Ledger's epoch), as the header has it
 * @param totalCoins drops in existence after this ledger (fees burnt reduce it)
 * @param sizeBytes bytes of its transactions and their metadata in the network's binary form (what the ledger holds,
 *     whatever API version or transport printed it)
 */
public record XrpLedger(
    long index,
    Hash32 hash,
    Hash32 parentHash,
    long closeTime,
    OptionalLong parentCloseTime,
    int closeTimeResolution,
    OptionalInt closeFlags,
    long totalCoins,
    Optional<Hash32> transactionHash,
    Optional<Hash32> accountHash,
    List<XrpTransaction> transactions,
    int sizeBytes)
    implements DecodedBlock {

  /** Seconds from 1970-01-01 to 2000-01-01, the XRP Ledger's epoch. */
  public static final long RIPPLE_EPOCH = 946_684_800L;

  public XrpLedger {
    requireNonNull(hash, "hash is null");
    requireNonNull(parentHash, "parentHash is null");
    transactions = List.copyOf(transactions);
  }

  @Override
  public BlockRef ref() {
    return new BlockRef(index, hash);
  }

  @Override
  public Hash32 parent() {
    return parentHash;
  }

  @Override
  public int transactionCount() {
    return transactions.size();
  }

  /** This ledger with its size in bytes set. */
  public XrpLedger withSize(int bytes) {
    return new XrpLedger(index, hash, parentHash, closeTime, parentCloseTime, closeTimeResolution, closeFlags, totalCoins,
        transactionHash, accountHash, transactions, bytes);
  }

  /** The close time in seconds since 1970-01-01 UTC. */
  public long closeEpochSeconds() {
    return closeTime + RIPPLE_EPOCH;
  }

  /** Drops burnt as fees by this ledger's transactions. */
  public long feesBurnt() {
    long sum = 0;
    for (XrpTransaction t : transactions) {
      sum = Math.addExact(sum, t.fee());
    }
    return sum;
  }
}
