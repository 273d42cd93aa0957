package org.openbds.forensics.account;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The flow of an asset on an account chain: every balance change of the accounts asked about, with its counterparty
 * where there is one (native transfers from the call traces, top-level and internal; ERC-20 Transfer events; fees,
 * rewards, withdrawals and opening balances). Implementations read the warehouse; they are used from one thread.
 */
public interface AccountGraph {
  /**
   * Every event of {@code asset} that touches any of {@code accounts} (lower-case), from the start of
   * {@code fromBlock} on, in chain order; each once, even where it touches two of them.
   */
  List<AccountEvent> events(Collection<String> accounts, Asset asset, long fromBlock);

  /** Each account's balance of {@code asset} before {@code block} (zero for an account with none). */
  Map<String, BigInteger> balancesBefore(Collection<String> accounts, Asset asset, long block);

  /**
   * The transfers of {@code asset} that transaction {@code hash} made, in order.
   *
   * @throws IllegalArgumentException if the warehouse holds no such transaction
   */
  List<AccountEvent> transfersIn(String hash, Asset asset);

  /** The fee each of {@code transactions} paid, in the chain's native base unit (absent for a hash the warehouse lacks). */
  Map<String, BigInteger> fees(Collection<String> transactions);

  /** The first block at or after {@code time}; one past the tip if there is none. */
  long firstBlockAt(Instant time);

  /** The first block the warehouse holds. */
  long firstBlock();
}
