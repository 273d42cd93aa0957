package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The explorer of the Ethereum family. Wei amounts, token amounts and ids are exact decimal strings (see
 * {@link JsonValues}); an address's history is its balance changes grouped by transaction, so fees, internal
 * transfers, rewards and withdrawals appear as well as plain transfers.
 */
final class EthereumExplorer implements Explorer {
  private static final String BLOCK_COLUMNS =
      "number, hash, parent_hash, timestamp, miner, difficulty, total_difficulty, size, gas_limit, gas_used,"
          + " base_fee_per_gas, burnt_fees, transaction_count, uncle_count, withdrawal_count, nonce, mix_hash, sha3_uncles,"
          + " transactions_root, state_root, receipts_root, extra_data, withdrawals_root, blob_gas_used, excess_blob_gas,"
          + " parent_beacon_block_root, requests_hash";

  private final ReaderPool readers;

  EthereumExplorer(ReaderPool readers) {
    this.readers = requireNonNull(readers, "readers is null");
  }

  /** Transactions and blocks by hash, an address's balance changes. */
  @Override
  public List<String> lookupIndexes() {
    return List.of("transactions(hash)", "blocks(hash)", "balance_changes(address)");
  }

  @Override
  public Optional<Map<String, Object>> block(String s, String id, int transactions) {
    Optional<Map<String, Object>> block;
    if (Identifiers.isHeight(id)) {
      block = readers.row("SELECT " + BLOCK_COLUMNS + " FROM " + s + ".blocks WHERE number = ?", Long.parseLong(id));
    } else {
      block = readers.row("SELECT " + BLOCK_COLUMNS + " FROM " + s + ".blocks WHERE hash = ?", Identifiers.evmHash(id, "a block id"));
    }
    block.ifPresent(
        b ->
            b.put(
                "transactions",
                readers.rows(
                    "SELECT hash, transaction_index, from_address, to_address, value, fee, status, gas_used FROM " + s
                        + ".transactions WHERE block_number = ? ORDER BY transaction_index LIMIT ?",
                    b.get("number"),
                    transactions)));
    return block;
  }

  @Override
  public Page blocks(String s, Optional<Cursor> after, int limit) {
    long below = after.map(Cursor::first).orElse(Long.MAX_VALUE);
    return BitcoinExplorer.page(
        readers.rows(
            "SELECT number AS height, hash, timestamp AS time, transaction_count AS tx_count, size, gas_used, miner, burnt_fees FROM " + s
                + ".blocks WHERE number < ? ORDER BY number DESC LIMIT ?",
            below,
            limit + 1),
        limit,
        "height",
        false);
  }

  @Override
  public Optional<Map<String, Object>> transaction(String s, String id) {
    String hash = Identifiers.evmHash(id, "a transaction hash");
    Optional<Map<String, Object>> tx = readers.row("SELECT " + valueColumns(s, "transactions") + " FROM " + s + ".transactions WHERE hash = ?", hash);
    tx.ifPresent(
        t -> {
          Object block = t.get("block_number");
          t.put(
              "token_transfers",
              readers.rows(
                  "SELECT log_index, batch_index, token_address, token_standard, operator_address, from_address, to_address,"
                      + " value, token_id FROM " + s + ".token_transfers WHERE block_number = ? AND transaction_hash = ?"
                      + " ORDER BY log_index, batch_index",
                  block,
                  hash));
          t.put(
              "internal_transactions",
              readers.rows(
                  "SELECT trace_address, depth, trace_type, call_type, from_address, to_address, value, gas_used, error, reverted"
                      + " FROM " + s + ".traces WHERE block_number = ? AND transaction_hash = ? AND depth > 0 ORDER BY trace_index",
                  block,
                  hash));
          t.put(
              "logs",
              readers.rows(
                  "SELECT log_index, address, topic0, topic1, topic2, topic3, data FROM " + s + ".logs"
                      + " WHERE block_number = ? AND transaction_hash = ? ORDER BY log_index",
                  block,
                  hash));
          Object tip = readers.row("SELECT max(number) AS tip FROM " + s + ".blocks").orElseThrow().get("tip");
          t.put("confirmations", ((Number) tip).longValue() - ((Number) block).longValue() + 1);
        });
    return tx;
  }

  /**
   * The table's columns but the stored digit columns ({@code x_digits}) that back the embedded warehouse's exact
   * columns {@code x} (PostgreSQL has none: its {@code x} is a NUMERIC column).
   */
  private String valueColumns(String s, String table) {
    List<String> names = new ArrayList<>();
    for (String c : readers.columns(s, table)) {
      if (!c.endsWith("_digits")) {
        names.add("\"" + c + "\"");
      }
    }
    return String.join(", ", names);
  }

