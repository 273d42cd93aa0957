package org.openbds.server;

import java.util.Map;
import java.util.Optional;

/**
 * The explorer's reads for one chain family: a block, a transaction, an address and its history. Each answer is a
 * JSON-ready map; an identifier of the wrong shape is a 400 ({@link ApiException}), one not in the warehouse is empty.
 * Implementations are stateless and safe for concurrent use.
 */
interface Explorer {
  /**
   * The lookup indexes its reads need, as {@code table(column)} of the chain's schema: created by the server when it
   * starts (unless {@code warehouse.lookup-indexes=false}), then kept up by every write.
   */
  java.util.List<String> lookupIndexes();

  /** The latest blocks, newest first, {@code limit} per page below the cursor's height. */
  Page blocks(String schema, Optional<Cursor> after, int limit);

  /** {@code id} is a height or a block hash. */
  Optional<Map<String, Object>> block(String schema, String id, int transactions);

  Optional<Map<String, Object>> transaction(String schema, String id);

  Optional<Map<String, Object>> address(String schema, String address);

  /**
   * Whom the address dealt with most: for the Bitcoin family {@code {paid_to, received_from}} (its own change left
   * out), for the Ethereum family a list of the addresses it exchanged most transactions with. Empty for an address
   * never seen. A separate read because it scans more than the address's own rows.
   */
  Optional<Object> counterparties(String schema, String address);

  /** The address's transactions, newest first, {@code limit} per page from {@code after} (exclusive). */
  Page history(String schema, String address, Optional<Cursor> after, int limit);

  /**
   * A block's transactions in the block's order, {@code limit} per page from {@code after} (exclusive); empty for a
   * block the warehouse does not hold. Only families whose blocks hold many transactions page them so.
   */
  default Optional<Page> blockTransactions(String schema, String id, Optional<Cursor> after, int limit) {
    throw new ApiException(501, "NOT_SUPPORTED", "this chain's family lists a block's transactions with the block (?transactions=N)");
  }

  /** Figures of the chain as a whole that its family keeps cheaply (the XRP Ledger's coins in existence); none by default. */
  default Optional<Map<String, Object>> summary(String schema) {
    return Optional.empty();
  }

  /** What the universal search box found for {@code text}: a list of {type, id} candidates. */
  java.util.List<Map<String, Object>> search(String schema, String text);
}