  @Override
  public Optional<Map<String, Object>> address(String s, String address) {
    String a = address(address);
    if (!seen(s, a)) {
      return Optional.empty();
    }
    // an address whose ether balance never changed (a token contract only called, a holder of tokens alone) has balance 0
    Optional<Map<String, Object>> found =
        readers.row(
            "SELECT CAST(? AS VARCHAR) AS address, coalesce(a.balance, CAST(0 AS " + readers.dialect().bigInteger + ")) AS balance, coalesce(a.changes, 0) AS changes,"
                + " a.first_block, a.last_block, f.timestamp AS first_seen, l.timestamp AS last_seen"
                + " FROM (SELECT 1) one LEFT JOIN " + s + ".addresses a ON a.address = ? LEFT JOIN " + s + ".blocks f ON f.number = a.first_block"
                + " LEFT JOIN " + s + ".blocks l ON l.number = a.last_block",
            a,
            a);
    found.ifPresent(
        f -> {
          f.put("is_contract", readers.row("SELECT 1 FROM " + s + ".contracts WHERE address = ?", a).isPresent());
          f.put(
              "tokens",
              readers.rows(
                  "SELECT b.token_address, b.token_standard, t.symbol, t.decimals, b.token_id, b.balance FROM " + s
                      + ".token_balances b LEFT JOIN " + s + ".tokens t ON t.address = b.token_address"
                      + " WHERE b.holder = ? AND b.balance <> 0 ORDER BY b.token_address, b.token_id LIMIT 100",
                  a));
        });
    return found;
  }

  /** The ten addresses it exchanged most transactions with (either direction; self-transfers and creations left out). */
  @Override
  public Optional<Object> counterparties(String s, String address) {
    String a = address(address);
    if (!seen(s, a)) {
      return Optional.empty();
    }
    return Optional.of(
        readers.rows(
            "SELECT CASE WHEN from_address = ? THEN to_address ELSE from_address END AS address,"
                + " count(*) AS transactions, sum(value) AS value FROM " + s + ".transactions"
                + " WHERE (from_address = ? OR to_address = ?) AND to_address IS NOT NULL AND from_address <> to_address"
                + " GROUP BY 1 ORDER BY transactions DESC, address LIMIT 10",
            a,
            a,
            a));
  }

  @Override
  public Page history(String s, String address, Optional<Cursor> after, int limit) {
    String a = address(address);
    // position of a change in the chain: block * 2^20 + transaction index + 1 (0 for block-level changes)
    long before = after.map(c -> c.first()).orElse(Long.MAX_VALUE);
    List<Map<String, Object>> rows =
        readers.rows(
            "WITH c AS (SELECT block_number * 1048576 + coalesce(transaction_index + 1, 0) AS tx_id, block_number,"
                + " transaction_hash, kind, delta FROM " + s + ".balance_changes WHERE address = ?)"
                + " SELECT c.tx_id, c.block_number, c.transaction_hash, b.timestamp, array_agg(DISTINCT CAST(c.kind AS VARCHAR) ORDER BY CAST(c.kind AS VARCHAR)) AS kinds,"
                + " sum(c.delta) AS delta FROM c JOIN " + s + ".blocks b ON b.number = c.block_number WHERE c.tx_id < ?"
                + " GROUP BY c.tx_id, c.block_number, c.transaction_hash, b.timestamp ORDER BY c.tx_id DESC LIMIT ?",
            a,
            before,
            limit + 1);
    return BitcoinExplorer.page(rows, limit, "tx_id", true);
  }

  @Override
  public List<Map<String, Object>> search(String s, String text) {
    List<Map<String, Object>> found = new ArrayList<>();
    String q = text.strip().toLowerCase(Locale.ROOT);
    if (Identifiers.isHeight(q) && readers.row("SELECT 1 FROM " + s + ".blocks WHERE number = ?", Long.parseLong(q)).isPresent()) {
      found.add(Map.of("type", "block", "id", q));
    }
    if (Identifiers.isEvmHash(q)) {
      if (readers.row("SELECT 1 FROM " + s + ".blocks WHERE hash = ?", q).isPresent()) {
        found.add(Map.of("type", "block", "id", q));
      }
      if (readers.row("SELECT 1 FROM " + s + ".transactions WHERE hash = ?", q).isPresent()) {
        found.add(Map.of("type", "transaction", "id", q));
      }
    }
    if (Identifiers.isEvmAddress(q) && seen(s, q)) {
      found.add(Map.of("type", "address", "id", q));
    }
    return found;
  }

  /**
   * Whether the chain names the address anywhere: a change of its ether balance, a transaction from or to it, a token
   * transfer, or a contract created there. Balance changes alone miss contracts that are only called and addresses that
   * only ever held tokens.
   */
  private boolean seen(String s, String address) {
    return readers
        .row(
            "SELECT 1 WHERE EXISTS (SELECT 1 FROM " + s + ".balance_changes WHERE address = ?)"
                + " OR EXISTS (SELECT 1 FROM " + s + ".transactions WHERE to_address = ? OR from_address = ?)"
                + " OR EXISTS (SELECT 1 FROM " + s + ".token_transfers WHERE to_address = ? OR from_address = ?)"
                + " OR EXISTS (SELECT 1 FROM " + s + ".contracts WHERE address = ?)",
            address, address, address, address, address, address)
        .isPresent();
  }

  private static String address(String address) {
    if (!Identifiers.isEvmAddress(address)) {
      throw ApiException.badRequest("an address of this chain is 0x and 40 hex digits, not '" + Identifiers.shorten(address) + "'");
    }
    return address.toLowerCase(Locale.ROOT);
  }
}
